"""No search, filter or autocomplete endpoint answers 500, whatever string it is given.

Runs on SQLite and on PostgreSQL (which refuses NUL in a string literal).
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import factories

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    ("/search/", "q", {}),
    ("/search/", "q", {"type": "ideas"}),
    ("/search/", "type", {"q": "energy"}),
    ("/search/", "page", {"q": "energy"}),
    ("/discussions/search/", "q", {}),
    ("/discussions/members/", "q", {}),
    ("/ideas/", "q", {}),
    ("/ideas/themes/", "q", {}),
    ("/ideas/similar/", "title", {}),
    ("/members/people/", "q", {}),
    ("/members/councils/", "q", {}),
]

TRICKY = [
    '"community energy',
    "community\x00energy",
    "energy*",
    "NEAR(a b)",
    "a AND OR NOT -b",
    "x" * 10_000,
    "title:energy",
    "'; DROP TABLE x; --",
    "\ud7ff\ufffd",
    "(((",
    "-",
    "*",
]

text = st.one_of(st.sampled_from(TRICKY), st.text(max_size=300))


@pytest.fixture
def member(db):
    return factories.officer(factories.OrganisationFactory(name="Oldham Council", slug="oldham"))


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "member"])
@pytest.mark.parametrize(("path", "param", "extra"), ENDPOINTS)
def test_no_endpoint_fails_on_any_string(client, member, signed_in, path, param, extra):
    if signed_in:
        client.force_login(member)

    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(value=text)
    def check(value):
        response = client.get(path, {**extra, param: value})
        assert response.status_code < 500, (path, param, value)

    check()
