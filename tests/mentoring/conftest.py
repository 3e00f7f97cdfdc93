"""Placements and mentoring fixtures: a placement offered by Oldham, applicants elsewhere."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mentoring.models import Placement
from mentoring.services.placements import PlacementDetails, placement_create
from tests import factories


def details(host_officer, **overrides) -> PlacementDetails:
    today = timezone.localdate()
    values = {
        "title": "Community energy in Oldham",
        "description": "Sit in on the **energy** team's week.",
        "host_officer": host_officer,
        "themes": ["co-operative energy", "social value"],
        "format": "in-person",
        "place": "Oldham Civic Centre",
        "start_date": today + timedelta(days=20),
        "end_date": today + timedelta(days=21),
        "places": 2,
        "closing_date": today + timedelta(days=10),
    }
    values.update(overrides)
    return PlacementDetails(**values)


def make_placement(lead, host_officer=None, **overrides) -> Placement:
    return placement_create(actor=lead, details=details(host_officer or lead, **overrides))


@pytest.fixture
def placement(lead, officer):
    return make_placement(lead, officer)


@pytest.fixture
def third_council(db):
    return factories.OrganisationFactory(name="Plymouth City Council", slug="plymouth")


@pytest.fixture
def third_officer(third_council):
    return factories.officer(third_council, name="Pat Officer")


@pytest.fixture
def library(db):
    """The site's library, where draft case studies go (tests may use the demo's home page)."""
    from cms.demo import home_page
    from cms.models import LibraryIndexPage

    library = LibraryIndexPage(title="Library", slug="library")
    home_page().add_child(instance=library)
    return library


@pytest.fixture
def settings_fast_rate(settings):
    settings.HUB_POST_RATE = "1000/m"
    return settings
