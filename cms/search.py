"""Wagtail pages in the hub's search, respecting page privacy."""

from cms.privacy import pages_visible_to
from core.search import SearchHit


def search_pages(user, query: str, limit: int) -> list[SearchHit]:
    hits = []
    for page in pages_visible_to(user).filter(depth__gt=1).search(query)[:limit]:
        specific = page.specific_deferred
        summary = getattr(specific, "summary", "") or getattr(specific, "introduction", "")
        if not isinstance(summary, str) or summary.startswith("<"):
            summary = ""
        hits.append(SearchHit(title=page.title, url=page.url or "", kind="page", summary=summary))
    return hits
