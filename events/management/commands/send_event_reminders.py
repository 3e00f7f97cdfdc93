"""Email registered members before their event, with its calendar file (run hourly)."""

from django.core.management.base import BaseCommand

from events.services import reminders_send


class Command(BaseCommand):
    help = "Send each registered member one reminder before the event, with the .ics attached."

    def handle(self, *args, **options):
        count = reminders_send()
        self.stdout.write(f"{count} reminder{'s' if count != 1 else ''} sent.")
