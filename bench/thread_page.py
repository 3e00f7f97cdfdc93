"""Requests/s and p95 latency of a 2,000-reply thread's first and last pages, through daphne.

Run:  .venv/bin/python bench/thread_page.py [--seconds 6] [--connections 8] [--replies 2000]

It builds a throwaway SQLite database in a temporary folder (or uses
BENCH_DATABASE_URL, for instance an empty PostgreSQL database), migrates it,
creates a public category with one thread of 2,000 replies (20 per page, so 101
pages) by eight officers, and starts one daphne process (-v 0, DEBUG off) on
127.0.0.1 with DJANGO_SETTINGS_MODULE=bench.thread_page_settings, whose URLconf
(bench.thread_page_urls) adds /bench-minimal/ to the project's URLs. In the same
run, against the same process, it measures for a fixed time each:

- /bench-minimal/                    a sync HttpResponse("ok") view, full middleware
- the thread's first page, ?page=1   as a visitor and as a signed-in member
- the thread's last page, ?page=last as a visitor and as a signed-in member
  (2,001 posts at 20 a page: the last page holds one post)
- page 100, the last full page, as a visitor (where OFFSET paging would cost most)

and prints requests/s, p50 and p95 latency, and each page's ratio to the minimal
view. Load is bounded: a few keep-alive connections, a fixed time and a cap on
requests. Where the machine allows, daphne is pinned to one core and the load
generator to another.
"""

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def _build_data(replies: int) -> tuple[str, str]:
    """The thread's URL and a member's session cookie."""
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import transaction

    from core.markdown import render_markdown
    from forum import services
    from forum.models import Category, Post, Thread
    from members.models import Organisation

    User = get_user_model()
    council, _ = Organisation.objects.get_or_create(slug="bench-council", name="Bench Council")
    people = []
    for i in range(8):
        person, _ = User.objects.get_or_create(
            email=f"officer{i}@bench.gov.uk",
            defaults={"name": f"Bench Officer {i}", "status": "confirmed", "organisation": council},
        )
        people.append(person)
    category, _ = Category.objects.get_or_create(
        slug="bench", defaults={"name": "Bench", "visibility": "public"}
    )
    thread = services.thread_create(
        category=category, author=people[0], title="A long discussion", body="Opening post."
    ).thread
    body = (
        "We tried this in our borough and it worked **well**, with residents on the panel.\n\n"
        "> Quoting the post above, as officers often do.\n\n- one point\n- another point"
    )
    html = render_markdown(body)
    with transaction.atomic():
        Post.objects.bulk_create(
            Post(
                thread=thread, number=n, position=n, author=people[n % 8], body=body, body_html=html
            )
            for n in range(2, replies + 2)
        )
        Thread.objects.filter(pk=thread.pk).update(
            last_number=replies + 1, visible_count=replies + 1
        )
    session = SessionStore()
    member = people[1]
    session["_auth_user_id"] = str(member.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = member.get_session_auth_hash()
    session.create()
    return thread.get_absolute_url(), f"sessionid={session.session_key}"


def _wait_ready(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("daphne exited during start-up; see its log")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/bench-minimal/", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("daphne did not start in time")


def _measure(port, path, cookie, seconds, connections, cap):
    headers = {"Host": "127.0.0.1", "Connection": "keep-alive"}
    if cookie:
        headers["Cookie"] = cookie
    # Warm up: templates compiled, read state written, pools opened.
    for _ in range(3):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        conn.close()
        if response.status != 200:
            raise SystemExit(f"{path} answered {response.status}")
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, bad = [], 0
        while time.monotonic() < stop_at and len(latencies) + len(mine) < cap:
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status == 200:
                    mine.append(time.perf_counter() - started)
                else:
                    bad += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            if len(mine) >= 50:
                with lock:
                    latencies.extend(mine)
                mine = []
        with lock:
            latencies.extend(mine)
            errors[0] += bad
        conn.close()

    started = time.monotonic()
    workers = [threading.Thread(target=worker) for _ in range(connections)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1] if latencies else float("nan")
    p50 = statistics.median(latencies) if latencies else float("nan")
    return len(latencies) / elapsed, p50 * 1000, p95 * 1000, len(latencies), errors[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=6.0, help="time per measurement")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--replies", type=int, default=2000)
    parser.add_argument("--max-requests", type=int, default=20_000, help="cap per measurement")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="thread-page-bench-"))
    database_url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.thread_page_settings",
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-not-used-anywhere-else",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "REDIS_URL": "",
        "PYTHONPATH": str(BASE_DIR),
    }
    os.environ.update(env)
    sys.path.insert(0, str(BASE_DIR))

    import django

    django.setup()
    from django.core.management import call_command

    print(f"Database: {database_url}")
    call_command("migrate", verbosity=0, interactive=False)
    thread_url, cookie = _build_data(args.replies)

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    pinned = len(cores) >= 2
    log = open(workdir / "daphne.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "daphne",
            "-v",
            "0",
            "-b",
            "127.0.0.1",
            "-p",
            str(port),
            "config.asgi:application",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        preexec_fn=(lambda: os.sched_setaffinity(0, {cores[0]})) if pinned else None,
    )
    if pinned:
        os.sched_setaffinity(0, set(cores[1:]))
    try:
        _wait_ready(port, server)
        cases = [
            ("minimal view", "/bench-minimal/", ""),
            ("first page, visitor", f"{thread_url}?page=1", ""),
            ("last page, visitor", f"{thread_url}?page=last", ""),
            ("page 100, visitor", f"{thread_url}?page=100", ""),
            ("first page, member", f"{thread_url}?page=1", cookie),
            ("last page, member", f"{thread_url}?page=last", cookie),
        ]
        results = {}
        print(f"Thread of {args.replies} replies at {thread_url}")
        print(f"{'':<22} {'requests/s':>11} {'p50 ms':>8} {'p95 ms':>8}")
        for label, path, session in cases:
            rate, p50, p95, count, errors = _measure(
                port, path, session, args.seconds, args.connections, args.max_requests
            )
            results[label] = (rate, p95)
            print(
                f"{label:<22} {rate:11.1f} {p50:8.1f} {p95:8.1f}  "
                f"({count} requests, {errors} errors)"
            )
        minimal_rate, minimal_p95 = results["minimal view"]
        print("Ratios to the minimal view (requests/s; p95 latency):")
        for label, (rate, p95) in results.items():
            if label != "minimal view":
                print(f"  {label:<22} {rate / minimal_rate:5.2f}   {p95 / minimal_p95:6.1f}x")
        print(
            f"({args.connections} connections, {args.seconds:g} s each, "
            f"daphne {'pinned to one core' if pinned else 'not pinned'})"
        )
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


if __name__ == "__main__":
    main()
