import pytest

from tests.forum.factories import CategoryFactory


@pytest.fixture(autouse=True)
def _no_post_rate_limit(settings):
    # Tests post quickly; the rate-limit tests set their own rate.
    settings.HUB_POST_RATE = "10000/m"


@pytest.fixture
def public_category(db):
    return CategoryFactory(name="Community energy", slug="community-energy", visibility="public")


@pytest.fixture
def members_category(db):
    return CategoryFactory(name="Officers' lounge", slug="officers-lounge", visibility="members")
