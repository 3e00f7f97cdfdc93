"""Wagtail pages and events in the hub's search, respecting page privacy."""

from cms.models import EventPage
from cms.privacy import listing_restrictions, pages_visible_to
from core.search import SearchHit, SearchSource, once_per_search
from members.permissions import is_network_editor


def _summary(specific) -> str:
    summary = getattr(specific, "summary", "") or getattr(specific, "introduction", "")
    if not isinstance(summary, str) or summary.startswith("<"):
        return ""
    return summary


def page_hit(page) -> SearchHit:
    specific = page.specific_deferred
    kind = specific._meta.verbose_name.capitalize()
    return SearchHit(title=page.title, url=page.url or "", kind=kind, summary=_summary(specific))


def event_hit(event) -> SearchHit:
    when = event.start.strftime("%-d %B %Y") if getattr(event, "start", None) else ""
    summary = " · ".join(part for part in (when, _summary(event)) if part)
    return SearchHit(title=event.title, url=event.url or "", kind="Event", summary=summary)


def _visible(user, pages=None):
    # Both sections read the view restrictions once (network editors need none).
    restrictions = (
        None
        if is_network_editor(user)
        else once_per_search("cms.restrictions", listing_restrictions)
    )
    return pages_visible_to(user, pages, restrictions=restrictions)


def pages_source(user) -> SearchSource:
    # specific(): the page's summary is read from one query per page type, not per page.
    pages = _visible(user).filter(depth__gt=1).not_type(EventPage).specific()
    return SearchSource(key="pages", label="Pages and library", queryset=pages, hit=page_hit)


def events_source(user) -> SearchSource:
    events = _visible(user, EventPage.objects.all())
    return SearchSource(key="events", label="Events", queryset=events, hit=event_hit)
