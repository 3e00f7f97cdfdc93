"""Reports to moderators, and moderators hiding or restoring ideas and comments (audit-logged)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from core.ratelimit import enforce
from core.validators import clean_text
from ideasbank import permissions
from ideasbank.models import Comment, Idea, Report
from ideasbank.services.base import REASON_MAX, lists_changed, lock
from ideasbank.services.comments import recount_comments
from notifications.services import notify

HIDE = "ideasbank.hide"
RESTORE = "ideasbank.restore"


def report_create(*, idea: Idea, reporter, reason: str, comment: Comment | None = None) -> Report:
    if not (permissions.can_post(reporter) and permissions.can_view_idea(reporter, idea)):
        raise PermissionDenied("Only confirmed members can report content.")
    if comment is not None and comment.idea_id != idea.pk:
        raise ValidationError("That comment belongs to another idea.")
    reason = clean_text(reason, field="reason", label="a reason", max_length=REASON_MAX)
    enforce(f"ideas-post:{reporter.pk}", settings.HUB_POST_RATE)
    with transaction.atomic():
        report = Report.objects.create(
            idea=idea,
            comment=comment,
            reporter=reporter,
            reason=reason,
            created_at=timezone.now(),
        )
        notify(
            recipients=list(get_user_model().objects.moderators()),
            kind="ideas.report",
            title=f"Reported in the ideas bank: “{idea.title}”",
            url=reverse("ideasbank:moderation"),
            body=reason,
            actor=reporter,
        )
    return report


def moderation_set_hidden(
    *, actor, idea: Idea, hidden: bool, comment: Comment | None = None, note: str = ""
):
    """Hide or restore an idea or a comment; the action goes in Wagtail's audit log
    and resolves open reports about it. Returns the log entry."""
    if not permissions.is_moderator(actor):
        raise PermissionDenied("Only moderators hide and restore content.")
    if comment is not None and comment.idea_id != idea.pk:
        raise ValidationError("That comment belongs to another idea.")
    note = clean_text(note, field="note", label="a note", max_length=REASON_MAX, required=False)
    target = comment if comment is not None else idea
    if target.is_hidden == hidden:
        raise ValidationError("It is already hidden." if hidden else "It is not hidden.")
    with transaction.atomic():
        lock(idea)
        target.is_hidden = hidden
        target.save(update_fields=["is_hidden"])
        if comment is not None:
            recount_comments(idea.pk)
        reports = Report.objects.filter(idea=idea, resolved_at__isnull=True)
        reports = reports.filter(comment=comment) if comment else reports.filter(comment=None)
        reports.update(resolved_at=timezone.now(), resolved_by=actor)
        entry = log(
            instance=target,
            action=HIDE if hidden else RESTORE,
            user=actor,
            title=idea.title,
            data={"idea": idea.pk, "comment": getattr(comment, "pk", None), "note": note},
        )
        lists_changed()
    return entry
