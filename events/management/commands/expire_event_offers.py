"""Pass on places whose offer was not taken up in time (run every few minutes)."""

from django.core.management.base import BaseCommand

from events.services import offers_expire


class Command(BaseCommand):
    help = "Lapse event place offers past their time and offer each place to the next person."

    def handle(self, *args, **options):
        count = offers_expire()
        self.stdout.write(f"{count} offer{'s' if count != 1 else ''} lapsed.")
