"""The main journey in a real browser: offer, apply, accept, see it, download the .ics."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from mentoring.models import Application, Placement
from tests.conftest import assert_accessible, login

pytestmark = pytest.mark.browser


def test_lead_offers_officer_applies_lead_accepts_officer_downloads_ics(
    hub_server, browser, lead, officer, other_officer
):
    start = timezone.localdate() + timedelta(days=30)
    lead_page = browser.new_context().new_page()
    login(lead_page, hub_server, lead.email)
    lead_page.goto(hub_server.url + "/shadowing/placements/new/")
    lead_page.get_by_label("Title").fill("A week with Oldham's energy team")
    lead_page.get_by_label("What the visitor will see and do").fill("Meetings and a site visit.")
    lead_page.get_by_label("Host officer").select_option(label=str(officer))
    lead_page.get_by_label("Themes").fill("co-operative energy")
    lead_page.get_by_label("Format").select_option("in-person")
    lead_page.get_by_label(re.compile(r"^Place")).fill("Oldham Civic Centre")
    lead_page.get_by_label("Start date").fill(start.isoformat())
    lead_page.get_by_label("End date").fill((start + timedelta(days=1)).isoformat())
    lead_page.get_by_label("Each day starts at").fill("09:30")
    lead_page.get_by_label("Each day ends at").fill("16:30")
    lead_page.get_by_label("Number of places").fill("2")
    lead_page.get_by_label("Closing date for applications").fill(
        (start - timedelta(days=7)).isoformat()
    )
    lead_page.get_by_role("button", name="Publish the placement").click()
    expect(lead_page.get_by_role("heading", level=1)).to_have_text(
        "A week with Oldham's energy team"
    )
    placement = Placement.objects.get()

    visitor = browser.new_context().new_page()
    login(visitor, hub_server, other_officer.email)
    visitor.goto(hub_server.url + "/shadowing/")
    expect(visitor.get_by_role("link", name="A week with Oldham's energy team")).to_be_visible()
    assert_accessible(visitor)
    visitor.get_by_role("link", name="A week with Oldham's energy team").click()
    assert_accessible(visitor)
    visitor.get_by_role("link", name="Apply for this placement").click()
    assert_accessible(visitor)
    visitor.get_by_label("Why you would like to take part").fill("I run our energy work.")
    visitor.get_by_label("Preferred dates").fill("Either day")
    visitor.get_by_role("button", name="Send my application").click()
    expect(visitor.locator("#application-state")).to_have_text("Waiting for a decision")
    assert_accessible(visitor)

    lead_page.goto(hub_server.url + placement.get_absolute_url())
    lead_page.get_by_role("button", name=f"Accept {other_officer.name}").click()
    expect(lead_page.get_by_text("decision saved")).to_be_visible()
    assert Application.objects.get().state == "accepted"

    visitor.reload()
    expect(visitor.locator("#application-state")).to_have_text("Accepted")
    with visitor.expect_download() as download_info:
        visitor.get_by_role("link", name="Download the calendar file (.ics)").click()
    path = download_info.value.path()
    (event,) = Calendar.from_ical(open(path, "rb").read()).walk("VEVENT")
    starts = event.decoded("DTSTART")
    assert starts.date() == start and str(starts.tzinfo) == "Europe/London"
    assert starts.hour == 9 and starts.minute == 30
    assert any(other_officer.email in mail for mail in hub_server.emails())


def test_member_and_lead_pages_are_accessible(hub_server, browser, lead, officer, other_officer):
    from mentoring.services.applications import application_submit
    from mentoring.services.mentorships import mentor_offer_save, mentoring_request_create
    from tests.mentoring.conftest import make_placement

    def setup():
        placement = make_placement(lead, officer)
        application = application_submit(
            placement=placement, applicant=other_officer, statement="Please"
        )
        mentor_offer_save(
            mentor=officer, themes=["co-operative energy"], capacity=2, format="online"
        )
        request = mentoring_request_create(
            mentee=other_officer, goals="Start an energy scheme.", themes=["co-operative energy"]
        )
        return placement, application, request

    placement, application, request = setup()
    member = browser.new_context().new_page()
    login(member, hub_server, other_officer.email)
    for path in (
        "/shadowing/mentoring/",
        request.get_absolute_url(),
        "/shadowing/calendar/",
        "/shadowing/applications/",
        "/shadowing/?month=not-a-month",
    ):
        member.goto(hub_server.url + path)
        expect(member.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(member)
    host = browser.new_context().new_page()
    login(host, hub_server, lead.email)
    for path in (
        "/shadowing/placements/new/",
        "/shadowing/council/",
        placement.get_absolute_url(),
        application.get_absolute_url(),
        f"/shadowing/placements/{placement.pk}/edit/",
    ):
        host.goto(hub_server.url + path)
        expect(host.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(host)
    # A form sent back with errors is accessible too.
    host.goto(hub_server.url + "/shadowing/placements/new/")
    host.get_by_role("button", name="Publish the placement").click()
    expect(host.get_by_text("This field is required.").first).to_be_visible()
    assert_accessible(host)
