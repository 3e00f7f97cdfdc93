"""Bench helper: migrate a throwaway database and create a liveblog, an editor and a session.

Run as a script with DATABASE_URL (and REDIS_URL) set; prints one JSON line.
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from cms.demo import home_page  # noqa: E402
from liveblogs.models import LiveblogIndexPage, LiveblogPage  # noqa: E402
from liveblogs.views import compose_url  # noqa: E402
from members.models import User  # noqa: E402
from members.permissions import NETWORK_EDITORS  # noqa: E402


def main() -> None:
    call_command("migrate", verbosity=0, interactive=False)
    home = home_page()
    index = LiveblogIndexPage(title="Liveblogs", slug="liveblogs")
    home.add_child(instance=index)
    index.save_revision().publish()
    page = LiveblogPage(title="Bench liveblog", slug="bench", state=LiveblogPage.State.LIVE)
    index.add_child(instance=page)
    page.save_revision().publish()
    editor = User.objects.create_user(
        email="bench-editor@councils.coop",
        password="bench-password-123",
        name="Bench",
        status=User.Status.CONFIRMED,
    )
    editor.groups.add(Group.objects.get(name=NETWORK_EDITORS))
    client = Client()
    client.force_login(editor)
    print(
        json.dumps(
            {
                "page_id": page.pk,
                "page_path": page.url,
                "compose_path": compose_url(page),
                "sessionid": client.cookies["sessionid"].value,
            }
        )
    )


if __name__ == "__main__":
    main()
