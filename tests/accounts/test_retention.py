"""manage.py apply_retention: old unverified sign-ups, old read notifications, expired exports."""

from datetime import timedelta
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from accounts.models import DataExport

User = get_user_model()
pytestmark = pytest.mark.django_db


def _notification_model():
    for label in ("notifications.Notification", "core.Notification"):
        try:
            return apps.get_model(label)
        except LookupError:
            continue


def _signup(email, days_ago, status=User.Status.UNVERIFIED):
    user = User.objects.create_user(email=email, password="x", name="Someone", status=status)
    User.objects.filter(pk=user.pk).update(date_joined=timezone.now() - timedelta(days=days_ago))
    return user


def test_retention_removes_only_what_is_past_its_time(settings, officer):
    settings.HUB_RETENTION_UNVERIFIED_DAYS = 30
    settings.HUB_RETENTION_READ_NOTIFICATIONS_DAYS = 90
    old_unverified = _signup("old@nowhere.example", 40)
    new_unverified = _signup("new@nowhere.example", 5)
    old_pending = _signup("pending@nowhere.example", 400, status=User.Status.PENDING)
    now = timezone.now()
    Notification = _notification_model()
    old_read = Notification.objects.create(
        recipient=officer, kind="t", title="Old and read", read_at=now - timedelta(days=100)
    )
    old_unread = Notification.objects.create(
        recipient=officer, kind="t", title="Old, unread", created_at=now - timedelta(days=100)
    )
    recent_read = Notification.objects.create(
        recipient=officer, kind="t", title="Read yesterday", read_at=now - timedelta(days=1)
    )
    expired = DataExport.objects.create(user=officer, expires_at=now - timedelta(hours=1))
    live = DataExport.objects.create(user=officer, expires_at=now + timedelta(hours=1))

    out = StringIO()
    call_command("apply_retention", stdout=out)

    assert "Deleted 1 unverified sign-up(s), 1 read notification(s) and 1 expired" in out.getvalue()
    remaining_users = set(User.objects.values_list("pk", flat=True))
    assert old_unverified.pk not in remaining_users
    assert {new_unverified.pk, old_pending.pk, officer.pk} <= remaining_users
    remaining = set(Notification.objects.values_list("pk", flat=True))
    assert old_read.pk not in remaining
    assert {old_unread.pk, recent_read.pk} <= remaining
    assert set(DataExport.objects.values_list("pk", flat=True)) == {live.pk}
    assert expired.pk not in remaining


def test_an_old_unverified_account_with_a_verified_address_is_kept(officer):
    officer.status = User.Status.UNVERIFIED
    officer.save()
    User.objects.filter(pk=officer.pk).update(date_joined=timezone.now() - timedelta(days=400))
    call_command("apply_retention", stdout=StringIO())
    assert User.objects.filter(pk=officer.pk).exists()
