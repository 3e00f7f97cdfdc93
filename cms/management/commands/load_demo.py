"""Fill an empty site with the network as its own papers describe it.

Each app keeps its demo content in <app>/demo.py with a load(stdout=...)
function; running the command twice changes nothing the second time. This
command, in the site shell (cms), is the one place outside tests that imports
demo code.
"""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

# Ideas before pages (Policy Labs and Prototypes link the ideas they grew from);
# events last (registrations on the event pages, for the demo accounts).
DEMO_APPS = ["members", "ideasbank", "cms", "forum", "mentoring", "liveblogs", "events"]


class Command(BaseCommand):
    help = "Load demo councils, accounts and content (idempotent)."

    def handle(self, *args, **options):
        # The demo writes through the same services as members do, many posts
        # per account in a second: lift the posting limits for this command only.
        with override_settings(
            HUB_POST_INTERVAL=0, HUB_POST_RATE="100000/m", HUB_VOTE_RATE="100000/m"
        ):
            self._load()

    def _load(self):
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
