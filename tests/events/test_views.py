"""The event page's registration box, its actions, and the host's attendee list, by HTTP."""

import csv
import io

import pytest

from events import services
from events.models import Invitation, Registration
from tests import factories
from tests.cms.helpers import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(council):
    return make_event("Forum session: energy", capacity=1, host_council=council)


def test_a_visitor_sees_a_sign_in_link_and_posting_sends_them_to_sign_in(client, event):
    html = client.get(event.url).content.decode()
    assert "Sign in to register" in html
    response = client.post(event.url + "register/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Registration.objects.exists()


def test_a_pending_member_is_told_registration_is_for_members(client_for, pending, event):
    client = client_for(pending)
    assert "Registration is for confirmed members" in client.get(event.url).content.decode()
    assert client.post(event.url + "register/").status_code == 403


def test_a_member_registers_then_cancels(client_for, officer, event):
    client = client_for(officer)
    response = client.post(event.url + "register/", follow=True)
    html = response.content.decode()
    assert "You are registered" in html
    assert "Cancel my place" in html
    response = client.post(event.url + "cancel/", follow=True)
    assert "Cancelled" in response.content.decode()
    assert Registration.objects.get().state == Registration.State.CANCELLED


def test_a_double_submit_shows_a_clear_message(client_for, officer, event):
    client = client_for(officer)
    client.post(event.url + "register/")
    html = client.post(event.url + "register/", follow=True).content.decode()
    assert "already registered" in html
    assert Registration.objects.count() == 1


def test_when_full_a_member_joins_the_waiting_list_and_sees_their_place_in_it(
    client_for, officer, other_officer, event
):
    client_for(officer).post(event.url + "register/")
    html = client_for(other_officer).post(event.url + "register/", follow=True).content.decode()
    assert "on the waiting list" in html
    assert "You are number 1 on the waiting list" in html


def test_an_offered_place_is_accepted_on_the_page(client_for, officer, other_officer, event):
    services.event_register(event=event, user=officer)
    services.event_register(event=event, user=other_officer)
    services.event_cancel(event=event, user=officer)
    client = client_for(other_officer)
    assert "Accept the place" in client.get(event.url).content.decode()
    client.post(event.url + "offer/accept/")
    assert Registration.objects.get(user=other_officer).state == Registration.State.REGISTERED


def test_actions_need_post(client_for, officer, event):
    assert client_for(officer).get(event.url + "register/").status_code == 405


def test_a_non_invitee_sees_why_and_cannot_register(client_for, officer, council):
    roundtable = make_event("Roundtable", registration="invitation", host_council=council)
    client = client_for(officer)
    assert "by invitation only" in client.get(roundtable.url).content.decode()
    assert client.post(roundtable.url + "register/").status_code == 403


def test_the_host_lead_sees_and_exports_the_attendee_list(client_for, lead, officer, event):
    services.event_register(event=event, user=officer)
    client = client_for(lead)
    assert "Attendee list" in client.get(event.url).content.decode()
    html = client.get(event.url + "attendees/").content.decode()
    assert officer.name in html and officer.email in html
    response = client.get(event.url + "attendees/csv/")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:2] == ["Name", "Email"]
    assert rows[1][:2] == [officer.name, officer.email]


@pytest.mark.parametrize("role", ["officer", "other_lead", "pending"])
def test_others_cannot_see_the_attendee_list(role, client_for, officer, other_lead, pending, event):
    services.event_register(event=event, user=officer)
    client = client_for({"officer": officer, "other_lead": other_lead, "pending": pending}[role])
    assert "Attendee list" not in client.get(event.url).content.decode()
    for url in ("attendees/", "attendees/csv/"):
        response = client.get(event.url + url)
        assert response.status_code == 403
        assert officer.email.encode() not in response.content


def test_a_visitor_asking_for_the_attendee_list_is_sent_to_sign_in(client, event):
    assert client.get(event.url + "attendees/")["Location"].startswith("/accounts/login/")


def test_a_spreadsheet_formula_in_a_name_is_exported_as_text(client_for, lead, council, event):
    sly = factories.officer(council, name="=HYPERLINK(1)")
    services.event_register(event=event, user=sly)
    rows = list(
        csv.reader(io.StringIO(client_for(lead).get(event.url + "attendees/csv/").content.decode()))
    )
    assert rows[1][0] == "'=HYPERLINK(1)"


