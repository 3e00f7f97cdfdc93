"""Email digests to members who chose daily or weekly; run from cron."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from notifications.tasks import send_digests


class Command(BaseCommand):
    help = "Send notification digests (run daily for 'daily', weekly for 'weekly')."

    def add_arguments(self, parser):
        User = get_user_model()
        parser.add_argument(
            "--frequency", choices=[f.value for f in User.DIGEST_FREQUENCIES], default="daily"
        )

    def handle(self, *args, frequency, **options):
        result = send_digests.enqueue(frequency=frequency)
        if result.is_finished:
            self.stdout.write(f"Sent {result.return_value} {frequency} digest(s).")
        else:
            self.stdout.write(f"Queued {frequency} digests as task {result.id}.")
