"""Editors move ideas through stages and close duplicates; each change is public and logged."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from core.markdown import render_markdown
from core.validators import clean_text
from ideasbank import permissions
from ideasbank.models import ClosedReason, Follow, Idea, Stage, StageChange, Visibility, Vote
from ideasbank.services.base import NOTE_MAX, audience, choice, lists_changed, lock
from ideasbank.services.votes import recount_votes
from notifications.services import notify


def idea_stage_change(
    *,
    idea: Idea,
    actor,
    stage: str,
    note: str,
    closed_reason: str = "",
    project_page=None,
) -> StageChange:
    if not permissions.can_change_stage(actor):
        raise PermissionDenied("Only network editors change an idea's stage.")
    stage = choice(stage, Stage, field="stage", label="stage")
    note = clean_text(
        note, field="note", label="a public note about the change", max_length=NOTE_MAX
    )
    if stage == Stage.CLOSED:
        closed_reason = choice(
            closed_reason, ClosedReason, field="closed_reason", label="reason for closing"
        )
        if closed_reason == ClosedReason.DUPLICATE:
            raise ValidationError(
                {
                    "closed_reason": "To close a duplicate, mark it as a duplicate of the "
                    "original idea so its votes move over."
                }
            )
    else:
        closed_reason = ""
    with transaction.atomic():
        locked = lock(idea)
        if (
            locked.stage == stage
            and locked.closed_reason == closed_reason
            and locked.project_page_id == getattr(project_page, "pk", None)
        ):
            raise ValidationError(
                {"stage": f"The idea is already at “{locked.get_stage_display()}”."}
            )
        change = _record_stage(locked, actor, stage, closed_reason, note)
        locked.project_page = project_page
        locked.save(update_fields=["stage", "closed_reason", "project_page", "updated_at"])
        _log(
            locked, actor, "ideasbank.stage", change, project_page=getattr(project_page, "pk", None)
        )
        lists_changed()
        notify(
            recipients=list(audience(locked)),
            kind="ideas.stage",
            title=f"“{locked.title}” is now at the stage: {Stage(stage).label}",
            url=locked.get_absolute_url(),
            body=change.note,
            actor=actor,
        )
    idea.refresh_from_db()
    return change


def _record_stage(idea: Idea, actor, stage: str, closed_reason: str, note: str) -> StageChange:
    now = timezone.now()
    change = StageChange.objects.create(
        idea=idea,
        from_stage=idea.stage,
        to_stage=stage,
        closed_reason=closed_reason,
        note=note,
        note_html=render_markdown(note),
        actor=actor,
        created_at=now,
    )
    idea.stage = stage
    idea.closed_reason = closed_reason
    idea.updated_at = now
    return change


def _log(idea: Idea, actor, action: str, change: StageChange, **extra) -> None:
    data = {
        "idea": idea.pk,
        "from": change.from_stage,
        "to": change.to_stage,
        "closed_reason": change.closed_reason,
        "note": change.note,
        **extra,
    }
    log(instance=idea, action=action, user=actor, title=idea.title, data=data)


def idea_mark_duplicate(*, idea: Idea, original: Idea, actor, note: str = "") -> StageChange:
    """Close an idea as a duplicate: its votes and followers move to the original,
    and a member who backed both is counted once."""
    if not permissions.can_change_stage(actor):
        raise PermissionDenied("Only network editors mark duplicates.")
    if original is None or original.pk == idea.pk:
        raise ValidationError({"duplicate_of": "Choose a different idea as the original."})
    if original.duplicate_of_id:
        raise ValidationError(
            {"duplicate_of": "That idea is itself a duplicate; choose the idea it duplicates."}
        )
    if not original.is_open:
        raise ValidationError({"duplicate_of": "That idea is closed; choose an open idea."})
    # The stage history is public wherever the duplicate is: it names the
    # original only when everyone may read the original too.
    original_is_public = original.visibility == Visibility.PUBLIC and not original.is_hidden
    note = (note or "").strip() or (
        f"Duplicate of “{original.title}”."
        if original_is_public
        else "Duplicate of an idea for members; its votes moved there."
    )
    note = clean_text(note, field="note", label="a note", max_length=NOTE_MAX)
    with transaction.atomic():
        # Lock both rows in a fixed order so two merges cannot deadlock.
        locked = {
            i.pk: i
            for i in Idea.objects.select_for_update()
            .filter(pk__in=[idea.pk, original.pk])
            .order_by("pk")
        }
        dup, orig = locked[idea.pk], locked[original.pk]
        if dup.duplicate_of_id:
            raise ValidationError({"duplicate_of": "This idea is already marked as a duplicate."})
        already = Vote.objects.filter(idea=orig).values("user_id")
        Vote.objects.filter(idea=dup).exclude(user_id__in=already).update(idea=orig)
        Vote.objects.filter(idea=dup).delete()
        following = Follow.objects.filter(idea=orig).values("user_id")
        Follow.objects.filter(idea=dup).exclude(user_id__in=following).update(idea=orig)
        Follow.objects.filter(idea=dup).delete()
        recount_votes(orig.pk)
        recount_votes(dup.pk)
        change = _record_stage(dup, actor, Stage.CLOSED, ClosedReason.DUPLICATE, note)
        dup.duplicate_of = orig
        dup.save(update_fields=["stage", "closed_reason", "duplicate_of", "updated_at"])
        _log(dup, actor, "ideasbank.duplicate", change, original=orig.pk)
        lists_changed()
        named = dup.author_id and permissions.can_view_idea(dup.author, orig)
        notify(
            recipients=[dup.author] if dup.author_id else [],
            kind="ideas.stage",
            title=f"“{dup.title}” was closed as a duplicate of “{orig.title}”"
            if named
            else f"“{dup.title}” was closed as a duplicate of another idea",
            url=orig.get_absolute_url(),
            body=note,
            actor=actor,
        )
    idea.refresh_from_db()
    original.refresh_from_db()
    return change
