"""iCalendar files for events: one event's .ics, and the events in a member's personal feed."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

LONDON = ZoneInfo("Europe/London")
PRODID = "-//Co-operative Councils Innovation Network//Network hub//EN"
# Past events stay in a member's feed this long, so last month's still shows.
FEED_HISTORY = timedelta(days=90)


def absolute_url(page) -> str:
    url = page.get_url() or ""
    if url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL.rstrip("/") + url


def event_component(event) -> Event:
    """The VEVENT for a network event, in London time (a VTIMEZONE is added with it)."""
    url = absolute_url(event)
    component = Event()
    component.add("uid", f"event-{event.pk}@ccin-hub")
    component.add("summary", event.title)
    component.add("dtstart", timezone.localtime(event.start, LONDON))
    component.add("dtend", timezone.localtime(event.end, LONDON))
    component.add("dtstamp", timezone.now())
    if event.last_published_at:
        component.add("last-modified", event.last_published_at)
    if event.place:
        component.add("location", event.place)
    description = f"{event.summary}\n\n{url}" if event.summary else url
    component.add("description", description)
    component.add("url", url)
    return component


def calendar_bytes(events, name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/London")
    for event in events:
        cal.add_component(event_component(event))
    cal.add_missing_timezones()
    return cal.to_ical()


def event_ics(event) -> bytes:
    return calendar_bytes([event], event.title)


def member_calendar_events(user) -> list[Event]:
    """VEVENTs for the live events this member holds a place at, for their personal feed."""
    from cms.models import EventPage
    from events.models import Registration

    if not getattr(user, "is_authenticated", False):
        return []
    events = EventPage.objects.live().filter(
        registrations__user=user,
        registrations__state=Registration.State.REGISTERED,
        end__gte=timezone.now() - FEED_HISTORY,
    )
    return [event_component(event) for event in events.order_by("start")]
