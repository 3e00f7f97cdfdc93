"""manage.py apply_retention: delete old unverified sign-ups, read notifications and exports."""

from django.core.management.base import BaseCommand

from accounts.services.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Delete unverified sign-ups and read notifications older than the retention "
        "periods in settings, and data exports past their download time."
    )

    def add_arguments(self, parser):
        parser.add_argument("--unverified-days", type=int, default=None)
        parser.add_argument("--notification-days", type=int, default=None)

    def handle(self, *args, unverified_days=None, notification_days=None, **options):
        result = apply_retention(
            unverified_days=unverified_days, notification_days=notification_days
        )
        self.stdout.write(
            f"Deleted {result.unverified_signups} unverified sign-up(s), "
            f"{result.read_notifications} read notification(s) and "
            f"{result.expired_exports} expired data export(s)."
        )
