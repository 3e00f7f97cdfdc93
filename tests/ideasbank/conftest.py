"""Ideas bank fixtures: ideas made through the service, as members make them."""

import pytest

from ideasbank import services
from ideasbank.models import Visibility


@pytest.fixture
def make_idea(settings):
    settings.HUB_POST_RATE = "10000/m"
    settings.HUB_VOTE_RATE = "10000/m"

    def make(author, title="Co-operative energy for council tenants", **kwargs):
        kwargs.setdefault("summary", "Tenants own a share of the solar panels on their homes.")
        kwargs.setdefault("body", "Plymouth has shown **community energy** works.")
        kwargs.setdefault("themes", "community energy, housing")
        kwargs.setdefault("visibility", Visibility.PUBLIC)
        return services.idea_create(author=author, title=title, **kwargs)

    return make


@pytest.fixture
def idea(make_idea, officer):
    return make_idea(officer)


@pytest.fixture
def members_idea(make_idea, officer):
    return make_idea(
        officer, title="Members-only shared procurement pilot", visibility=Visibility.MEMBERS
    )
