"""Wagtail pages in the hub's search, respecting page privacy."""

from cms.permissions import visible_pages
from core.search import SearchHit, register_search_provider


def search_pages(user, query: str, limit: int) -> list[SearchHit]:
    hits = []
    for page in visible_pages(user).filter(depth__gt=1).search(query)[:limit]:
        specific = page.specific_deferred
        summary = getattr(specific, "summary", "") or getattr(specific, "introduction", "")
        if not isinstance(summary, str) or summary.startswith("<"):
            summary = ""
        hits.append(SearchHit(title=page.title, url=page.url or "", kind="page", summary=summary))
    return hits


def register() -> None:
    register_search_provider("pages", 40, "Pages, library and events", search_pages)
