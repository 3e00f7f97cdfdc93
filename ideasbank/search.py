"""The ideas bank's part of the site search: only ideas the reader may see."""

from core.search import SearchHit, SearchSource, ranked
from ideasbank.models import Idea


def idea_hit(idea) -> SearchHit:
    return SearchHit(
        title=idea.title, url=idea.get_absolute_url(), kind="Idea", summary=idea.summary
    )


def ideas_source(user) -> SearchSource:
    return SearchSource(
        key="ideas", label="Ideas", queryset=Idea.objects.visible_to(user), hit=idea_hit
    )


def search_ideas(user, query: str, limit: int) -> list[SearchHit]:
    return [idea_hit(idea) for idea in ranked(Idea.objects.visible_to(user), query)[:limit]]
