"""Calendar files parse with icalendar and keep London wall-clock times across the clock change."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from cms.models import EventPage
from events import services
from events.calendar import member_calendar_events
from tests.cms.helpers import child, event_index

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def _event(title, start, end, **fields):
    return child(
        event_index(),
        EventPage,
        title=title,
        event_type="forum",
        start=start,
        end=end,
        place="Plymouth",
        **fields,
    )


@pytest.fixture
def around_the_change(db):
    # The clocks go forward at 01:00 UTC on 29 March 2026; 10:00 is GMT before, BST after.
    before = _event(
        "Before the change",
        datetime(2026, 3, 28, 10, 0, tzinfo=LONDON),
        datetime(2026, 3, 28, 16, 0, tzinfo=LONDON),
    )
    after = _event(
        "After the change",
        datetime(2026, 3, 30, 10, 0, tzinfo=LONDON),
        datetime(2026, 3, 30, 16, 0, tzinfo=LONDON),
    )
    return before, after


def _vevents(data: bytes):
    calendar = Calendar.from_ical(data)
    return calendar, [c for c in calendar.walk("VEVENT")]


def test_an_events_ics_file_parses_with_london_times(client, around_the_change):
    for event in around_the_change:
        response = client.get(event.url + "calendar/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        calendar, (vevent,) = _vevents(response.content)
        start = vevent.decoded("dtstart")
        assert str(start.tzinfo) == "Europe/London"
        assert (start.hour, start.minute) == (10, 0)
        assert start == event.start
        assert vevent.decoded("dtend") == event.end
        assert str(vevent["summary"]) == event.title
        assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]


def test_utc_offsets_differ_across_the_clock_change(client, around_the_change):
    before, after = (
        _vevents(client.get(e.url + "calendar/").content)[1][0].decoded("dtstart")
        for e in around_the_change
    )
    assert before.utcoffset().total_seconds() == 0
    assert after.utcoffset().total_seconds() == 3600


def test_a_members_calendar_lists_the_events_they_have_a_place_at(around_the_change, officer):
    before, after = around_the_change
    for event in around_the_change:
        event.start = event.start.replace(year=2099)
        event.end = event.end.replace(year=2099)
        event.save_revision().publish()
    services.event_register(event=after, user=officer)
    services.event_register(event=before, user=officer)
    services.event_cancel(event=before, user=officer)
    summaries = [str(v["summary"]) for v in member_calendar_events(officer)]
    assert summaries == ["After the change"]


def test_the_members_personal_calendar_feed_includes_their_events(
    client, officer, around_the_change
):
    from mentoring.services.calendar import calendar_feed_for

    before, after = around_the_change
    after.start, after.end = after.start.replace(year=2099), after.end.replace(year=2099)
    after.save_revision().publish()
    services.event_register(event=after, user=officer)
    response = client.get(calendar_feed_for(user=officer).get_absolute_url())
    assert response.status_code == 200
    calendar, vevents = _vevents(response.content)
    assert [str(v["summary"]) for v in vevents] == ["After the change"]
    start = vevents[0].decoded("dtstart")
    assert str(start.tzinfo) == "Europe/London" and start.hour == 10
