"""Editors manage ideas in the Wagtail admin, through the same services."""

import pytest

from ideasbank.models import Idea, Stage
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_editor_lists_and_inspects_ideas_in_admin(client_for, editor, idea):
    c = client_for(editor)
    assert idea.title in c.get("/admin/ideas/").content.decode()
    assert c.get(f"/admin/ideas/inspect/{idea.pk}/").status_code == 200
    assert c.get(f"/admin/ideas/edit/{idea.pk}/").status_code == 200


def test_editor_changes_stage_in_admin_through_the_service(client_for, editor, idea, officer):
    response = client_for(editor).post(
        f"/admin/ideas/edit/{idea.pk}/",
        {"stage": "lab", "closed_reason": "", "note": "Becomes a Policy Lab."},
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.stage == Stage.LAB
    assert idea.stage_changes.get().note == "Becomes a Policy Lab."
    assert Notification.objects.filter(recipient=officer, kind="ideas.stage").exists()


def test_stage_change_without_note_in_admin_is_refused(client_for, editor, idea):
    response = client_for(editor).post(
        f"/admin/ideas/edit/{idea.pk}/", {"stage": "lab", "closed_reason": "", "note": ""}
    )
    assert response.status_code == 200
    assert "Enter a public note" in response.content.decode()
    idea.refresh_from_db()
    assert idea.stage == Stage.IDEA


def test_editor_marks_duplicate_in_admin(client_for, editor, make_idea, officer):
    original = make_idea(officer, title="Original")
    dup = make_idea(officer, title="Dup")
    client_for(editor).post(
        f"/admin/ideas/edit/{dup.pk}/",
        {"stage": "idea", "closed_reason": "", "duplicate_of": original.pk, "note": ""},
    )
    dup.refresh_from_db()
    assert (dup.duplicate_of_id, dup.stage) == (original.pk, Stage.CLOSED)


@pytest.mark.parametrize("role", ["officer", "moderator", "lead"])
def test_other_roles_cannot_edit_ideas_in_admin(client_for, idea, role, request):
    c = client_for(request.getfixturevalue(role))
    response = c.post(f"/admin/ideas/edit/{idea.pk}/", {"stage": "lab", "note": "x"})
    assert response.status_code in (302, 403)
    assert Idea.objects.get(pk=idea.pk).stage == Stage.IDEA
