"""Notification emails, sent through django-tasks (at once in development, queued in production)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from notifications.emails import send_branded
from notifications.models import Notification


def _send(user, subject: str, template: str, context: dict) -> None:
    send_branded(user, subject, f"notifications/email/{template}", context)


@task()
def send_transactional_email(subject: str, body: str, to: list[str]) -> None:
    """An email that must be sent whatever the notification preference (account decisions)."""
    EmailMultiAlternatives(subject=subject, body=body, to=to).send()


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """Email each notification to its recipient, once."""
    sent = 0
    rows = Notification.objects.filter(
        pk__in=notification_ids, emailed_at__isnull=True
    ).select_related("recipient")
    for notification in rows:
        _send(
            notification.recipient,
            notification.title,
            "notification",
            {"notification": notification},
        )
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


@task()
def send_digests(frequency: str) -> int:
    """Email each member on this frequency one summary of what is waiting."""
    User = get_user_model()
    window = timedelta(days=7 if frequency == User.EmailFrequency.WEEKLY else 1)
    sent = 0
    # Rows from before per-kind choices wait for the member's account-wide frequency.
    due = Q(digest_frequency=frequency) | Q(
        digest_frequency="", recipient__email_frequency=frequency
    )
    members = User.objects.filter(
        pk__in=Notification.objects.awaiting_digest().filter(due).values("recipient_id")
    )
    for user in members:
        with transaction.atomic():
            pending = list(
                Notification.objects.for_user(user)
                .awaiting_digest()
                .filter(due)
                .select_for_update()
                .order_by("created_at")
            )
            if not pending:
                continue
            _send(
                user,
                f"{len(pending)} update{'s' if len(pending) != 1 else ''} from the network",
                "digest",
                {"notifications": pending, "since": timezone.now() - window},
            )
            Notification.objects.filter(pk__in=[n.pk for n in pending]).update(
                emailed_at=timezone.now(), digest_pending=False
            )
            sent += 1
    return sent


@task()
def send_monthly_briefing_task() -> int:
    """Last month's briefing to every confirmed member, once each (see notifications.briefing)."""
    from notifications.briefing import send_monthly_briefing

    return send_monthly_briefing()
