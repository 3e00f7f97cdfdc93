"""The README's production shape, run for real on this machine, then Redis and PostgreSQL restarted.

nginx (Debian's package) with deploy/nginx.conf, only its host name, ports,
certificate and paths replaced, in front of two daphne processes with
production settings (DJANGO_DEBUG=false, a secret key, ALLOWED_HOSTS, TLS at
the proxy, collected static files), the task worker, and a PostgreSQL cluster
and a redis-server of the test's own (tests/deploy/servers.py), which it stops
and starts while the site runs. daphne is never restarted.

The tests run in file order on one deployment: pages and sign-in, a liveblog
entry posted through nginx reaching readers on both processes, the client's
address behind the proxy, then Redis down and back, then PostgreSQL down and
back. Every entry the site acknowledged must be in the database exactly once.

Skipped only when nginx, redis-server or PostgreSQL's binaries are missing;
under HUB_REQUIRE_DEPLOY=1 (CI) that fails instead. HUB_SKIP_DEPLOY=1 skips it
(CI's second `make test` run: this test brings its own servers, so one run is
enough).
"""

import asyncio
import contextlib
import hashlib
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
import urllib3
import websockets

from tests.deploy.servers import (
    DEADLINE,
    PostgresServer,
    RedisServer,
    free_port,
    port_open,
    require,
    wait_until,
)

BASE_DIR = Path(__file__).resolve().parents[2]
NGINX_CONF = BASE_DIR / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
HOST = "hub.test"
PASSWORD = "a-long-deploy-password-42"
REQUEST_RATE = 40

pytestmark = [
    # The test's own certificate is self-signed.
    pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning"),
    pytest.mark.skipif(
        os.environ.get("HUB_SKIP_DEPLOY") == "1",
        reason="HUB_SKIP_DEPLOY=1: the deployment test ran in another run of this CI",
    ),
]

# Everything the settings read that this test sets itself.
SITE_ENV = (
    "DATABASE_URL",
    "REDIS_URL",
    "TASKS_BACKEND",
    "SITE_URL",
    "EMAIL_URL",
    "CACHE_KEY_PREFIX",
    "CHANNEL_LAYER_PREFIX",
    "STATIC_ROOT",
    "MEDIA_ROOT",
)

SETUP = """
import json
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
executor = MigrationExecutor(connection)
unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
assert not unapplied, f"migrations not applied: {unapplied}"
from django.contrib.auth.models import Group
from allauth.account.models import EmailAddress
from cms.demo import home_page
from ideasbank import services as ideas
from ideasbank.models import Visibility
from liveblogs.models import LiveblogIndexPage, LiveblogPage
from members.models import User
from members.permissions import NETWORK_EDITORS
from django.test.utils import override_settings

def person(email, name, *groups):
    user = User.objects.create_user(email=email, password=PASSWORD, name=name, status="confirmed")
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    for group in groups:
        user.groups.add(Group.objects.get(name=group))
    return user

editor = person("editor@deploy.test", "Nadia Editor", NETWORK_EDITORS)
member = person("member@deploy.test", "Rita Member")
with override_settings(HUB_POST_INTERVAL=0):
    idea = ideas.idea_create(
        author=member, title="Shared procurement of school meals", summary="Buy together.",
        body="Councils buying together save money.", themes="procurement",
        visibility=Visibility.PUBLIC,
    )
home = home_page()
index = LiveblogIndexPage(title="Liveblogs", slug="liveblogs")
home.add_child(instance=index)
index.save_revision().publish()
page = LiveblogPage(title="Assembly live", slug="assembly-live", state=LiveblogPage.State.LIVE)
index.add_child(instance=page)
page.save_revision().publish()
print("SETUP " + json.dumps({"idea": idea.pk, "liveblog": page.pk, "liveblog_url": page.url}))
"""


