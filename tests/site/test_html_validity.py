"""The Nu HTML checker (vnu.jar) finds no errors on the main page types, for a visitor and a member.

vnu.jar comes from npm (`npm install vnu-jar`) and needs Java; the test finds it
through VNU_JAR or a node_modules folder, and is skipped where neither is there.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from tests.conftest import BASE_DIR
from tests.site.pages import load_demo

pytestmark = pytest.mark.django_db

OFFICER = "officer@oldham.gov.uk"
LEAD = "lead@oldham.gov.uk"
NPM_JAR = Path("node_modules") / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _vnu_jar() -> Path | None:
    candidates = [os.environ.get("VNU_JAR", ""), BASE_DIR / NPM_JAR, BASE_DIR / ".ci" / NPM_JAR]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def _main_pages() -> dict[str, str]:
    from cms.models import EventPage, LibraryIndexPage
    from forum.models import Thread
    from ideasbank.models import Idea
    from liveblogs.models import LiveblogPage

    public_thread = Thread.objects.filter(category__visibility="public").order_by("pk").first()
    return {
        "home": "/",
        "ideas": "/ideas/",
        "idea": Idea.objects.filter(visibility="public").order_by("pk").first().get_absolute_url(),
        "thread": public_thread.get_absolute_url(),
        "liveblog": LiveblogPage.objects.live().order_by("pk").first().url,
        "event": EventPage.objects.live().public().order_by("pk").first().url,
        "library": LibraryIndexPage.objects.live().first().url,
        "council": "/members/councils/oldham/",
    }


def _save(client: Client, path: str, folder: Path, name: str) -> Path:
    response = client.get(path, follow=True)
    assert response.status_code == 200, (name, path, response.status_code)
    target = folder / f"{name}.html"
    target.write_bytes(response.content)
    return target


@pytest.mark.skipif(shutil.which("java") is None, reason="the Nu checker needs Java")
def test_the_nu_checker_finds_no_errors_on_the_main_pages(tmp_path):
    jar = _vnu_jar()
    if jar is None:
        pytest.skip("vnu.jar not found: `npm install vnu-jar` or set VNU_JAR")
    load_demo()
    from members.models import User

    visitor, officer, lead = Client(), Client(), Client()
    officer.force_login(User.objects.get(email=OFFICER))
    lead.force_login(User.objects.get(email=LEAD))
    files = [_save(visitor, "/accounts/login/", tmp_path, "visitor-sign-in")]
    for name, path in _main_pages().items():
        files.append(_save(visitor, path, tmp_path, f"visitor-{name}"))
        files.append(_save(officer, path, tmp_path, f"officer-{name}"))
    files.append(_save(officer, "/shadowing/mentoring/", tmp_path, "officer-mentoring"))
    files.append(_save(lead, "/shadowing/placements/new/", tmp_path, "lead-placement-form"))

    result = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')}"
        for m in messages
        if m.get("type") == "error" or m.get("subType") == "fatal"
    ]
    assert errors == []
