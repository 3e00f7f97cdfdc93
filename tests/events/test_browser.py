"""Events in a real browser: register, see it in the calendar feed, cancel; invitation-only
roundtables; axe-core on the events index and an event page with and without a place."""

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from events import services
from events.models import Registration
from tests.cms.helpers import make_event
from tests.conftest import assert_accessible, login

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _real_password_hashers(settings):
    """The server process hashes with Django's defaults; MD5 (tests/conftest.py) fails there."""
    from django.conf import global_settings

    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS


def test_a_member_registers_sees_it_in_their_calendar_feed_and_cancels(
    hub_server, page, officer, council
):
    event = make_event("Forum session: community leadership", capacity=20, host_council=council)
    make_event("Members development session", restricted=True)
    login(page, hub_server, officer.email)

    page.goto(f"{hub_server.url}/events/")
    expect(page.get_by_text("20 places left")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Forum session: community leadership").click()
    assert_accessible(page)  # the event page, no registration yet
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("You are registered.").first).to_be_visible()
    assert_accessible(page)  # with a registration

    page.goto(f"{hub_server.url}/shadowing/calendar/")
    url = page.locator("#feed-url").input_value()
    calendar = Calendar.from_ical(page.request.get(url).body())
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == [event.title]

    page.goto(f"{hub_server.url}{event.url}")
    page.get_by_role("button", name="Cancel my place").click()
    expect(page.get_by_text("Cancelled.")).to_be_visible()
    expect(page.get_by_role("button", name="Register")).to_be_visible()
    assert Registration.objects.get().state == Registration.State.CANCELLED


def test_an_invitee_registers_for_a_roundtable_a_non_invitee_cannot(
    hub_server, browser, officer, other_officer, lead, council
):
    roundtable = make_event(
        "Policy roundtable: co-operative places",
        registration="invitation",
        capacity=12,
        host_council=council,
    )
    services.invitation_create(event=roundtable, actor=lead, user=other_officer)

    invitee = browser.new_context().new_page()
    login(invitee, hub_server, other_officer.email)
    invitee.goto(f"{hub_server.url}{roundtable.url}")
    invitee.get_by_role("button", name="Register").click()
    expect(invitee.get_by_text("You are registered.").first).to_be_visible()

    outsider = browser.new_context().new_page()
    login(outsider, hub_server, officer.email)
    outsider.goto(f"{hub_server.url}{roundtable.url}")
    expect(outsider.get_by_text("This event is by invitation only.").first).to_be_visible()
    expect(outsider.get_by_role("button", name="Register")).to_have_count(0)
    assert_accessible(outsider)

    host = browser.new_context().new_page()
    login(host, hub_server, lead.email)
    host.goto(f"{hub_server.url}{roundtable.url}attendees/")
    expect(host.get_by_role("cell", name=other_officer.name)).to_be_visible()
    assert_accessible(host)
    assert list(Registration.objects.values_list("user__email", flat=True)) == [other_officer.email]
