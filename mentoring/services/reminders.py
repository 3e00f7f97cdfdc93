"""Reminders: email accepted visitors and their hosts a few days before a placement starts, once.

A direct email rather than a notification, since it is only useful on time.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from mentoring.calendar import calendar_bytes
from mentoring.models import Application, Placement
from mentoring.services.common import today as local_today

REMINDER_DAYS = 3


def placement_reminders_send(*, today: date | None = None, days: int = REMINDER_DAYS) -> int:
    """Send the reminders due; each application is reminded once (reminded_at)."""
    today = today or local_today()
    due = (
        Application.objects.filter(
            state=Application.State.ACCEPTED,
            reminded_at__isnull=True,
            placement__start_date__gte=today,
            placement__start_date__lte=today + timedelta(days=days),
        )
        .exclude(placement__state=Placement.State.DRAFT)
        .select_related("placement__host_council", "placement__host_officer", "applicant")
    )
    sent = 0
    for application in due:
        with transaction.atomic():
            # Claim the row first so two cron runs never remind twice.
            claimed = Application.objects.filter(
                pk=application.pk, reminded_at__isnull=True
            ).update(reminded_at=timezone.now())
            if not claimed:
                continue
            placement = application.placement
            when = placement.start_date.strftime("%-d %B %Y")
            url = settings.SITE_URL.rstrip("/") + application.get_absolute_url()
            ics = calendar_bytes([application], placement.title)
            for person, line in (
                (application.applicant, f"Your shadowing placement at {placement.host_council}"),
                (placement.host_officer, f"{application.applicant} visits you"),
            ):
                if not person.email:
                    continue
                message = EmailMessage(
                    subject=f"[CCIN] Reminder: “{placement.title}” starts on {when}",
                    body=f"{line}, starting on {when}.\n\n"
                    f"Place: {placement.place or placement.get_format_display()}\n"
                    f"Details: {url}\n",
                    to=[person.email],
                )
                message.attach("placement.ics", ics, "text/calendar")
                transaction.on_commit(message.send)
            sent += 1
    return sent
