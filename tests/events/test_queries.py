"""The events index costs the same number of queries whatever the number of events."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events import services
from tests import factories
from tests.cms.helpers import make_event

pytestmark = pytest.mark.django_db


def _add_events(n, members, council, start=0):
    for i in range(start, start + n):
        upcoming = make_event(f"Forum {i}", days=10 + i, capacity=5, host_council=council)
        make_event(f"Past meeting {i}", days=-10 - i, host_council=council)
        make_event(f"Members session {i}", days=20 + i, restricted=True)
        for member in members:
            services.event_register(event=upcoming, user=member)


def _count(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/events/").status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["visitor", "member"])
def test_events_index_queries_do_not_grow_with_events(
    role, client_for, council, django_assert_max_num_queries
):
    members = [factories.officer(council) for _ in range(3)]
    client = client_for(None if role == "visitor" else members[0])
    _add_events(2, members, council)
    client.get("/events/")  # warm Wagtail's cached site root paths
    small = _count(client)
    _add_events(12, members, council, start=2)
    with django_assert_max_num_queries(small):
        client.get("/events/")
    assert _count(client) == small
