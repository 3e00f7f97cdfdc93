"""Fixtures shared by every app's tests: people in each role, and a live server."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection

from tests import factories

BASE_DIR = Path(__file__).resolve().parent.parent
AXE_SCRIPT = BASE_DIR / "tests" / "vendor" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

# Playwright's sync API runs an event loop in the test thread; the ORM calls
# that browser tests make to set up data are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_and_isolated(request, settings):
    # A live server process keeps the real hashers, so browser tests must too.
    if "browser" not in request.keywords:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # Tests post and browse faster than people; the limit tests set their own.
    settings.HUB_POST_INTERVAL = 0
    settings.HUB_REQUEST_RATE = "100000/m"
    # A test that flushes the database (transactional tests, live servers)
    # recreates content types under new ids; forget the cached ones.
    ContentType.objects.clear_cache()
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def council(db):
    return factories.OrganisationFactory(name="Oldham Council", slug="oldham")


@pytest.fixture
def other_council(db):
    return factories.OrganisationFactory(name="Lambeth Council", slug="lambeth")


@pytest.fixture
def affiliate(db):
    return factories.AffiliateFactory(name="Co-operative Party", slug="co-operative-party")


@pytest.fixture
def officer(council):
    return factories.officer(council, name="Olu Officer")


@pytest.fixture
def other_officer(other_council):
    return factories.officer(other_council, name="Leah Officer")


@pytest.fixture
def lead(council):
    return factories.council_lead(council, name="Jo Lead")


@pytest.fixture
def other_lead(other_council):
    return factories.council_lead(other_council, name="Lee Lead")


@pytest.fixture
def editor(db):
    return factories.network_editor(name="Nadia Editor")


@pytest.fixture
def moderator(other_council):
    return factories.moderator(other_council, name="Marcus Moderator")


@pytest.fixture
def pending(council):
    return factories.pending_member(council, name="Pending Person")


@pytest.fixture
def client_for(client):
    """client_for(user) -> a test client signed in as that user (None: a visitor)."""
    from django.test import Client

    def make(user):
        if user is None:
            return Client()
        c = Client()
        c.force_login(user)
        return c

    return make


@pytest.fixture(scope="session", autouse=True)
def _close_connection_pools(django_db_setup, django_db_blocker):
    """Close PostgreSQL connections left by other threads before the test database is dropped.

    Threads from database_sync_to_async and the concurrency tests hand their
    connections back to the pool, which would otherwise keep the database busy.
    Only sessions on this run's own test database are ended.
    """
    yield
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock():
        for conn in connections.all(initialized_only=True):
            if getattr(conn, "pool", None) is not None:
                conn.close_pool()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


# ---------------------------------------------------------------------------
# Live daphne servers for browser and multi-process tests.


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_database_url() -> str:
    """The URL of the database pytest-django created, for a server process."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or 5432
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    return f"postgres://{settings['USER']}{password}@{host}:{port}/{settings['NAME']}"


class HubServer:
    """One daphne process serving config.asgi against the test database."""

    def __init__(self, *, mail_dir: Path, env: dict | None = None):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.ws_url = f"ws://127.0.0.1:{self.port}"
        self.mail_dir = mail_dir
        child_env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": test_database_url(),
            "DJANGO_DEBUG": "true",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            # django-environ drops one leading slash of the path.
            "EMAIL_URL": f"filemail:///{mail_dir}",
            "SITE_URL": self.url,
            "HUB_TESTING_SERVER": "1",
            **(env or {}),
        }
        self.log = open(mail_dir.parent / f"daphne-{self.port}.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "daphne",
                "-v",
                "0",
                "-b",
                "127.0.0.1",
                "-p",
                str(self.port),
                "config.asgi:application",
            ],
            cwd=BASE_DIR,
            env=child_env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_ready()

    def _wait_until_ready(self, timeout: float = 180.0) -> None:
        # A deadline, not a delay: it returns as soon as /healthz/ answers. Starting
        # Django and Wagtail took over 30 s on a loaded 2-core machine (load 17).
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"daphne exited; see {self.log.name}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz/", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("daphne did not start in time")

    def emails(self) -> list[str]:
        """Every email the server has sent so far, oldest first."""
        files = sorted(self.mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime)
        return [f.read_text() for f in files]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


@pytest.fixture
def hub_server_factory(transactional_db, tmp_path):
    """Start daphne servers on the test database; they stop after the test."""
    servers: list[HubServer] = []

    def start(env: dict | None = None) -> HubServer:
        mail_dir = tmp_path / f"mail-{len(servers)}"
        mail_dir.mkdir()
        server = HubServer(mail_dir=mail_dir, env=env)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def hub_server(hub_server_factory):
    return hub_server_factory()


# ---------------------------------------------------------------------------
# Playwright: the system Chromium, and axe-core.


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session", autouse=True)
def _patient_expectations():
    # CI shares a loaded 2-core machine: a browser assertion waits for what it
    # expects for up to 30 s (Playwright's default of 5 s made tests flaky).
    try:
        from playwright.sync_api import expect
    except ImportError:  # pragma: no cover - Playwright is in requirements-dev
        return
    expect.set_options(timeout=30_000)


def login(page, server: HubServer, email: str, password: str = factories.PASSWORD) -> None:
    """Sign in through the real sign-in form."""
    page.goto(f"{server.url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    # Wait for the answer to the form itself: wait_for_load_state() alone returns at
    # once for the sign-in page already loaded, and a goto() that follows under load
    # could cancel the sign-in before its session cookie arrived.
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def axe_violations(page) -> list[dict]:
    """Run axe-core (WCAG 2.0-2.2 A and AA rules) on the page; return violations."""
    # Evaluated through the DevTools protocol, which the page's Content-Security-Policy
    # does not govern; a <script> added to the page would be refused.
    page.evaluate(AXE_SCRIPT.read_text())
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
    ]


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], violations


def pytest_collection_modifyitems(config, items):
    """Browser tests run last; PostgreSQL-only tests skip on SQLite; browsers need Chromium.

    Playwright's sync API leaves an event loop on the main thread, after which
    async_to_sync in plain tests would refuse to run: so browsers go last.
    """
    from django.conf import settings

    items.sort(key=lambda item: "browser" in item.keywords)
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        skip_pg = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
        for item in items:
            if "postgres" in item.keywords:
                item.add_marker(skip_pg)
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("HUB_REQUIRE_BROWSER"):
        raise pytest.UsageError(f"Chromium is required for browser tests but {CHROMIUM} is missing")
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)