def _nginx_site(workdir: Path, https: int, http: int, upstreams: list[int], static: Path) -> str:
    """deploy/nginx.conf with this deployment's values; fails if the file no longer has them."""
    text = NGINX_CONF.read_text()
    replacements = [
        ("server 127.0.0.1:8001;", f"server 127.0.0.1:{upstreams[0]};"),
        ("server 127.0.0.1:8002;", f"server 127.0.0.1:{upstreams[1]};"),
        ("listen 443 ssl;", f"listen 127.0.0.1:{https} ssl;"),
        ("listen 80;", f"listen 127.0.0.1:{http};"),
        ("/etc/ssl/certs/hub.example.org.pem", str(workdir / "cert.pem")),
        ("/etc/ssl/private/hub.example.org.key", str(workdir / "key.pem")),
        ("/srv/hub/staticfiles/", f"{static}/"),
        ("/srv/hub/media/", f"{workdir / 'media'}/"),
        ("hub.example.org", HOST),
    ]
    for old, new in replacements:
        assert old in text, f"deploy/nginx.conf no longer contains {old!r}; update this test"
        text = text.replace(old, new)
    return text


def _schema_key() -> str:
    """What the migrated schema depends on: every migration here and the pinned packages."""
    digest = hashlib.sha256(sys.version.encode())
    digest.update((BASE_DIR / "requirements.txt").read_bytes())
    for path in sorted(BASE_DIR.glob("*/migrations/*.py")):
        digest.update(str(path.relative_to(BASE_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _migrate(d: "Deployment") -> None:
    """`manage.py migrate` on the empty database, or restore what it built last time.

    Migrating from nothing takes minutes on a loaded 2-core machine, so the
    migrated database is kept (pg_dump) under a key of every migration file and
    the pinned requirements, and restored when they have not changed; then
    the data setup finds no migration left to apply (as `migrate --check`).
    """
    cache = Path(os.environ.get("HUB_DEPLOY_CACHE", Path.home() / ".cache" / "hub-deploy"))
    dump = cache / f"schema-{_schema_key()}.dump"
    client = {"env": {**os.environ, "PGUSER": "postgres"}, "check": True, "capture_output": True}
    target = ["-h", "127.0.0.1", "-p", str(d.pg.port), "-d", "hub"]
    if dump.exists():
        restore = [str(d.pg.bin / "pg_restore"), "--no-owner", "--exit-on-error", *target]
        subprocess.run([*restore, str(dump)], **client)  # noqa: S603
        return  # SETUP then checks that no migration is left to apply
    migrate = d.manage("migrate", "--noinput", "-v", "0")
    output, _ = migrate.communicate(timeout=DEADLINE * 10)
    assert migrate.returncode == 0, f"migrate failed:\n{output}"
    cache.mkdir(parents=True, exist_ok=True)
    partial = dump.with_suffix(f".{os.getpid()}.partial")
    subprocess.run(  # noqa: S603
        [str(d.pg.bin / "pg_dump"), "-Fc", *target, "-f", str(partial)], **client
    )
    partial.replace(dump)


def _self_signed(workdir: Path) -> None:
    subprocess.run(  # noqa: S603
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            f"/CN={HOST}",
            "-keyout",
            str(workdir / "key.pem"),
            "-out",
            str(workdir / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )


class Deployment:
    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.processes: dict[str, subprocess.Popen] = {}
        self.https = free_port()
        self.http = free_port()
        self.daphne_ports = [free_port(), free_port()]
        self.base = f"https://127.0.0.1:{self.https}"
        self.origin = f"https://{HOST}:{self.https}"
        self.ids: dict = {}
        self.clients = 0

    # -- processes ------------------------------------------------------------------
    def spawn(self, name: str, args: list[str], env=None) -> subprocess.Popen:
        log = open(self.workdir / f"{name}.log", "ab")  # noqa: SIM115
        process = subprocess.Popen(  # noqa: S603
            args,
            cwd=BASE_DIR,
            env=env or self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, killed as one
        )
        log.close()
        self.processes[name] = process
        return process

    def manage(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def logs(self) -> str:
        parts = []
        for path in sorted(self.workdir.glob("*.log")):
            lines = path.read_text(errors="replace").splitlines()[-30:]
            parts.append(f"--- {path.name} ---\n" + "\n".join(lines))
        return "\n".join(parts)

    # -- HTTP through nginx -------------------------------------------------------
    def session(self) -> requests.Session:
        session = requests.Session()
        session.trust_env = False  # REQUESTS_CA_BUNDLE would override verify
        session.verify = False
        session.headers["Host"] = f"{HOST}:{self.https}"
        # Each session is its own client behind the proxy: nginx appends the
        # connection's address (127.0.0.1, a trusted proxy) after this one.
        self.clients += 1
        session.headers["X-Forwarded-For"] = f"192.0.2.{self.clients % 250 + 1}"
        return session

    def get(self, session, path, **kwargs):
        return session.get(self.base + path, timeout=DEADLINE, allow_redirects=False, **kwargs)

    def post(self, session, path, data, **kwargs):
        headers = {"Referer": self.origin + path, **kwargs.pop("headers", {})}
        return session.post(
            self.base + path,
            data=data,
            headers=headers,
            timeout=DEADLINE,
            allow_redirects=False,
            **kwargs,
        )

    def csrf(self, session, path) -> str:
        html = self.get(session, path).text
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def sign_in(self, email):
        session = self.session()
        token = self.csrf(session, "/accounts/login/")
        response = self.post(
            session,
            "/accounts/login/",
            {"csrfmiddlewaretoken": token, "login": email, "password": PASSWORD},
        )
        return session, response

    def post_entry(self, session, body):
        path = f"{self.ids['liveblog_url']}entries/"
        token = self.csrf(session, self.ids["liveblog_url"])
        return self.post(
            session,
            path,
            {"csrfmiddlewaretoken": token, "body": body},
            headers={"Accept": "application/json"},
        )

    def wait_healthy(self, after: str) -> None:
        """Until each daphne process, asked directly, and nginx answer /healthz/ 200."""
        for n, port in enumerate(self.daphne_ports):
            _wait_ready(self, port, f"daphne{n + 1}")
        wait_until(lambda: self.healthz().status_code == 200, f"/healthz/ 200 after {after}")

    def healthz(self) -> requests.Response:
        return self.get(self.session(), "/healthz/")

    # -- the database, read directly ----------------------------------------------
    def task_status(self, task_id: str) -> str | None:
        import psycopg

        with psycopg.connect(self.pg.url.replace("postgres://", "postgresql://")) as conn:
            row = conn.execute(
                "select status from django_tasks_database_dbtaskresult where id = %s", [task_id]
            ).fetchone()
        return row[0] if row else None

    def entries(self) -> list[str]:
        import psycopg

        with psycopg.connect(self.pg.url.replace("postgres://", "postgresql://")) as conn:
            rows = conn.execute("select body from liveblogs_entry order by id").fetchall()
        return [row[0] for row in rows]


def _wait_ready(deployment: Deployment, port: int, name: str) -> None:
    def ready():
        process = deployment.processes[name]
        if process.poll() is not None:
            raise AssertionError(f"{name} exited: {deployment.logs()}")
        response = requests.get(
            f"http://127.0.0.1:{port}/healthz/",
            headers={"Host": HOST, "X-Forwarded-Proto": "https"},
            timeout=DEADLINE,
        )
        return response.status_code == 200

    wait_until(ready, f"{name} on port {port} to answer /healthz/ 200", deadline=DEADLINE * 2)


@pytest.fixture(scope="module")
def deployment():
    require("nginx (Debian's package)", Path(NGINX).exists())
    require("openssl", shutil.which("openssl") is not None)
    urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
    workdir = Path(tempfile.mkdtemp(prefix="hub-deploy-"))
    workdir.chmod(0o755)  # nginx's workers and PostgreSQL run as other users
    pg = PostgresServer(workdir)
    redis = RedisServer(workdir)
    d = Deployment(workdir)
    d.pg, d.redis = pg, redis
    static = workdir / "static"
    (workdir / "media").mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HUB_", "DJANGO_"))}
    for key in SITE_ENV:
        env.pop(key, None)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOST,
        DATABASE_URL=pg.url,
        REDIS_URL=redis.url,
        SITE_URL=d.origin,
        EMAIL_URL="consolemail://",
        STATIC_ROOT=str(static),
        MEDIA_ROOT=str(workdir / "media"),
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        # nginx on this machine is the trusted proxy (deploy/nginx.conf's X-Forwarded-For).
        HUB_TRUSTED_PROXIES="127.0.0.1",
        # One member posts here faster than people do; the limits have their own tests.
        HUB_POST_INTERVAL="0",
        HUB_LIVEBLOG_POST_RATE="1000/m",
        # Per client address: the limits test makes one address exceed it.
        HUB_REQUEST_RATE=f"{REQUEST_RATE}/m",
        PYTHONUNBUFFERED="1",
    )
    d.env = env
    try:
        # The README's steps. collectstatic and check --deploy need no database:
        # they run while PostgreSQL starts and the schema is built.
        collect = d.manage("collectstatic", "--noinput", "-v", "0")
        check = d.manage("check", "--deploy", "--fail-level", "WARNING")
        pg.start()
        pg.create_database()
        redis.start()
        _self_signed(workdir)
        _migrate(d)
        # daphne reads the static manifest once: collectstatic must be done first.
        for name, step in (("collectstatic", collect), ("check --deploy", check)):
            output, _ = step.communicate(timeout=DEADLINE * 5)
            assert step.returncode == 0, f"{name} failed:\n{output}"
        # daphne and the worker start while the test's data is made.
        daphne = [str(Path(sys.executable).parent / "daphne"), "-v", "1", "-b", "127.0.0.1"]
        for n, port in enumerate(d.daphne_ports):
            d.spawn(f"daphne{n + 1}", [*daphne, "-p", str(port), "config.asgi:application"])
        # db_worker exits when it loses its database connection; like the
        # README's deployment, run it under a supervisor that starts it again
        # (systemd's Restart=always there, a shell loop here).
        worker = f"until {shlex.quote(sys.executable)} manage.py db_worker; do sleep 1; done"
        d.spawn("worker", ["sh", "-c", worker])
        setup = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "shell", "-c", f"PASSWORD = {PASSWORD!r}\n{SETUP}"],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=DEADLINE * 5,
        )
        assert setup.returncode == 0, setup.stdout + setup.stderr
        d.ids = json.loads(re.search(r"^SETUP (.*)$", setup.stdout, re.M).group(1))

        (workdir / "hub.conf").write_text(
            _nginx_site(workdir, d.https, d.http, d.daphne_ports, static)
        )
        for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (workdir / f"nginx-{folder}").mkdir()
        (workdir / "nginx.conf").write_text(
            f"""
daemon off;
worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log {workdir}/nginx-access.log;
    client_body_temp_path {workdir}/nginx-body;
    proxy_temp_path {workdir}/nginx-proxy;
    fastcgi_temp_path {workdir}/nginx-fastcgi;
    uwsgi_temp_path {workdir}/nginx-uwsgi;
    scgi_temp_path {workdir}/nginx-scgi;
    include {workdir}/hub.conf;
}}
"""
        )
        nginx = [NGINX, "-p", str(workdir), "-c", str(workdir / "nginx.conf")]
        tested = subprocess.run([*nginx, "-t"], capture_output=True, text=True)  # noqa: S603
        assert tested.returncode == 0, tested.stderr
        d.spawn("nginx", nginx)
        for n, port in enumerate(d.daphne_ports):
            _wait_ready(d, port, f"daphne{n + 1}")
        wait_until(lambda: d.healthz().status_code == 200, "nginx to answer /healthz/ 200")
        yield d
    finally:
        # The test is over: no graceful shutdown to wait for.
        for process in d.processes.values():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
        for process in d.processes.values():
            process.wait()
        print(d.logs())
        redis.stop()
        if pg.data.exists() and port_open(pg.port):
            pg.stop(mode="immediate")  # nothing left to keep
        if os.environ.get("HUB_DEPLOY_KEEP") == "1":
            print(f"HUB_DEPLOY_KEEP=1: logs and data kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


# -- WebSocket readers ------------------------------------------------------------------


def _tls() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def _reader_urls(d: Deployment) -> dict[str, tuple[str, ssl.SSLContext | None]]:
    path = f"/ws/liveblogs/{d.ids['liveblog']}/"
    return {
        "through nginx": (f"wss://127.0.0.1:{d.https}{path}", _tls()),
        "daphne 1": (f"ws://127.0.0.1:{d.daphne_ports[0]}{path}", None),
        "daphne 2": (f"ws://127.0.0.1:{d.daphne_ports[1]}{path}", None),
    }


async def _until_entry(socket, text: str) -> dict:
    while True:
        message = json.loads(await socket.recv())
        if message.get("type") == "entry" and text in message.get("html", ""):
            return message


def readers_receive(d: Deployment, post) -> dict:
    """Connect a reader through nginx and one on each daphne, call post(), and return
    what each reader received of it (every reader must receive it)."""

    async def run():
        sockets = {}
        try:
            for name, (url, context) in _reader_urls(d).items():
                socket = await websockets.connect(url, origin=d.origin, ssl=context)
                sockets[name] = socket
                since = len(d.entries())
                await socket.send(json.dumps({"since": since}))
                while json.loads(await asyncio.wait_for(socket.recv(), DEADLINE))["type"] != (
                    "ready"
                ):
                    pass
            text = await asyncio.to_thread(post)
            received = {}
            for name, socket in sockets.items():
                received[name] = await asyncio.wait_for(_until_entry(socket, text), DEADLINE)
            return received
        finally:
            for socket in sockets.values():
                await socket.close()

    # On a thread of its own: after a browser test, Playwright's sync API leaves
    # an event loop on the main thread, where asyncio.run() refuses to start.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, run()).result()


# -- the tests, in order ------------------------------------------------------------------


def test_pages_static_and_sign_in_through_nginx(deployment):
    d = deployment
    visitor = d.session()
    home = d.get(visitor, "/")
    assert home.status_code == 200
    assert home.headers["Server"].startswith("nginx")
    assert "Strict-Transport-Security" in home.headers
    for path in ["/ideas/", f"/ideas/{d.ids['idea']}/", d.ids["liveblog_url"], "/search/?q=meals"]:
        assert d.get(visitor, path).status_code == 200, path
    # Plain http is sent to https by nginx.
    plain = d.session().get(
        f"http://127.0.0.1:{d.http}/ideas/", headers={"Host": HOST}, allow_redirects=False
    )
    assert plain.status_code == 301
    assert plain.headers["Location"].startswith(f"https://{HOST}")
    # Collected static files, under the manifest's hashed names, served by nginx.
    stylesheets = re.findall(r'href="(/static/[^"]+\.css)"', home.text)
    assert stylesheets and all(re.search(r"\.[0-9a-f]{12}\.css$", s) for s in stylesheets)
    for href in stylesheets:
        response = d.get(visitor, href, headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200, href
        assert response.headers["Content-Type"].startswith("text/css")
        assert "Expires" in response.headers  # nginx's expires, not WhiteNoise
    assert d.get(visitor, "/static/no-such-file.css").status_code == 404
    # Signing in: secure cookies over TLS, then a member's own page.
    member, response = d.sign_in("member@deploy.test")
    assert response.status_code == 302, response.text[:500]
    assert member.cookies.get("sessionid")
    account = d.get(member, "/members/account/")
    assert account.status_code == 200
    assert "member@deploy.test" in account.text
    # A host nginx forwards but the site does not serve is refused by Django.
    assert d.get(visitor, "/", headers={"Host": "evil.example"}).status_code == 400


def test_an_entry_posted_through_nginx_reaches_readers_on_both_processes(deployment):
    d = deployment
    editor, response = d.sign_in("editor@deploy.test")
    assert response.status_code == 302

    def post():
        response = d.post_entry(editor, "Opening remarks")
        assert response.status_code == 200, response.text[:500]
        assert response.json()["change"]["seq"] == 1
        return "Opening remarks"

    received = readers_receive(d, post)
    # Whichever process took the post, the reader on the other one received it.
    assert set(received) == {"through nginx", "daphne 1", "daphne 2"}
    assert {m["seq"] for m in received.values()} == {1}
    assert d.entries() == ["Opening remarks"]


def test_limits_key_on_the_client_address_nginx_forwards(deployment):
    """HUB_TRUSTED_PROXIES: one client over the per-address limit does not block another."""
    d = deployment
    stranger = d.session()
    # A fixed window may turn over once during the loop, hence twice the rate.
    for _ in range(2 * REQUEST_RATE + 2):
        refused = d.get(stranger, "/robots.txt")
        if refused.status_code != 200:
            break
    assert refused.status_code == 429
    assert "<html" in refused.text.lower()  # the site's own 429 page
    # Another client behind the same proxy (were its address not believed, both
    # would be the proxy's 127.0.0.1) is served at once, and can sign in.
    assert d.get(d.session(), "/robots.txt").status_code == 200
    _, member = d.sign_in("member@deploy.test")
    assert member.status_code == 302


def _not_500(response) -> bool:
    if response.status_code == 503:
        return "<html" in response.text.lower()
    return response.status_code == 200


def test_redis_stops_and_returns_without_restarting_daphne(deployment):
    d = deployment
    member, _ = d.sign_in("member@deploy.test")
    editor, _ = d.sign_in("editor@deploy.test")
    visitor = d.session()
    before = d.entries()

    d.redis.stop()

    for session, path in [
        (visitor, "/"),
        (visitor, f"/ideas/{d.ids['idea']}/"),
        (visitor, d.ids["liveblog_url"]),
        (member, "/"),
        (member, f"/ideas/{d.ids['idea']}/"),
        (member, "/members/account/"),
    ]:
        response = d.get(session, path)
        assert _not_500(response), (path, response.status_code)
    account = d.get(member, "/members/account/")
    assert "member@deploy.test" in account.text  # still signed in: sessions are in PostgreSQL
    health = d.healthz()
    assert health.status_code == 503
    assert health.json()["checks"]["cache"] == "down"
    assert health.json()["checks"]["channel_layer"] == "down"
    assert health.json()["checks"]["database"] == "ok"
    during = d.post_entry(editor, "Posted while Redis was down")
    assert during.status_code == 200, during.text[:500]

    d.redis.start()
    d.wait_healthy("Redis returned")

    def post():
        first = d.post_entry(editor, "First after Redis returned")
        assert first.status_code == 200, first.text[:500]
        return "First after Redis returned"

    # Both processes' channel layers recovered: readers on each hear the next post.
    received = readers_receive(d, post)
    assert set(received) == {"through nginx", "daphne 1", "daphne 2"}
    assert d.entries() == [*before, "Posted while Redis was down", "First after Redis returned"]


def test_postgresql_restarts_and_no_acknowledged_write_is_lost(deployment):
    d = deployment
    member, _ = d.sign_in("member@deploy.test")
    editor, _ = d.sign_in("editor@deploy.test")
    acknowledged = []
    for n in range(5):
        response = d.post_entry(editor, f"Acknowledged {n}")
        assert response.status_code == 200
        acknowledged.append(f"Acknowledged {n}")

    d.pg.stop(mode="fast")
    down = d.healthz()
    assert down.status_code == 503
    assert down.json()["checks"]["database"] == "down"
    d.pg.start()

    d.wait_healthy("PostgreSQL returned")
    entries = d.entries()
    for body in acknowledged:
        assert entries.count(body) == 1, body
    # Each process reconnected (wait_healthy asked each one's /healthz/, which
    # queries the database); the member is still signed in and the site writes.
    for _ in d.daphne_ports:
        assert "member@deploy.test" in d.get(member, "/members/account/").text
    after = d.post_entry(editor, "After PostgreSQL returned")
    assert after.status_code == 200, after.text[:500]
    assert d.entries().count("After PostgreSQL returned") == 1
    # The (supervised) task worker runs what is queued after the restart (the
    # README's daily digest, as cron would queue it).
    queue = d.manage("send_digests", "--frequency", "daily")
    output, _ = queue.communicate(timeout=DEADLINE * 2)
    task = re.search(r"Queued daily digests as task (\S+)\.", output)
    assert task, output
    wait_until(
        lambda: d.task_status(task.group(1)) == "SUCCESSFUL",
        "the task worker to run the digest queued after PostgreSQL returned",
    )
    for name in ("daphne1", "daphne2", "nginx"):
        assert d.processes[name].poll() is None, f"{name} exited"
