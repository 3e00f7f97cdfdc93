"""Requests per second of the ideas list through daphne, beside a minimal view.

Run:  .venv/bin/python bench/ideas_list.py [--seconds 4] [--rounds 3] [--connections 16]

It builds a throwaway SQLite database in a temporary folder (or uses
BENCH_DATABASE_URL, for instance an empty PostgreSQL database), migrates it,
loads 1,000 ideas with themes, votes and comments, and starts one daphne
process (-v 0, DEBUG off) on 127.0.0.1. Then, in the same run and against the
same process, it measures for a fixed time each:

- /bench-minimal/  a sync HttpResponse("ok") view through the full middleware stack
- /ideas/          as a visitor (served from the visitors' cache after the first request)
- /ideas/          as a signed-in member (own vote state; not cached whole)

and prints requests/s for each and each list's ratio to the minimal view. The
three are measured in interleaved rounds and the medians compared, so load from
elsewhere on a shared machine affects them alike.
The load generator is threads with keep-alive http.client connections. Where the
machine allows, daphne is pinned to one core and the load generator to another.

This file is also the bench's settings module and URLconf: daphne imports it
as DJANGO_SETTINGS_MODULE=bench.ideas_list, which loads config.settings and adds
/bench-minimal/ in front of the project's own URLs.
"""

import os

if os.environ.get("IDEAS_BENCH_ROLE") == "settings":
    from config.settings import *  # noqa: F403

    ROOT_URLCONF = "bench.ideas_list"
    DEBUG = False
    ALLOWED_HOSTS = ["127.0.0.1"]
    SECURE_SSL_REDIRECT = False
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    LOGGING = {"version": 1, "disable_existing_loggers": False}

    _urlpatterns = []

    def minimal(request):
        from django.http import HttpResponse

        return HttpResponse("ok")

    def __getattr__(name):
        # The URLconf is built on first use: include() imports config.urls,
        # which cannot happen while this module is being read as settings.
        if name != "urlpatterns":
            raise AttributeError(name)
        if not _urlpatterns:
            from django.urls import include, path

            _urlpatterns.extend([path("bench-minimal/", minimal), path("", include("config.urls"))])
        return _urlpatterns


