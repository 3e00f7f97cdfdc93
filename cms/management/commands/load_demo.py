"""Fill an empty site with the network as its own papers describe it.

Each app keeps its demo content in <app>/demo.py with a load(stdout=...)
function; running the command twice changes nothing the second time. This
command, in the site shell (cms), is the one place outside tests that imports
demo code.
"""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Ideas before pages (Policy Labs and Prototypes link the ideas they grew from);
# events last (registrations on the event pages, for the demo accounts).
DEMO_APPS = ["members", "ideasbank", "cms", "forum", "mentoring", "liveblogs", "events"]


class Command(BaseCommand):
    help = "Load demo councils, accounts and content (idempotent)."

    def handle(self, *args, **options):
        for app in DEMO_APPS:
            try:
                module = import_module(f"{app}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{app}.demo":
                    raise
                continue
            with transaction.atomic():
                module.load(stdout=self.stdout)
        import_module("cms.demo_policies").load(stdout=self.stdout)

        from members.demo import DEMO_PASSWORD, accounts_table

        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD})"))
        for email, role in accounts_table():
            self.stdout.write(f"  {email:<28} {role}")
