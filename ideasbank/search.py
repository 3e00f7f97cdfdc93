"""The ideas bank's part of the site search, and "similar ideas" while writing one.

Both draw only from the ideas the reader may see, ranked by the site search
(stemmed, titles weighted).
"""

from core.search import SearchHit, SearchSource, ranked, search_terms
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
    return [idea_hit(idea) for idea in ranked(Idea.objects.visible_to(user), query, limit=limit)]


SIMILAR_LIMIT = 5
# Words in nearly every idea's title: alone they make nothing similar.
COMMON_WORDS = frozenset({"council", "councils", "idea", "ideas"})


def similar_ideas(user, title: str, *, exclude_pk=None, limit: int = SIMILAR_LIMIT) -> list[Idea]:
    """Ideas the reader may see sharing words with the title being written, the most alike first.

    Any word may match (a title being written is not a search for all its words);
    the ranking puts ideas matching more of them, and in their titles, first.
    """
    # Fragments such as the "co" of "co-operative" match half the bank: left out.
    words = [w for w in search_terms(title).split() if len(w) > 2 and w not in COMMON_WORDS]
    if not words:
        return []
    ideas = Idea.objects.visible_to(user)
    if exclude_pk is not None:
        ideas = ideas.exclude(pk=exclude_pk)
    return ranked(ideas, " ".join(words), limit=limit, operator="or")
