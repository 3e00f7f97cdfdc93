"""Membership decisions: through the error layer, and in Wagtail's audit log for editors."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry

from tests import factories

User = get_user_model()


@pytest.fixture
def asker(council):
    return factories.pending_member(council, name="Cara Asker", email="cara@gmail.example")


def test_a_confirmation_is_logged_with_who_decided(client_for, lead, asker):
    client_for(lead).post(f"/members/requests/{asker.pk}/confirm/")
    entry = ModelLogEntry.objects.get(action="members.membership.confirm")
    assert entry.object_id == str(asker.pk)
    assert entry.user_id == lead.pk
    assert entry.label == "Cara Asker"
    assert entry.data["organisation"] == "Oldham Council"
    assert entry.message == "Confirmed membership"


def test_a_refusal_is_logged_with_its_reason(client_for, editor, asker):
    client_for(editor).post(
        f"/admin/membership-requests/{asker.pk}/refuse/", {"reason": "Not an officer."}
    )
    entry = ModelLogEntry.objects.get(action="members.membership.refuse")
    assert entry.user_id == editor.pk
    assert entry.data["reason"] == "Not an officer."
    assert registry.get_action_label("members.membership.refuse") == "Refuse membership"


def test_editors_see_the_history_in_the_admin(client_for, lead, editor, asker):
    client_for(lead).post(f"/members/requests/{asker.pk}/confirm/")
    html = client_for(editor).get("/admin/membership-requests/").content.decode()
    assert "Recent decisions" in html
    assert "Confirmed membership" in html
    assert "Cara Asker" in html and "Jo Lead" in html


def test_a_refused_decision_is_not_logged(client_for, other_lead, asker):
    response = client_for(other_lead).post(f"/members/requests/{asker.pk}/confirm/")
    assert response.status_code == 403
    assert not ModelLogEntry.objects.filter(action__startswith="members.").exists()


def test_an_overlong_reason_is_bad_input_and_changes_nothing(client_for, lead, asker):
    response = client_for(lead).post(
        f"/members/requests/{asker.pk}/refuse/", {"reason": "x" * 2001}
    )
    assert response.status_code == 400
    assert "2,000 characters" in response.content.decode()
    asker.refresh_from_db()
    assert asker.status == User.Status.PENDING
    assert not ModelLogEntry.objects.exists()


def test_an_unknown_decision_is_not_found(client_for, lead, asker):
    assert client_for(lead).post(f"/members/requests/{asker.pk}/maybe/").status_code == 404


def test_deciding_twice_says_so_as_bad_input(client_for, lead, asker):
    c = client_for(lead)
    c.post(f"/members/requests/{asker.pk}/confirm/")
    response = c.post(f"/members/requests/{asker.pk}/refuse/")
    assert response.status_code == 400
    assert "already been decided" in response.content.decode()
    assert ModelLogEntry.objects.filter(action__startswith="members.").count() == 1


def test_a_decision_sent_as_json_gets_json(client_for, other_lead, asker):
    response = client_for(other_lead).post(
        f"/members/requests/{asker.pk}/confirm/", HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 403
    assert response.json()["error"]
