"""Reports reach every moderator; moderation and stage changes go in Wagtail's audit log."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from ideasbank import services
from ideasbank.models import Stage
from notifications.models import Notification
from tests import factories

pytestmark = pytest.mark.django_db


def ideasbank_log():
    return ModelLogEntry.objects.filter(action__startswith="ideasbank.").order_by("timestamp", "pk")


def test_a_report_notifies_moderators_editors_and_superusers_but_not_the_inactive(
    idea, other_officer, moderator, editor
):
    superuser = factories.UserFactory(is_superuser=True, is_staff=True, organisation=None)
    retired = factories.moderator(is_active=False)
    services.report_create(idea=idea, reporter=other_officer, reason="Off topic")
    notified = set(
        Notification.objects.filter(kind="ideas.report").values_list("recipient", flat=True)
    )
    assert {moderator.pk, editor.pk, superuser.pk} <= notified
    assert retired.pk not in notified and other_officer.pk not in notified


def test_hiding_and_restoring_are_in_the_audit_log(make_idea, officer, moderator):
    idea = make_idea(officer)
    comment = services.comment_create(idea=idea, author=officer, body="Rude words")
    services.moderation_set_hidden(
        actor=moderator, idea=idea, comment=comment, hidden=True, note="Rude"
    )
    services.moderation_set_hidden(actor=moderator, idea=idea, hidden=True, note="Spam")
    services.moderation_set_hidden(actor=moderator, idea=idea, hidden=False)
    entries = list(ideasbank_log())
    assert [e.action for e in entries] == ["ideasbank.hide", "ideasbank.hide", "ideasbank.restore"]
    assert all(e.user_id == moderator.pk for e in entries)
    assert entries[0].object_id == str(comment.pk) and entries[0].data["idea"] == idea.pk
    assert entries[0].data["note"] == "Rude"
    assert entries[1].object_id == str(idea.pk) and entries[1].label == idea.title
    assert entries[1].data["note"] == "Spam"


def test_stage_changes_and_duplicates_are_in_the_audit_log(make_idea, officer, editor):
    idea = make_idea(officer, title="Original")
    dup = make_idea(officer, title="Copy")
    services.idea_stage_change(idea=idea, actor=editor, stage=Stage.LAB, note="A Lab.")
    services.idea_mark_duplicate(idea=dup, original=idea, actor=editor)
    stage, duplicate = ideasbank_log()
    assert (stage.action, stage.object_id, stage.user_id) == (
        "ideasbank.stage",
        str(idea.pk),
        editor.pk,
    )
    assert stage.data["from"] == "idea" and stage.data["to"] == "lab"
    assert duplicate.action == "ideasbank.duplicate" and duplicate.object_id == str(dup.pk)
    assert duplicate.data["original"] == idea.pk


def test_moderators_page_reads_the_audit_log(client_for, make_idea, officer, moderator, editor):
    idea = make_idea(officer, title="Spam about spam")
    services.moderation_set_hidden(actor=moderator, idea=idea, hidden=True, note="Clearly spam")
    other = make_idea(officer, title="Grows into a Lab")
    services.idea_stage_change(idea=other, actor=editor, stage=Stage.LAB, note="A Lab.")
    html = client_for(moderator).get(reverse("ideasbank:moderation")).content.decode()
    assert "Marcus Moderator, on" in html and "Spam about spam" in html
    assert "Hid the idea (Clearly spam)" in html
    assert "Grows into a Lab" in html and "Moved to Policy Lab (A Lab.)" in html


def test_editors_see_the_history_of_an_idea_in_the_admin(client_for, idea, moderator, editor):
    services.moderation_set_hidden(actor=moderator, idea=idea, hidden=True, note="Checking")
    html = client_for(editor).get(f"/admin/ideas/history/{idea.pk}/").content.decode()
    assert "Hid the idea" in html and "Marcus Moderator" in html


MIGRATION_BEFORE = ("ideasbank", "0001_ideas_votes_comments_stages_evidence")


@pytest.mark.django_db(transaction=True)
def test_the_old_moderation_log_is_copied_into_the_audit_log():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.utils import timezone

    moderator = factories.moderator(name="Old Moderator")
    executor = MigrationExecutor(connection)
    executor.migrate([MIGRATION_BEFORE])
    old = executor.loader.project_state([MIGRATION_BEFORE]).apps
    now = timezone.now()
    idea = old.get_model("ideasbank", "Idea").objects.create(
        title="Hidden long ago", summary="S", created_at=now, updated_at=now
    )
    comment = old.get_model("ideasbank", "Comment").objects.create(
        idea=idea, body="b", body_html="<p>b</p>", created_at=now
    )
    log = old.get_model("ideasbank", "ModerationLog").objects
    log.create(actor_id=moderator.pk, action="hide", idea=idea, note="Spam", created_at=now)
    log.create(actor_id=None, action="restore", idea=idea, comment=comment, created_at=now)

    # Forward to every app's latest migration: going back also unapplied
    # other apps' migrations that depend on the ideas bank.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    hide, restore = ideasbank_log()
    assert (hide.action, hide.object_id, hide.user_id, hide.label) == (
        "ideasbank.hide",
        str(idea.pk),
        moderator.pk,
        "Hidden long ago",
    )
    assert hide.data == {"idea": idea.pk, "comment": None, "note": "Spam"}
    assert hide.timestamp == now and hide.content_type.model == "idea"
    assert (restore.action, restore.object_id, restore.content_type.model) == (
        "ideasbank.restore",
        str(comment.pk),
        "comment",
    )
    assert restore.data["comment"] == comment.pk and restore.user_id is None
