"""Each sign-up path, from the form to a decided membership."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from tests import factories

User = get_user_model()
PASSWORD = "a-Long-and-unusual-passphrase-77"


def sign_up(client, email, name="New Person", organisation=""):
    return client.post(
        "/accounts/signup/",
        {
            "email": email,
            "name": name,
            "organisation": organisation,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )


def follow_verification_link(client, message):
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", message.body).group(0)
    path = "/" + link.split("/", 3)[3]
    assert client.get(path).status_code == 200
    return client.post(path)


def test_verified_address_on_a_council_domain_makes_an_officer_at_once(client, council):
    response = sign_up(client, "amira@oldham.gov.uk", organisation="")
    assert response.status_code == 302
    user = User.objects.get(email="amira@oldham.gov.uk")
    assert user.status == User.Status.UNVERIFIED
    assert not user.is_member

    follow_verification_link(client, mail.outbox[-1])

    user.refresh_from_db()
    assert user.status == User.Status.CONFIRMED
    assert user.organisation == council
    assert user.is_member


def test_domain_match_overrides_a_different_chosen_organisation(client, council, other_council):
    sign_up(client, "ben@oldham.gov.uk", organisation=other_council.pk)
    follow_verification_link(client, mail.outbox[-1])
    user = User.objects.get(email="ben@oldham.gov.uk")
    assert (user.status, user.organisation) == (User.Status.CONFIRMED, council)


def test_other_address_waits_then_the_council_lead_confirms(
    client, client_for, council, lead, django_capture_on_commit_callbacks
):
    sign_up(client, "cara@gmail.example", organisation=council.pk)
    follow_verification_link(client, mail.outbox[-1])
    user = User.objects.get(email="cara@gmail.example")
    assert user.status == User.Status.PENDING
    assert user.organisation == council
    assert lead.notifications.filter(kind="membership.request").exists()

    lead_client = client_for(lead)
    page = lead_client.get("/members/requests/")
    assert b"cara@gmail.example" in page.content
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = lead_client.post(f"/members/requests/{user.pk}/confirm/")
    assert response.status_code == 302

    user.refresh_from_db()
    assert user.status == User.Status.CONFIRMED
    assert user.decided_by == lead
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["cara@gmail.example"]
    assert "confirmed" in mail.outbox[0].subject


def test_pending_then_refused_with_a_reason_by_the_lead(
    client, client_for, council, lead, django_capture_on_commit_callbacks
):
    sign_up(client, "dev@gmail.example", organisation=council.pk)
    follow_verification_link(client, mail.outbox[-1])
    user = User.objects.get(email="dev@gmail.example")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client_for(lead).post(
            f"/members/requests/{user.pk}/refuse/", {"reason": "Not a council officer."}
        )

    user.refresh_from_db()
    assert user.status == User.Status.REFUSED
    assert not user.is_member
    assert len(mail.outbox) == 1
    assert "Not a council officer." in mail.outbox[0].body


def test_individual_affiliate_waits_for_a_network_editor(client, client_for, editor):
    sign_up(client, "eve@gmail.example", organisation="")
    follow_verification_link(client, mail.outbox[-1])
    user = User.objects.get(email="eve@gmail.example")
    assert user.status == User.Status.PENDING
    assert user.organisation is None

    response = client_for(editor).post(f"/admin/membership-requests/{user.pk}/confirm/")
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.status == User.Status.CONFIRMED


def test_a_lead_cannot_confirm_someone_into_another_council(client_for, other_council, lead):
    person = factories.pending_member(other_council)
    response = client_for(lead).post(f"/members/requests/{person.pk}/confirm/")
    assert response.status_code == 403
    person.refresh_from_db()
    assert person.status == User.Status.PENDING
    # Nor does the lead see them in the list.
    assert person.email.encode() not in client_for(lead).get("/members/requests/").content


def test_a_lead_cannot_use_the_wagtail_admin_decision(client_for, council, lead):
    person = factories.pending_member(council)
    response = client_for(lead).post(f"/admin/membership-requests/{person.pk}/confirm/")
    assert response.status_code in (302, 403)
    person.refresh_from_db()
    assert person.status == User.Status.PENDING


@pytest.mark.parametrize("role", ["visitor", "officer", "pending"])
def test_people_who_are_not_leads_cannot_see_or_decide_requests(
    role, client_for, council, officer, pending
):
    person = factories.pending_member(council)
    user = {"visitor": None, "officer": officer, "pending": pending}[role]
    c = client_for(user)
    assert c.get("/members/requests/").status_code in (302, 403)
    assert c.post(f"/members/requests/{person.pk}/confirm/").status_code in (302, 403)
    person.refresh_from_db()
    assert person.status == User.Status.PENDING


def test_deciding_twice_reports_the_first_decision(client_for, council, lead):
    person = factories.pending_member(council)
    c = client_for(lead)
    c.post(f"/members/requests/{person.pk}/confirm/")
    response = c.post(f"/members/requests/{person.pk}/refuse/", follow=True)
    assert b"already been decided" in response.content
    person.refresh_from_db()
    assert person.status == User.Status.CONFIRMED


def test_malformed_email_gets_a_clear_message_and_creates_nothing(client, council):
    response = sign_up(client, "not-an-email")
    assert response.status_code == 200
    assert b"Enter a valid email address" in response.content
    assert not User.objects.filter(name="New Person").exists()


def test_taken_address_creates_nothing_and_says_nothing_revealing(client, officer):
    before = User.objects.count()
    response = sign_up(client, officer.email)
    # allauth prevents account enumeration: same path as a new sign-up, no new account.
    assert response.status_code in (200, 302)
    assert User.objects.count() == before


def test_wrong_password_many_times_is_rate_limited_without_a_500(client, officer):
    responses = [
        client.post("/accounts/login/", {"login": officer.email, "password": "wrong password"})
        for _ in range(8)
    ]
    assert all(r.status_code in (200, 429) for r in responses)
    assert b"Too many failed login attempts" in responses[-1].content
    # The right password is refused too while the limit holds, and no session starts.
    response = client.post(
        "/accounts/login/", {"login": officer.email, "password": factories.PASSWORD}
    )
    assert b"Too many failed login attempts" in response.content
    assert "_auth_user_id" not in client.session


def test_right_password_signs_in(client, officer):
    response = client.post(
        "/accounts/login/", {"login": officer.email, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_wrong_password_shows_a_clear_message(client, officer):
    response = client.post("/accounts/login/", {"login": officer.email, "password": "nope"})
    assert response.status_code == 200
    assert b"not correct" in response.content
