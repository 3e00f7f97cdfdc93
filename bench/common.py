"""What the benchmarks share: a throwaway database, one daphne process and a load generator.

A benchmark (bench/ideas_list.py, bench/thread_page.py) reads as:

    workspace = prepare_django("bench.x_settings", prefix="x-bench-")  # env, setup, migrate
    ...load its own data...
    with run_daphne(workspace) as server:                               # free port, pinned
        for round_number, case, result in interleaved(server, cases, rounds, load):
            ...print its own figures...

Its settings module takes BENCH_SETTINGS from here and its URLconf
minimal_urlpatterns(), which adds /bench-minimal/ (a sync HttpResponse("ok")
view through the full middleware stack) in front of the project's URLs.

Only the standard library is imported at the top: settings modules import this
file, and so do the benchmarks before django.setup().
"""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

BASE_DIR = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
MINIMAL_PATH = "/bench-minimal/"

# Laid over config.settings by each bench settings module: DEBUG off, plain
# HTTP on 127.0.0.1, files and static files on the local disk, default logging.
BENCH_SETTINGS: dict[str, Any] = {
    "DEBUG": False,
    "ALLOWED_HOSTS": [HOST],
    "SECURE_SSL_REDIRECT": False,
    "SESSION_COOKIE_SECURE": False,
    "CSRF_COOKIE_SECURE": False,
    "STORAGES": {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    },
    "LOGGING": {"version": 1, "disable_existing_loggers": False},
}


def minimal_view(request: Any) -> Any:
    """The baseline every page is compared with: a sync HttpResponse("ok")."""
    from django.http import HttpResponse

    return HttpResponse("ok")


def minimal_urlpatterns() -> list[Any]:
    """/bench-minimal/ in front of the project's own URLs (config.urls)."""
    from django.urls import include, path

    return [path("bench-minimal/", minimal_view), path("", include("config.urls"))]


@dataclass(frozen=True)
class Workspace:
    """A temporary folder (daphne.log, the SQLite file) and the environment daphne gets."""

    workdir: Path
    database_url: str
    env: dict[str, str]


def prepare_django(settings_module: str, prefix: str) -> Workspace:
    """Set up Django on a throwaway database in this process, migrated, and return the workspace.

    The database is SQLite in a new temporary folder, or BENCH_DATABASE_URL
    (for instance an empty PostgreSQL database). The same environment
    (settings module, database, DEBUG off, a bench-only secret key, no Redis,
    the project on PYTHONPATH) is set here and handed to daphne.
    """
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    database_url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-not-used-anywhere-else",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "REDIS_URL": "",
        "PYTHONPATH": str(BASE_DIR),
        # The load generator is one address sending far more than a person:
        # lift the per-address throttle and the interval between posts.
        "HUB_REQUEST_RATE": "100000000/m",
        "HUB_POST_INTERVAL": "0",
    }
    os.environ.update(env)
    if str(BASE_DIR) not in sys.path:
        sys.path.insert(0, str(BASE_DIR))

    import django
    from django.core.management import call_command

    django.setup()
    print(f"Database: {database_url}")
    call_command("migrate", verbosity=0, interactive=False)
    return Workspace(workdir=workdir, database_url=database_url, env=env)


@dataclass(frozen=True)
class Server:
    """A running daphne: its port, and whether it has a core to itself."""

    port: int
    pinned: bool


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@contextmanager
def run_daphne(workspace: Workspace) -> Iterator[Server]:
    """Start one daphne (-v 0) on a free port, wait until it answers, stop it on exit.

    Where this process may use two cores or more, daphne is pinned to the first
    and this process (the load generator) to the others. After a clean run the
    temporary folder is removed; after a failure it is kept for its daphne.log.
    """
    port = _free_port()
    cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    pinned = len(cores) >= 2
    log_path = workspace.workdir / "daphne.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "daphne", "-v", "0", "-b", HOST, "-p", str(port)]
            + ["config.asgi:application"],
            cwd=BASE_DIR,
            env=workspace.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=(lambda: os.sched_setaffinity(0, {cores[0]})) if pinned else None,
        )
        if pinned:
            os.sched_setaffinity(0, set(cores[1:]))
        try:
            _wait_ready(port, process, log_path)
            yield Server(port=port, pinned=pinned)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
    shutil.rmtree(workspace.workdir, ignore_errors=True)


def _wait_ready(port: int, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"daphne exited before it was ready; see {log_path}")
        try:
            fetch(port, MINIMAL_PATH, {"Host": HOST})
            return
        except (OSError, http.client.HTTPException):
            time.sleep(0.2)
    raise SystemExit(f"daphne did not start within 30 s; see {log_path}")


def fetch(port: int, path: str, headers: dict[str, str]) -> None:
    """GET path once on a new connection; stop the benchmark unless it answers 200."""
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit(f"GET {path} answered {response.status}")
    finally:
        conn.close()


@dataclass(frozen=True)
class Load:
    """How hard and how long to load each case: bounded in time and in requests."""

    seconds: float
    connections: int
    max_requests: int
    warmups: int = 1


@dataclass(frozen=True)
class Measurement:
    """One case measured once: requests/s, latency percentiles (ms), counts."""

    rate: float
    p50_ms: float
    p95_ms: float
    count: int
    errors: int


class Case(NamedTuple):
    """A page to measure: its label, its path and, for a signed-in member, a Cookie header."""

    label: str
    path: str
    cookie: str = ""


def measure(server: Server, case: Case, load: Load) -> Measurement:
    """Load one page with keep-alive http.client connections in threads, for a fixed time.

    A few requests first warm it up (templates compiled, caches filled, pools
    opened). Only 200 answers count; anything else, or a broken connection,
    is an error. Stops at load.seconds or load.max_requests, whichever is first.
    """
    headers = {"Host": HOST, "Connection": "keep-alive"}
    if case.cookie:
        headers["Cookie"] = case.cookie
    for _ in range(load.warmups):
        fetch(server.port, case.path, headers)
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + load.seconds

    def worker() -> None:
        conn = http.client.HTTPConnection(HOST, server.port, timeout=30)
        mine: list[float] = []
        bad = 0
        while time.monotonic() < stop_at:
            with lock:
                if len(latencies) + errors[0] + len(mine) + bad >= load.max_requests:
                    break
            started = time.perf_counter()
            try:
                conn.request("GET", case.path, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status == 200:
                    mine.append(time.perf_counter() - started)
                else:
                    bad += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection(HOST, server.port, timeout=30)
            if len(mine) + bad >= 50:
                with lock:
                    latencies.extend(mine)
                    errors[0] += bad
                mine, bad = [], 0
        with lock:
            latencies.extend(mine)
            errors[0] += bad
        conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(load.connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    p50 = statistics.median(latencies) if latencies else float("nan")
    p95 = latencies[int(len(latencies) * 0.95) - 1] if latencies else float("nan")
    return Measurement(
        rate=len(latencies) / elapsed,
        p50_ms=p50 * 1000,
        p95_ms=p95 * 1000,
        count=len(latencies),
        errors=errors[0],
    )


def interleaved(
    server: Server, cases: Sequence[Case], rounds: int, load: Load
) -> Iterator[tuple[int, Case, Measurement]]:
    """Measure every case once a round, for rounds rounds, yielding (round number, case, result).

    Interleaving puts a neighbour's load on a shared machine on all the cases
    alike; compare the medians of the rounds.
    """
    for round_number in range(1, rounds + 1):
        for case in cases:
            yield round_number, case, measure(server, case, load)
