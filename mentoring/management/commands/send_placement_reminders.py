"""Remind accepted visitors and their hosts a few days before a placement starts.

Cron runs it daily; each application is reminded once (reminded_at), so running
it twice in a day sends nothing more.
"""

from django.core.management.base import BaseCommand

from mentoring.services.reminders import REMINDER_DAYS, placement_reminders_send


class Command(BaseCommand):
    help = "Email reminders for accepted placements starting in the next few days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=REMINDER_DAYS)

    def handle(self, *args, days: int, **options):
        sent = placement_reminders_send(days=days)
        self.stdout.write(f"Placement reminders sent: {sent}")