def test_the_host_lead_invites_a_member_and_a_council(
    client_for, lead, council, other_council, other_officer
):
    roundtable = make_event("Roundtable", registration="invitation", host_council=council)
    client = client_for(lead)
    response = client.post(roundtable.url + "invitations/", {"email": other_officer.email})
    assert response.status_code == 302
    client.post(roundtable.url + "invitations/", {"council": other_council.pk})
    assert Invitation.objects.filter(event=roundtable).count() == 2
    assert other_officer.notifications.filter(kind="events.invitation").exists()


def test_inviting_an_unknown_address_is_bad_input(client_for, lead, council):
    roundtable = make_event("Roundtable", registration="invitation", host_council=council)
    response = client_for(lead).post(roundtable.url + "invitations/", {"email": "nobody@x.org"})
    assert response.status_code == 400
    assert "No confirmed member has this email address." in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_lead_of_another_council_cannot_invite(client_for, other_lead, council, officer):
    roundtable = make_event("Roundtable", registration="invitation", host_council=council)
    response = client_for(other_lead).post(
        roundtable.url + "invitations/", {"email": officer.email}
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_withdrawing_an_invitation(client_for, lead, council, officer):
    roundtable = make_event("Roundtable", registration="invitation", host_council=council)
    invitation = services.invitation_create(event=roundtable, actor=lead, user=officer)
    client_for(lead).post(f"{roundtable.url}invitations/{invitation.pk}/withdraw/")
    assert not Invitation.objects.exists()
    assert client_for(lead).post(f"{roundtable.url}invitations/999/withdraw/").status_code == 404


def test_the_events_index_lists_members_only_events_for_members_only(client_for, officer, pending):
    make_event("Open forum")
    make_event("Closed development session", restricted=True)
    for person, sees in ((None, False), (pending, False), (officer, True)):
        html = client_for(person).get("/events/").content.decode()
        assert "Open forum" in html
        assert ("Closed development session" in html) == sees


def test_the_events_index_shows_places_left_and_the_members_own_registration(
    client_for, officer, event
):
    client = client_for(officer)
    assert "1 place left" in client.get("/events/").content.decode()
    services.event_register(event=event, user=officer)
    assert "You: registered" in client.get("/events/").content.decode()


def test_a_past_event_shows_its_liveblog_and_library_items(client, council):
    from cms.demo import home_page
    from cms.models import CaseStudyPage, EventRelatedItem
    from liveblogs.models import LiveblogIndexPage, LiveblogPage
    from tests.cms.helpers import child, library_index

    study = child(library_index(), CaseStudyPage, title="Young Lambeth Co-operative")
    event = make_event("Network meeting", days=-30, related_items=[EventRelatedItem(page=study)])
    blogs = child(home_page(), LiveblogIndexPage, title="Liveblogs", slug="liveblogs")
    child(blogs, LiveblogPage, title="Plymouth live", event=event, state="ended")
    html = client.get(event.url).content.decode()
    assert "Liveblog of the event" in html and "Plymouth live" in html
    assert "Young Lambeth Co-operative" in html
    assert "Your place" not in html  # no registration box once it is over


def test_the_liveblog_links_its_event_for_readers_who_may_open_it(client_for, officer):
    from cms.demo import home_page
    from liveblogs.models import LiveblogIndexPage, LiveblogPage
    from tests.cms.helpers import child

    open_event = make_event("Open meeting", days=-2)
    closed_event = make_event("Closed meeting", days=-3, restricted=True)
    blogs = child(home_page(), LiveblogIndexPage, title="Liveblogs", slug="liveblogs")
    open_blog = child(blogs, LiveblogPage, title="Open blog", event=open_event, state="ended")
    blog = child(blogs, LiveblogPage, title="Blog of closed", event=closed_event, state="ended")
    assert f'href="{open_event.url}"' in client_for(None).get(open_blog.url).content.decode()
    assert f'href="{closed_event.url}"' not in client_for(None).get(blog.url).content.decode()
    assert f'href="{closed_event.url}"' in client_for(officer).get(blog.url).content.decode()
