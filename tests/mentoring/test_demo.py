"""Demo data: placements from several councils, applications in every state, mentors."""

import io

import pytest

from mentoring.models import Application, MentoringRequest, MentorOffer, Mentorship, Placement

pytestmark = pytest.mark.django_db


def test_demo_loads_every_state_and_is_idempotent():
    from cms import demo as cms_demo
    from members import demo as members_demo
    from mentoring import demo

    out = io.StringIO()
    members_demo.load(stdout=out)
    cms_demo.load(stdout=out)
    demo.load(stdout=out)
    counts = (
        Placement.objects.count(),
        Application.objects.count(),
        MentorOffer.objects.count(),
        MentoringRequest.objects.count(),
        Mentorship.objects.count(),
    )
    assert Placement.objects.values("host_council").distinct().count() >= 3
    assert set(Application.objects.values_list("state", flat=True)) == set(Application.State)
    demo.load(stdout=out)
    assert counts == (
        Placement.objects.count(),
        Application.objects.count(),
        MentorOffer.objects.count(),
        MentoringRequest.objects.count(),
        Mentorship.objects.count(),
    )
