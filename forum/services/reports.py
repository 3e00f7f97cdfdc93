"""Members report a post to the moderators, who are told at once; a moderator resolves it."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.ratelimit import enforce
from core.validators import clean_text
from forum import audit, permissions
from forum.models import Post, Report
from forum.services.moderation import post_hide, require_moderator
from forum.services.text import MAX_REASON
from notifications.services import notify

MAX_OUTCOME = 200


def post_report(*, post: Post, reporter, reason: str) -> Report:
    """Report a post; reporting it again while the first report is open changes nothing."""
    if not permissions.can_report(reporter, post):
        raise PermissionDenied("You cannot report this post.")
    reason = clean_text(reason, field="reason", label="a reason", max_length=MAX_REASON)
    enforce(f"forum-report:{reporter.pk}", settings.HUB_POST_RATE)
    with transaction.atomic():
        existing = Report.objects.open().filter(post=post, reporter=reporter).first()
        if existing is not None:
            return existing
        report = Report.objects.create(post=post, reporter=reporter, reason=reason)
        _notify_moderators(report)
    return report


def _notify_moderators(report: Report) -> None:
    thread = report.post.thread
    moderators = [
        person
        for person in get_user_model().objects.moderators()
        if permissions.can_view_thread(person, thread)
    ]
    notify(
        recipients=moderators,
        kind="forum.report",
        title=f"Post #{report.post.number} reported in “{thread.title}”",
        url=reverse("forum:moderation_queue"),
        body=report.reason,
        actor=report.reporter,
    )


def report_resolve(*, report: Report, moderator, hide_post: bool, outcome: str = "") -> Report:
    """Settle every open report on the post by one decision: hide it, or no action."""
    require_moderator(moderator, report.post.thread)
    if report.resolved_at is not None:
        raise ValidationError("This report has already been dealt with.")
    outcome = clean_text(
        outcome, field="outcome", label="the note", max_length=MAX_OUTCOME, required=False
    )
    with transaction.atomic():
        if hide_post:
            post_hide(post=report.post, moderator=moderator, reason=f"Report: {report.reason}")
        outcome = outcome or ("Post hidden" if hide_post else "No action needed")
        now = timezone.now()
        Report.objects.open().filter(post=report.post_id).update(
            resolved_at=now, resolved_by=moderator, outcome=outcome
        )
        report.refresh_from_db()
        audit.record(
            action="forum.resolve_report",
            moderator=moderator,
            thread=report.post.thread,
            post=report.post,
            detail=outcome,
        )
    return report
