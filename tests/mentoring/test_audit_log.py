"""Placement decisions and state changes are in Wagtail's audit log, for editors to see."""

import pytest
from wagtail.models import ModelLogEntry

from mentoring.services.applications import (
    application_decide,
    application_submit,
    application_withdraw,
)
from mentoring.services.placements import placement_set_state
from tests.mentoring.conftest import make_placement

pytestmark = pytest.mark.django_db


def apply(placement, person):
    return application_submit(
        placement=placement, applicant=person, statement="I would like to learn."
    )


def entries(instance) -> list[tuple[str, int]]:
    return list(
        ModelLogEntry.objects.for_instance(instance)
        .order_by("timestamp", "pk")
        .values_list("action", "user_id")
    )


@pytest.mark.parametrize("decision", ["accept", "decline", "waitlist"])
def test_a_decision_writes_a_log_entry(lead, placement, other_officer, decision):
    application = apply(placement, other_officer)
    application_decide(actor=lead, application=application, decision=decision, note="Dates agreed.")
    assert entries(application) == [(f"mentoring.{decision}", lead.pk)]
    entry = ModelLogEntry.objects.for_instance(application).get()
    assert entry.data["note"] == "Dates agreed."
    assert entry.data["placement"] == placement.pk


def test_withdrawal_and_state_changes_are_logged(lead, officer, other_officer):
    placement = make_placement(lead, officer)
    application = apply(placement, other_officer)
    application_withdraw(actor=other_officer, application=application)
    placement_set_state(actor=lead, placement=placement, state="closed")
    assert entries(application) == [("mentoring.withdraw", other_officer.pk)]
    assert ("mentoring.state", lead.pk) in entries(placement)
    entry = ModelLogEntry.objects.for_instance(placement).filter(action="mentoring.state").get()
    assert entry.data == {"from": "open", "to": "closed"}
    assert "open" in entry.message and "closed" in entry.message


def test_a_refused_decision_logs_nothing(lead, placement, other_officer, officer):
    application = apply(placement, other_officer)
    with pytest.raises(Exception):  # noqa: B017 - refused either way
        application_decide(actor=officer, application=application, decision="accept")
    assert entries(application) == []


def test_editor_sees_the_history_in_the_admin(client_for, editor, lead, placement, other_officer):
    application = apply(placement, other_officer)
    application_decide(actor=lead, application=application, decision="accept")
    placement_set_state(actor=lead, placement=placement, state="closed")
    client = client_for(editor)
    response = client.get(f"/admin/mentoring/applications/history/{application.pk}/")
    assert response.status_code == 200
    assert "Accepted" in response.content.decode()
    response = client.get(f"/admin/mentoring/placements/history/{placement.pk}/")
    assert response.status_code == 200
    assert "Changed state" in response.content.decode()