def _main() -> None:  # noqa: PLR0915 - one straight-line script
    import argparse
    import http.client
    import shutil
    import socket
    import statistics
    import subprocess
    import sys
    import tempfile
    import threading
    import time
    from pathlib import Path

    base_dir = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=4.0, help="time per measurement")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--ideas", type=int, default=1000)
    parser.add_argument("--max-requests", type=int, default=50_000, help="cap per measurement")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="ideas-bench-"))
    database_url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}"
    env = {
        **os.environ,
        "IDEAS_BENCH_ROLE": "settings",
        "DJANGO_SETTINGS_MODULE": "bench.ideas_list",
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-not-used-anywhere-else",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "REDIS_URL": "",
        "PYTHONPATH": str(base_dir),
    }
    os.environ.update(env)
    sys.path.insert(0, str(base_dir))

    import django

    django.setup()
    from django.core.management import call_command

    print(f"Database: {database_url}")
    call_command("migrate", verbosity=0, interactive=False)
    session_cookie = _load_data(args.ideas)

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [
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
    ]
    cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    pinned = len(cores) >= 2
    log = open(workdir / "daphne.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        command,
        cwd=base_dir,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        preexec_fn=(lambda: os.sched_setaffinity(0, {cores[0]})) if pinned else None,
    )
    if pinned:
        os.sched_setaffinity(0, set(cores[1:]))
    try:
        _wait_ready(port, server)

        def measure(path: str, cookie: str = "") -> tuple[float, int, int]:
            headers = {"Host": "127.0.0.1", "Connection": "keep-alive"}
            if cookie:
                headers["Cookie"] = cookie
            # Warm up: compile templates, fill caches, open pools.
            _fetch_once(port, path, headers)
            done = [0]
            errors = [0]
            lock = threading.Lock()
            stop_at = time.monotonic() + args.seconds

            def worker():
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                ok = bad = 0
                while time.monotonic() < stop_at:
                    with lock:
                        if done[0] + errors[0] >= args.max_requests:
                            break
                    try:
                        conn.request("GET", path, headers=headers)
                        response = conn.getresponse()
                        response.read()
                        if response.status == 200:
                            ok += 1
                        else:
                            bad += 1
                    except (OSError, http.client.HTTPException):
                        bad += 1
                        conn.close()
                        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    if (ok + bad) % 50 == 0:
                        with lock:
                            done[0] += ok
                            errors[0] += bad
                        ok = bad = 0
                with lock:
                    done[0] += ok
                    errors[0] += bad
                conn.close()

            started = time.monotonic()
            threads = [threading.Thread(target=worker) for _ in range(args.connections)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
            return done[0] / elapsed, done[0], errors[0]

        scenarios = [
            ("minimal view", "/bench-minimal/", ""),
            ("ideas list, visitor", "/ideas/", ""),
            ("ideas list, member", "/ideas/", session_cookie),
        ]
        # Rounds interleave the three, so a neighbour's load on a shared
        # machine falls on all of them alike; the median of the rounds is kept.
        rates: dict[str, list[float]] = {label: [] for label, _, _ in scenarios}
        for round_number in range(1, args.rounds + 1):
            for label, path, cookie in scenarios:
                rate, count, errors = measure(path, cookie)
                rates[label].append(rate)
                print(
                    f"round {round_number}  {label:<22} {rate:8.1f} requests/s  "
                    f"({count} requests, {errors} errors)"
                )
        results = {label: statistics.median(values) for label, values in rates.items()}
        print()
        for label, rate in results.items():
            print(f"median   {label:<22} {rate:8.1f} requests/s")
        minimal = results["minimal view"]
        print(f"ratio visitor/minimal: {results['ideas list, visitor'] / minimal:.2f}")
        print(f"ratio member/minimal:  {results['ideas list, member'] / minimal:.2f}")
        print(
            f"({args.connections} connections, {args.rounds} rounds of {args.seconds:g} s, "
            f"daphne {'pinned to one core' if pinned else 'not pinned'})"
        )
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        if "BENCH_DATABASE_URL" not in os.environ:
            shutil.rmtree(workdir, ignore_errors=True)


def _wait_ready(port: int, server) -> None:
    import http.client
    import time

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("daphne exited before it was ready; see daphne.log in the temp folder")
        try:
            status = _fetch_once(port, "/bench-minimal/", {"Host": "127.0.0.1"})
            if status == 200:
                return
        except (OSError, http.client.HTTPException):
            time.sleep(0.2)
    raise SystemExit("daphne did not start within 30 s")


def _fetch_once(port: int, path: str, headers: dict) -> int:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit(f"GET {path} answered {response.status}")
        return response.status
    finally:
        conn.close()


def _load_data(count: int) -> str:
    """1,000 ideas from 50 members of 10 councils, with themes, votes and comments.

    Rows are bulk-inserted (the services' rate limits are for people) and the
    stored counts are then recomputed from the rows with the services' SQL.
    Returns a session cookie for a signed-in member.
    """
    import random
    from datetime import timedelta

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import timezone
    from taggit.models import Tag

    from ideasbank import services
    from ideasbank.models import Comment, Idea, IdeaTheme, Vote
    from members.models import Organisation

    rng = random.Random(42)
    User = get_user_model()
    councils = [
        Organisation.objects.get_or_create(slug=f"bench-{i}", defaults={"name": f"Council {i}"})[0]
        for i in range(10)
    ]
    users = []
    for i in range(50):
        user = User.objects.filter(email=f"member{i}@bench.gov.uk").first()
        if user is None:
            user = User.objects.create_user(
                email=f"member{i}@bench.gov.uk",
                password=None,
                name=f"Member {i}",
                organisation=councils[i % 10],
                status=User.Status.CONFIRMED,
            )
        users.append(user)
    tags = [Tag.objects.get_or_create(name=f"theme {i}", slug=f"theme-{i}")[0] for i in range(20)]
    now = timezone.now()
    if not Idea.objects.exists():
        ideas = Idea.objects.bulk_create(
            Idea(
                title=f"Idea {n}: co-operative approach to service {n}",
                summary="A one-line summary of what the idea would change for residents.",
                body="Some **Markdown** body.",
                body_html="<p>Some <strong>Markdown</strong> body.</p>",
                visibility="public" if n % 5 else "members",
                author=users[n % 50],
                council=users[n % 50].organisation,
                created_at=now - timedelta(hours=n * 7),
                updated_at=now,
            )
            for n in range(count)
        )
        IdeaTheme.objects.bulk_create(
            IdeaTheme(content_object=idea, tag=tag) for idea in ideas for tag in rng.sample(tags, 2)
        )
        Vote.objects.bulk_create(
            Vote(idea=idea, user=user, organisation_id=user.organisation_id)
            for idea in ideas
            for user in rng.sample(users, rng.randint(0, 8))
        )
        Comment.objects.bulk_create(
            Comment(idea=idea, author=users[0], body="c", body_html="<p>c</p>", created_at=now)
            for idea in ideas[::3]
        )
        for idea in ideas:
            services._recount_votes(idea.pk)
            services._recount_comments(idea.pk)
    client = Client()
    client.force_login(users[1])
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


if __name__ == "__main__":
    _main()
