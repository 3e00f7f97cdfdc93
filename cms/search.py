"""Wagtail pages in the hub's search, respecting page privacy."""

from wagtail.models import Page, PageViewRestriction

from core.search import SearchHit, register_search_provider
from members.permissions import is_member


def visible_pages(user):
    """Live pages this person may read: public ones, plus sign-in-only ones for members.

    Pages behind a password or a group restriction stay out of search for everyone.
    """
    pages = Page.objects.live().filter(depth__gt=1)
    if is_member(user):
        restricted = PageViewRestriction.objects.exclude(restriction_type=PageViewRestriction.LOGIN)
        for restriction in restricted.select_related("page"):
            pages = pages.not_descendant_of(restriction.page, inclusive=True)
        return pages
    return pages.public()


def search_pages(user, query: str, limit: int) -> list[SearchHit]:
    hits = []
    for page in visible_pages(user).search(query)[:limit]:
        specific = page.specific_deferred
        summary = getattr(specific, "summary", "") or getattr(specific, "introduction", "")
        if not isinstance(summary, str) or summary.startswith("<"):
            summary = ""
        hits.append(SearchHit(title=page.title, url=page.url or "", kind="page", summary=summary))
    return hits


def register() -> None:
    register_search_provider("pages", 40, "Pages, library and events", search_pages)
