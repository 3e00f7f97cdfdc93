"""Places are never overbooked under simultaneous decisions (PostgreSQL, real threads)."""

import pytest

from mentoring.models import Application, Placement
from mentoring.services.applications import (
    application_decide,
    application_submit,
    application_withdraw,
)
from tests import factories
from tests.concurrency import run_together
from tests.mentoring.conftest import make_placement

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def in_thread(job):
    """Run setup in a plain thread: after a Playwright test, the main thread still has
    an event loop, and notify()'s on-commit broadcast (async_to_sync) refuses to run there."""
    (result,) = run_together([job])
    assert result[0] == "ok", result
    return result[1]


@pytest.fixture
def five_places(lead, officer, other_council, settings):
    settings.HUB_POST_RATE = "1000/m"
    applicants = [factories.officer(other_council) for _ in range(20)]

    def setup():
        placement = make_placement(lead, officer, places=5)
        applications = [
            application_submit(placement=placement, applicant=a, statement="Please")
            for a in applicants
        ]
        return placement, applications

    return in_thread(setup)


def test_twenty_simultaneous_accepts_leave_exactly_five(lead, five_places):
    placement, applications = five_places
    results = run_together(
        [
            lambda a=a: application_decide(actor=lead, application=a, decision="accept")
            for a in applications
        ]
    )
    outcomes = [kind for kind, _ in results]
    assert outcomes.count("error") == 0, results
    assert outcomes.count("ok") == 5
    assert outcomes.count("refused") == 15
    assert all("Every place" in message for kind, message in results if kind == "refused")
    assert Application.objects.filter(placement=placement, state="accepted").count() == 5


def test_twenty_simultaneous_accept_requests_through_views(lead, five_places):
    from django.test import Client

    placement, applications = five_places
    clients = []
    for _ in applications:
        client = Client()
        client.force_login(lead)
        clients.append(client)

    def post(client, application):
        response = client.post(
            f"/shadowing/applications/{application.pk}/decide/", {"decision": "accept"}
        )
        return response.status_code

    results = run_together(
        [lambda c=c, a=a: post(c, a) for c, a in zip(clients, applications, strict=True)]
    )
    # Five places taken; the error layer answers each refused accept with a 400 page.
    statuses = sorted(status for kind, status in results if kind == "ok")
    assert statuses == [302] * 5 + [400] * 15, results
    assert Application.objects.filter(placement=placement, state="accepted").count() == 5


def test_withdraw_and_accept_racing_never_overbook(lead, five_places):
    placement, applications = five_places
    accepted, rest = applications[:5], applications[5:]
    in_thread(
        lambda: [application_decide(actor=lead, application=a, decision="accept") for a in accepted]
    )
    jobs = [
        lambda a=a: application_withdraw(actor=a.applicant, application=a) for a in accepted[:3]
    ] + [
        lambda a=a: application_decide(actor=lead, application=a, decision="accept")
        for a in rest[:10]
    ]
    results = run_together(jobs)
    assert [kind for kind, _ in results].count("error") == 0, results
    placement = Placement.objects.with_counts().get(pk=placement.pk)
    assert placement.accepted_count <= 5
    # Every withdrawal went through; each accept either took a freed place or was
    # told the placement is full, and the count agrees with what callers were told.
    assert all(kind == "ok" for kind, _ in results[:3])
    accepts = results[3:]
    taken = sum(1 for kind, _ in accepts if kind == "ok")
    assert all("Every place" in message for kind, message in accepts if kind == "refused")
    assert placement.accepted_count == 5 - 3 + taken


def test_double_submitted_application_makes_one(other_officer, lead, officer, settings):
    settings.HUB_POST_RATE = "1000/m"
    placement = in_thread(lambda: make_placement(lead, officer))
    results = run_together(
        [
            lambda: application_submit(
                placement=placement, applicant=other_officer, statement="Twice"
            )
            for _ in range(6)
        ]
    )
    assert [kind for kind, _ in results].count("error") == 0, results
    assert Application.objects.filter(placement=placement).count() == 1
