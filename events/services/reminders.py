"""Reminder emails before an event, each sent once."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from events.models import Registration


def reminder_hours() -> int:
    return int(getattr(settings, "EVENTS_REMINDER_HOURS", 48))


def reminders_send(*, now=None) -> int:
    """Remind everyone registered for a live event starting soon who has not been reminded."""
    from events.tasks import send_registration_email

    now = now or timezone.now()
    due = Registration.objects.filter(
        state=Registration.State.REGISTERED,
        reminded_at__isnull=True,
        event__live=True,
        event__start__gt=now,
        event__start__lte=now + timedelta(hours=reminder_hours()),
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            # Claiming the row first means two runs at once still send one reminder.
            claimed = Registration.objects.filter(
                pk=pk, reminded_at__isnull=True, state=Registration.State.REGISTERED
            ).update(reminded_at=now)
            if claimed:
                transaction.on_commit(
                    lambda pk=pk: send_registration_email.enqueue(
                        registration_id=pk, kind="reminder"
                    )
                )
                sent += 1
    return sent
