"""Keep personal data no longer than needed: unverified sign-ups, read notifications, exports."""

from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from accounts.models import DataExport

User = get_user_model()


@dataclass
class RetentionResult:
    unverified_signups: int = 0
    read_notifications: int = 0
    expired_exports: int = 0


def _notification_model():
    for label in ("notifications.Notification", "core.Notification"):
        try:
            return apps.get_model(label)
        except LookupError:
            continue
    return None


def apply_retention(*, now=None, unverified_days=None, notification_days=None) -> RetentionResult:
    """Delete what the retention periods in settings say the hub no longer needs."""
    now = now or timezone.now()
    unverified_days = unverified_days or settings.HUB_RETENTION_UNVERIFIED_DAYS
    notification_days = notification_days or settings.HUB_RETENTION_READ_NOTIFICATIONS_DAYS
    result = RetentionResult()

    stale = User.objects.filter(
        status=User.Status.UNVERIFIED,
        date_joined__lt=now - timedelta(days=unverified_days),
        is_staff=False,
        is_superuser=False,
    ).exclude(emailaddress__verified=True)
    for person in stale.iterator():
        try:
            with transaction.atomic():
                person.delete()
            result.unverified_signups += 1
        except ProtectedError:
            continue  # someone who somehow wrote something stays, to keep threads whole

    if Notification := _notification_model():
        deleted, _ = Notification.objects.filter(
            read_at__isnull=False, read_at__lt=now - timedelta(days=notification_days)
        ).delete()
        result.read_notifications = deleted

    deleted, _ = DataExport.objects.filter(expires_at__lte=now).delete()
    result.expired_exports = deleted
    return result
