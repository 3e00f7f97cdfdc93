"""Placements in the hub's search: members only, drafts only for the host council."""

import pytest

from mentoring.search import search_placements
from tests.mentoring.conftest import make_placement

pytestmark = pytest.mark.django_db


def titles(user, query="energy"):
    return [hit.title for hit in search_placements(user, query, 10)]


def test_visitor_and_pending_member_find_nothing(placement, pending):
    from django.contrib.auth.models import AnonymousUser

    assert titles(AnonymousUser()) == []
    assert titles(pending) == []


def test_member_finds_open_placements_but_not_other_councils_drafts(
    lead, officer, other_officer, placement
):
    make_placement(lead, officer, title="Energy draft", state="draft")
    assert titles(other_officer) == ["Community energy in Oldham"]
    assert sorted(titles(officer)) == ["Community energy in Oldham", "Energy draft"]


def test_search_by_theme_and_council(other_officer, placement):
    assert titles(other_officer, "social value") == ["Community energy in Oldham"]
    assert titles(other_officer, "Oldham") == ["Community energy in Oldham"]
    assert titles(other_officer, "nothing like this") == []
