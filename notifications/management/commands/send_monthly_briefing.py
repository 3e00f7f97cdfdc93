"""Send last month's briefing to every confirmed member, once each; run monthly from cron."""

from django.core.management.base import BaseCommand

from notifications.tasks import send_monthly_briefing_task


class Command(BaseCommand):
    help = "Send each confirmed member last month's briefing (safe to run twice)."

    def handle(self, *args, **options):
        result = send_monthly_briefing_task.enqueue()
        if result.is_finished:
            self.stdout.write(f"Sent {result.return_value} briefing(s).")
        else:
            self.stdout.write(f"Queued the monthly briefing as task {result.id}.")
