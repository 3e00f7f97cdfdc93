"""The ideas bank's part of the site search: only ideas the reader may see."""

from core.search import SearchHit
from ideasbank.models import Idea


def search_ideas(user, query: str, limit: int) -> list[SearchHit]:
    ideas = Idea.objects.visible_to(user).search(query).order_by("-vote_count", "-pk")[:limit]
    return [
        SearchHit(title=idea.title, url=idea.get_absolute_url(), kind="Idea", summary=idea.summary)
        for idea in ideas
    ]
