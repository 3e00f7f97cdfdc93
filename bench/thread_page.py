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
The server, database and load generator are bench/common.py.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Case, Load, interleaved, prepare_django, run_daphne  # noqa: E402


def _build_data(replies: int) -> tuple[str, str]:
    """The thread's URL and a member's session cookie."""
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import transaction

    from core.markdown import render_markdown
    from forum.models import Category, Post, Thread
    from forum.services.threads import thread_create
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
    thread = thread_create(
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=6.0, help="time per measurement")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--replies", type=int, default=2000)
    parser.add_argument("--max-requests", type=int, default=20_000, help="cap per measurement")
    args = parser.parse_args()

    workspace = prepare_django("bench.thread_page_settings", prefix="thread-page-bench-")
    thread_url, cookie = _build_data(args.replies)
    cases = [
        Case("minimal view", "/bench-minimal/"),
        Case("first page, visitor", f"{thread_url}?page=1"),
        Case("last page, visitor", f"{thread_url}?page=last"),
        Case("page 100, visitor", f"{thread_url}?page=100"),
        Case("first page, member", f"{thread_url}?page=1", cookie),
        Case("last page, member", f"{thread_url}?page=last", cookie),
    ]
    load = Load(args.seconds, args.connections, args.max_requests, warmups=3)
    results = {}
    print(f"Thread of {args.replies} replies at {thread_url}")
    print(f"{'':<22} {'requests/s':>11} {'p50 ms':>8} {'p95 ms':>8}")
    with run_daphne(workspace) as server:
        for _, case, result in interleaved(server, cases, 1, load):
            results[case.label] = (result.rate, result.p95_ms)
            print(
                f"{case.label:<22} {result.rate:11.1f} {result.p50_ms:8.1f} {result.p95_ms:8.1f}  "
                f"({result.count} requests, {result.errors} errors)"
            )
    minimal_rate, minimal_p95 = results["minimal view"]
    print("Ratios to the minimal view (requests/s; p95 latency):")
    for label, (rate, p95) in results.items():
        if label != "minimal view":
            print(f"  {label:<22} {rate / minimal_rate:5.2f}   {p95 / minimal_p95:6.1f}x")
    print(
        f"({args.connections} connections, {args.seconds:g} s each, "
        f"daphne {'pinned to one core' if server.pinned else 'not pinned'})"
    )


if __name__ == "__main__":
    main()
