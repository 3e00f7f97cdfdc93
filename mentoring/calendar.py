"""iCalendar output for accepted placements: one file, or a member's whole feed."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

LONDON = ZoneInfo("Europe/London")
PRODID = "-//Co-operative Councils Innovation Network//Network hub//EN"


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/London")
    return cal


def placement_event(application) -> Event | None:
    """An event for an accepted application's placement; None when it has no dates."""
    placement = application.placement
    if placement.start_date is None:
        return None
    end_date = placement.end_date or placement.start_date
    event = Event()
    event.add("uid", f"placement-{placement.pk}-application-{application.pk}@ccin-hub")
    event.add("summary", f"Shadowing placement: {placement.title}")
    if placement.day_starts and placement.day_ends:
        event.add("dtstart", datetime.combine(placement.start_date, placement.day_starts, LONDON))
        event.add("dtend", datetime.combine(end_date, placement.day_ends, LONDON))
    else:
        # All-day: DTEND is exclusive, so the day after the last day.
        event.add("dtstart", placement.start_date)
        event.add("dtend", end_date + timedelta(days=1))
    event.add("dtstamp", timezone.now())
    where = placement.place or placement.get_format_display()
    event.add("location", f"{where}, {placement.host_council.name}")
    url = settings.SITE_URL.rstrip("/") + application.get_absolute_url()
    event.add("url", url)
    event.add(
        "description",
        f"Hosted by {placement.host_officer} at {placement.host_council.name}. "
        f"Visitor: {application.applicant}. Details: {url}",
    )
    return event


def calendar_bytes(applications, name: str, extra_events=()) -> bytes:
    """The placements' events, and any others (the member's registered network events)."""
    cal = _calendar(name)
    for application in applications:
        event = placement_event(application)
        if event is not None:
            cal.add_component(event)
    for event in extra_events:
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
