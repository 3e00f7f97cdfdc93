"""Never over capacity, whatever arrives at once (PostgreSQL, real threads)."""

import pytest

from events import services
from events.models import Registration
from tests import factories
from tests.cms.helpers import make_event
from tests.concurrency import raised, run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
State = Registration.State


@pytest.fixture
def thirty_members():
    councils = [factories.OrganisationFactory() for _ in range(3)]
    return [factories.officer(councils[i % 3], name=f"Member {i:02d}") for i in range(30)]


def test_thirty_members_at_once_for_ten_places_leave_ten_registered_and_twenty_waiting_in_order(
    thirty_members,
):
    event = make_event("Forum session", capacity=10)

    errors = raised(
        run_together(
            [lambda m=m: services.event_register(event=event, user=m) for m in thirty_members]
        )
    )

    assert errors == []
    rows = list(Registration.objects.filter(event=event).order_by("joined_at", "pk"))
    assert len(rows) == 30
    # Arrival order is the order the event's lock was granted: the first ten got places.
    assert [r.state for r in rows] == [State.REGISTERED] * 10 + [State.WAITING] * 20
    waiting = list(Registration.objects.filter(event=event).waiting_in_order())
    assert [services.waiting_position(r) for r in waiting] == list(range(1, 21))

    # Cancellations offer places in that order...
    for registration in rows[:3]:
        services.event_cancel(event=event, user=registration.user)
    offered = Registration.objects.filter(event=event, state=State.OFFERED)
    assert {r.pk for r in offered} == {r.pk for r in waiting[:3]}
    assert Registration.objects.filter(event=event).holding_places().count() == 10


def test_cancellations_and_registrations_at_once_never_exceed_capacity(thirty_members):
    event = make_event("Forum session", capacity=10)
    for member in thirty_members[:15]:
        services.event_register(event=event, user=member)

    errors = raised(
        run_together(
            [lambda m=m: services.event_cancel(event=event, user=m) for m in thirty_members[:5]]
            + [
                lambda m=m: services.event_register(event=event, user=m)
                for m in thirty_members[15:]
            ]
        )
    )

    assert errors == []
    assert Registration.objects.filter(event=event).holding_places().count() == 10


def test_a_double_submit_at_the_same_moment_registers_once(thirty_members):
    event = make_event("Forum session", capacity=10)
    member = thirty_members[0]

    errors = raised(run_together([lambda: services.event_register(event=event, user=member)] * 4))

    assert errors == []
    assert Registration.objects.filter(event=event, user=member).count() == 1
