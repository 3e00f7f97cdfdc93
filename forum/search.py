"""The discussions' part of the site search: only threads the reader may open."""

from core.search import SearchHit
from forum.models import Thread


def search_threads(user, query: str, limit: int) -> list[SearchHit]:
    threads = Thread.objects.visible_to(user).search(query).order_by("-last_post_at", "-pk")[:limit]
    return [
        SearchHit(
            title=thread.title,
            url=thread.get_absolute_url(),
            kind=f"Discussion in {thread.category.name}",
            summary=thread.opening_text[:200],
        )
        for thread in threads
    ]
