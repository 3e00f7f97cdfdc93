"""Each role's access to the pages the foundation provides."""

import pytest

from cms.demo import load as load_pages
from members.permissions import (
    can_decide_membership,
    is_council_lead,
    is_member,
    is_moderator,
    is_network_editor,
)
from tests import factories

PUBLIC_PAGES = [
    "/",
    "/principles/",
    "/governance/",
    "/membership/",
    "/library/",
    "/events/",
    "/members/councils/",
    "/members/councils/oldham/",
]


class Out:
    def write(self, *args):
        pass


@pytest.fixture
def pages(council):
    load_pages(stdout=Out())


ROLES = ["visitor", "pending", "officer", "lead", "moderator", "editor"]


@pytest.fixture
def person(request, pending, officer, lead, moderator, editor):
    return {
        "visitor": None,
        "pending": pending,
        "officer": officer,
        "lead": lead,
        "moderator": moderator,
        "editor": editor,
    }


@pytest.mark.parametrize("role", ROLES)
def test_public_pages_open_for_every_role(role, person, pages, client_for):
    c = client_for(person[role])
    for path in PUBLIC_PAGES:
        assert c.get(path).status_code == 200, path
    # Signed-in people are sent on from the sign-in and sign-up pages.
    expected = 200 if person[role] is None else 302
    assert c.get("/accounts/login/").status_code == expected
    assert c.get("/accounts/signup/").status_code == expected


@pytest.mark.parametrize(
    "role,expected",
    [
        ("visitor", 302),
        ("pending", 403),
        ("officer", 403),
        ("moderator", 403),
        ("lead", 200),
        ("editor", 200),
    ],
)
def test_membership_requests_page_by_role(role, expected, person, client_for):
    assert client_for(person[role]).get("/members/requests/").status_code == expected


@pytest.mark.parametrize(
    "role,expected",
    [("visitor", 302), ("pending", 200), ("officer", 200), ("lead", 200), ("editor", 200)],
)
def test_account_page_needs_sign_in(role, expected, person, client_for):
    assert client_for(person[role]).get("/members/account/").status_code == expected


@pytest.mark.parametrize(
    "role,allowed",
    [
        ("visitor", False),
        ("pending", False),
        ("officer", False),
        ("lead", False),
        ("moderator", False),
        ("editor", True),
    ],
)
def test_only_editors_reach_the_wagtail_admin(role, allowed, person, client_for):
    response = client_for(person[role]).get("/admin/")
    assert (response.status_code == 200) is allowed
    if allowed:
        assert client_for(person[role]).get("/admin/membership-requests/").status_code == 200
        assert (
            client_for(person[role]).get("/admin/snippets/members/organisation/").status_code == 200
        )


def test_member_names_on_a_council_page_are_for_members_only(client_for, council, officer, pending):
    path = f"/members/councils/{council.slug}/"
    assert officer.name.encode() in client_for(officer).get(path).content
    assert officer.name.encode() not in client_for(None).get(path).content
    assert officer.name.encode() not in client_for(pending).get(path).content


def test_role_checks(council, other_council, officer, lead, moderator, editor, pending):
    assert is_member(officer) and not is_member(pending) and not is_member(None)
    assert is_council_lead(lead, council) and not is_council_lead(lead, other_council)
    assert not is_council_lead(officer)
    assert is_moderator(moderator) and is_moderator(editor) and not is_moderator(officer)
    assert is_network_editor(editor) and not is_network_editor(lead)
    someone_else = factories.pending_member(other_council)
    assert can_decide_membership(lead, pending)
    assert not can_decide_membership(lead, someone_else)
    assert can_decide_membership(editor, someone_else)
    assert not can_decide_membership(officer, pending)


def test_a_lead_who_is_no_longer_confirmed_loses_the_role(council, lead):
    lead.status = "refused"
    lead.save()
    assert not is_council_lead(lead, council)


def test_profile_update_with_bad_input_changes_nothing(client_for, officer):
    c = client_for(officer)
    response = c.post(
        "/members/account/",
        {
            "name": "",
            "job_title": "x" * 500,
            "bio": "",
            "expertise": "",
            "email_frequency": "hourly",
        },
    )
    # Bad input re-renders the form with its errors, as a 400 (the error layer).
    assert response.status_code == 400
    assert b"This field is required" in response.content
    officer.refresh_from_db()
    assert officer.name == "Olu Officer"


def test_profile_update_saves_themes_and_preference(client_for, officer):
    c = client_for(officer)
    response = c.post(
        "/members/account/",
        {
            "name": "Olu O.",
            "job_title": "Energy lead",
            "bio": "Hello",
            "expertise": "co-operative energy, social value",
            "email_frequency": "daily",
        },
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.email_frequency == "daily"
    assert sorted(t.name for t in officer.expertise.all()) == [
        "co-operative energy",
        "social value",
    ]
