"""Themes keep the one rule (a comma separates them); themes split by the old rule are repaired."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from mentoring.models import MentoringRequest, MentorOffer, Placement
from mentoring.services.mentorships import mentor_offer_save, mentoring_request_create
from tests import factories
from tests.mentoring.conftest import make_placement

pytestmark = pytest.mark.django_db


def names(obj) -> list[str]:
    return sorted(obj.themes.names())


class TestTypedThemesStayWhole:
    def test_placement_form(self, client_for, lead, officer):
        response = client_for(lead).post(
            reverse("mentoring:placement_create"),
            {
                "title": "Energy week", "description": "See the team.", "host_officer": officer.pk,
                "themes": "co-operative energy", "format": "online", "flexible": "on",
                "places": "3", "closing_date": "2030-01-01", "state": "open",
            },
        )  # fmt: skip
        assert response.status_code == 302
        assert names(Placement.objects.get()) == ["co-operative energy"]

    def test_mentor_offer_form(self, client_for, officer):
        client_for(officer).post(
            reverse("mentoring:mentor_offer_save"),
            {"themes": "co-operative energy", "capacity": "2", "format": "online", "is_open": "on"},
        )
        assert names(MentorOffer.objects.get()) == ["co-operative energy"]

    def test_mentoring_request_form(self, client_for, officer):
        client_for(officer).post(
            reverse("mentoring:request_create"),
            {"goals": "Start a scheme.", "themes": "co-operative energy"},
        )
        assert names(MentoringRequest.objects.get()) == ["co-operative energy"]

    def test_services_given_text(self, lead, officer, settings_fast_rate):
        placement = make_placement(lead, officer, themes="co-operative energy, social value")
        offer = mentor_offer_save(
            mentor=officer, themes="co-operative energy", capacity=1, format="online"
        )
        request = mentoring_request_create(
            mentee=lead, goals="Energy.", themes="co-operative energy"
        )
        assert names(placement) == ["co-operative energy", "social value"]
        assert names(offer) == ["co-operative energy"]
        assert names(request) == ["co-operative energy"]

    def test_too_many_themes_is_a_field_error(self, client_for, officer):
        response = client_for(officer).post(
            reverse("mentoring:request_create"),
            {"goals": "Lots.", "themes": ", ".join(f"theme {n}" for n in range(11))},
        )
        assert response.status_code == 400
        assert "at most 10 themes" in response.content.decode()
        assert not MentoringRequest.objects.exists()


def run_repair():
    repair = importlib.import_module("mentoring.migrations.0002_repair_split_themes")
    repair.repair_split_themes(apps, None)


class TestRepairingSplitThemes:
    """The data migration joins one-word themes back into a theme used elsewhere."""

    @pytest.fixture
    def whole(self, other_council):
        # "co-operative energy" and "social value" are in use, whole, elsewhere.
        elsewhere = factories.officer(other_council, name="Whole Themes")
        return mentor_offer_save(
            mentor=elsewhere, themes=["co-operative energy", "social value"], capacity=1,
            format="online",
        )  # fmt: skip

    def test_split_placement_offer_and_request_are_joined(
        self, whole, lead, officer, third_officer
    ):
        placement = make_placement(lead, officer, themes=["energy", "co-operative", "housing"])
        offer = mentor_offer_save(
            mentor=third_officer, themes=["co-operative", "energy"], capacity=1, format="online"
        )
        request = mentoring_request_create(
            mentee=officer, goals="Energy.", themes=["value", "social", "co-operative", "energy"]
        )
        run_repair()
        assert names(placement) == ["co-operative energy", "housing"]
        assert names(offer) == ["co-operative energy"]
        assert names(request) == ["co-operative energy", "social value"]
        assert names(whole) == ["co-operative energy", "social value"]

    def test_nothing_changes_without_a_whole_theme_in_use(self, lead, officer):
        from taggit.models import Tag

        Tag.objects.create(name="co-operative energy", slug="co-operative-energy")  # unused
        placement = make_placement(lead, officer, themes=["co-operative", "energy"])
        run_repair()
        assert names(placement) == ["co-operative", "energy"]

    def test_a_word_two_whole_themes_could_claim_is_left_alone(
        self, whole, lead, officer, third_officer
    ):
        mentor_offer_save(
            mentor=third_officer, themes=["co-operative council"], capacity=1, format="online"
        )
        placement = make_placement(
            lead, officer, themes=["co-operative", "energy", "council", "social", "value"]
        )
        run_repair()
        # "co-operative" could belong to either: that part cannot be told, the rest can.
        assert names(placement) == ["co-operative", "council", "energy", "social value"]

    def test_running_twice_changes_nothing_more(self, whole, lead, officer):
        placement = make_placement(lead, officer, themes=["co-operative", "energy"])
        run_repair()
        run_repair()
        assert names(placement) == ["co-operative energy"]
