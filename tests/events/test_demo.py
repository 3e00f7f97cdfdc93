"""The demo: past meetings and their record, a session with a waiting list, a roundtable."""

import pytest
from django.core.management import call_command

from cms.models import EventPage
from events.models import Invitation, Registration

pytestmark = pytest.mark.django_db


def test_the_demo_loads_events_registrations_and_invitations_once(
    django_capture_on_commit_callbacks,
):
    from io import StringIO

    for _ in range(2):
        call_command("load_demo", stdout=StringIO())
    full = EventPage.objects.get(slug="forum-session-co-operative-commissioning")
    states = list(
        Registration.objects.filter(event=full)
        .order_by("joined_at")
        .values_list("state", flat=True)
    )
    assert states == ["registered"] * 4 + ["waiting"] * 2
    roundtable = EventPage.objects.get(slug="roundtable-co-operative-places")
    assert roundtable.registration == "invitation"
    assert Invitation.objects.filter(event=roundtable).count() == 2
    plymouth = EventPage.objects.get(slug="plymouth-network-meeting-2014")
    assert plymouth.liveblogs.exists()
    assert {e.slug for e in EventPage.objects.filter(start__year__in=[2013, 2014])} == {
        "sunderland-network-meeting-2013",
        "lambeth-network-meeting-2014",
        "plymouth-network-meeting-2014",
    }
