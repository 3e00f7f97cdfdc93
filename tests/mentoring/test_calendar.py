"""The .ics file and the personal feed parse with icalendar, in Europe/London."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from mentoring.models import CalendarFeed
from mentoring.services.applications import (
    application_decide,
    application_submit,
    application_withdraw,
)
from mentoring.services.calendar import calendar_feed_for
from tests.mentoring.conftest import make_placement

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def accepted(lead, officer, other_officer):
    # 30 March 2027 is after the clocks go forward, so BST (+01:00) applies.
    placement = make_placement(
        lead,
        officer,
        start_date=date(2027, 3, 30),
        end_date=date(2027, 3, 31),
        day_starts=time(9, 30),
        day_ends=time(16, 0),
        closing_date=date(2027, 3, 1),
    )
    application = application_submit(
        placement=placement, applicant=other_officer, statement="Please"
    )
    return application_decide(actor=lead, application=application, decision="accept")


def events(body: bytes):
    return Calendar.from_ical(body).walk("VEVENT")


def test_ics_for_accepted_application_has_london_times(client_for, accepted, other_officer):
    response = client_for(other_officer).get(
        reverse("mentoring:application_ics", args=[accepted.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "Europe/London"
    (event,) = cal.walk("VEVENT")
    start = event.decoded("DTSTART")
    end = event.decoded("DTEND")
    assert start == datetime(2027, 3, 30, 9, 30, tzinfo=LONDON)
    assert str(start.tzinfo) == "Europe/London"
    assert start.utcoffset() == timedelta(hours=1)
    assert end == datetime(2027, 3, 31, 16, 0, tzinfo=LONDON)
    assert "Community energy in Oldham" in str(event["SUMMARY"])


def test_date_only_placement_is_all_day(lead, officer, other_officer, client_for):
    placement = make_placement(
        lead, officer, start_date=date(2027, 1, 12), end_date=date(2027, 1, 13),
        closing_date=date(2027, 1, 1),
    )  # fmt: skip
    application = application_submit(
        placement=placement, applicant=other_officer, statement="Please"
    )
    application_decide(actor=lead, application=application, decision="accept")
    response = client_for(other_officer).get(
        reverse("mentoring:application_ics", args=[application.pk])
    )
    (event,) = events(response.content)
    assert event.decoded("DTSTART") == date(2027, 1, 12)
    assert event.decoded("DTEND") == date(2027, 1, 14)  # exclusive end


def test_ics_refused_until_accepted_and_to_others(
    client_for, lead, placement, other_officer, other_lead
):
    application = application_submit(
        placement=placement, applicant=other_officer, statement="Please"
    )
    url = reverse("mentoring:application_ics", args=[application.pk])
    assert client_for(other_officer).get(url).status_code == 404
    application_decide(actor=lead, application=application, decision="accept")
    assert client_for(other_lead).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302


def test_personal_feed_holds_visits_and_hosting(client_for, accepted, other_officer, officer):
    for person in (other_officer, officer):
        feed = calendar_feed_for(user=person)
        response = client_for(None).get(feed.get_absolute_url())
        assert response.status_code == 200
        (event,) = events(response.content)
        assert event.decoded("DTSTART") == datetime(2027, 3, 30, 9, 30, tzinfo=LONDON)


def test_feed_token_is_secret_and_regenerable(client_for, accepted, other_officer):
    client = client_for(other_officer)
    page = client.get(reverse("mentoring:calendar"))
    old = CalendarFeed.objects.get(user=other_officer)
    assert old.token in page.content.decode()
    assert len(old.token) >= 32
    client.post(reverse("mentoring:calendar"))
    new = CalendarFeed.objects.get(user=other_officer)
    assert new.token != old.token
    assert (
        client_for(None).get(reverse("mentoring:calendar_feed", args=[old.token])).status_code
        == 404
    )
    assert client_for(None).get(new.get_absolute_url()).status_code == 200
    assert client_for(None).get("/shadowing/calendar/not-a-token.ics").status_code == 404


def test_withdrawn_placement_leaves_the_feed(client_for, accepted, other_officer):
    application_withdraw(actor=other_officer, application=accepted)
    feed = calendar_feed_for(user=other_officer)
    assert events(client_for(None).get(feed.get_absolute_url()).content) == []
