"""Council evidence: where a member council stands on an idea, and what came of it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.markdown import render_markdown
from core.validators import clean_text
from ideasbank import permissions
from ideasbank.models import Evidence, Idea
from ideasbank.services.base import NOTE_MAX, choice
from notifications.services import notify


def evidence_record(
    *, idea: Idea, actor, status: str, note: str = "", outcome: str = ""
) -> Evidence:
    """Record (or update) where the actor's council stands on the idea."""
    if not (permissions.can_record_evidence(actor) and permissions.can_view_idea(actor, idea)):
        raise PermissionDenied("Only officers of member councils record their council's evidence.")
    status = choice(status, Evidence.Status, field="status", label="status")
    note = clean_text(note, field="note", label="a note", max_length=NOTE_MAX, required=False)
    outcome = clean_text(
        outcome, field="outcome", label="the outcome", max_length=NOTE_MAX, required=False
    )
    if outcome and status == Evidence.Status.INTERESTED:
        raise ValidationError(
            {"outcome": "Record an outcome once your council is piloting or has done this."}
        )
    with transaction.atomic():
        evidence, _ = Evidence.objects.update_or_create(
            idea=idea,
            council_id=actor.organisation_id,
            defaults={
                "status": status,
                "note": note,
                "note_html": render_markdown(note),
                "outcome": outcome,
                "outcome_html": render_markdown(outcome),
                "recorded_by": actor,
                "updated_at": timezone.now(),
            },
        )
        notify(
            recipients=[idea.author] if idea.author_id else [],
            kind="ideas.evidence",
            title=f"{actor.organisation}: {evidence.get_status_display().lower()} (“{idea.title}”)",
            url=idea.get_absolute_url() + "#evidence",
            body=note,
            actor=actor,
        )
    return evidence
