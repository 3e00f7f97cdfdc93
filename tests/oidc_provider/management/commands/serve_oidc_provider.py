"""Create the provider's database, users and clients from a JSON seed, then serve it."""

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand
from oauth2_provider.models import Application

from tests.oidc_provider.validator import UNVERIFIED_GROUP


class Command(BaseCommand):
    help = "Serve the test OpenID Connect provider on 127.0.0.1."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, required=True)

    def handle(self, *args, port: int, **options):
        call_command("migrate", verbosity=0, interactive=False)
        seed = json.loads(Path(settings.DIR / "seed.json").read_text())
        User = get_user_model()
        unverified, _ = Group.objects.get_or_create(name=UNVERIFIED_GROUP)
        for person in seed["users"]:
            user = User.objects.create_user(
                username=person["username"],
                email=person["email"],
                password=person["password"],
                first_name=person.get("first_name", ""),
                last_name=person.get("last_name", ""),
            )
            if not person.get("email_verified", True):
                user.groups.add(unverified)
        for client in seed["clients"]:
            Application.objects.create(
                name=client["name"],
                client_id=client["client_id"],
                client_secret=client["secret"],
                client_type=Application.CLIENT_CONFIDENTIAL,
                authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
                redirect_uris=" ".join(client["redirect_uris"]),
                algorithm=Application.RS256_ALGORITHM,
                skip_authorization=True,
            )
        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, use_threading=True)
