"""The hub-wide search never shows a visitor something members-only."""

import pytest
from wagtail.models import PageViewRestriction

from cms.demo import home_page
from cms.models import StandardPage


@pytest.fixture
def pages(db):
    home = home_page()
    public = StandardPage(
        title="Community energy guide",
        slug="energy-guide",
        introduction="How councils start community energy schemes.",
    )
    home.add_child(instance=public)
    private = StandardPage(
        title="Community energy briefing for members",
        slug="briefing",
        introduction="Members-only monthly briefing.",
    )
    home.add_child(instance=private)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return public, private


def test_visitors_find_public_pages_and_councils_only(client, pages, council):
    html = client.get("/search/", {"q": "community energy"}).content.decode()
    assert "Community energy guide" in html
    assert "briefing for members" not in html
    assert "Oldham Council" in client.get("/search/", {"q": "oldham"}).content.decode()


@pytest.mark.parametrize("role", ["pending", "officer"])
def test_members_only_pages_are_found_by_confirmed_members_only(
    role, client_for, pages, pending, officer
):
    user = {"pending": pending, "officer": officer}[role]
    html = client_for(user).get("/search/", {"q": "community energy"}).content.decode()
    assert ("briefing for members" in html) is (role == "officer")


def test_an_overlong_query_gets_a_clear_message(client, pages):
    response = client.get("/search/", {"q": "x" * 1000})
    assert response.status_code == 400
    assert "at most 200 characters" in response.content.decode()


def test_empty_query_shows_the_form(client, pages):
    response = client.get("/search/")
    assert response.status_code == 200
    assert 'role="search"' in response.content.decode()


def test_group_restricted_pages_stay_out_of_search_for_members(client_for, pages, officer):
    from django.contrib.auth.models import Group

    _, private = pages
    private.get_view_restrictions().delete()
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name="Network editors"))
    html = client_for(officer).get("/search/", {"q": "community energy"}).content.decode()
    assert "Community energy guide" in html
    assert "briefing for members" not in html


@pytest.mark.parametrize(
    "query",
    [
        '"community energy',
        'community energy"',
        '"community energy"',
        "community\x00energy",
        "\x00",
        '"',
        "energy*",
        "NEAR(community energy)",
        "title:energy",
        "community AND OR NOT",
        "'",
        "\\",
    ],
)
def test_odd_queries_never_fail(query, client, pages, council):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200


def test_a_quoted_phrase_still_finds_the_page(client, pages):
    html = client.get("/search/", {"q": '"community energy'}).content.decode()
    assert "Community energy guide" in html
    assert "\x00" not in client.get("/search/", {"q": "energy\x00"}).content.decode()
