"""Requests/s and p95 latency of a 2,000-reply thread's first and last pages, through daphne.

Run:  .venv/bin/python bench/thread_page.py [--seconds 6] [--rounds 3] [--connections 8]
      [--replies 2000]

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
  (the member sends the session and CSRF cookies a browser holds after its first page)
  (2,001 posts at 20 a page: the last page holds one post)
- page 100, the last full page, as a visitor (where OFFSET paging would cost most)

and prints requests/s, p50 and p95 latency, and each page's ratio to the minimal
view, over several rounds (--rounds, 3 by default) that measure every case once
each, interleaved, so a busy neighbour slows both sides of a ratio alike; the
summary gives the median ratio of the rounds and their range. Visitors with no
session are served the page from the cache (forum/pagecache.py); "first page,
visitor, rendered" is a signed-out visitor whose session cookie makes the page
render every time. Load is bounded: a few keep-alive connections, a fixed time
and a cap on requests. Where the machine allows, daphne is pinned to one core and the load
generator to another.
The server, database and load generator are bench/common.py.
"""

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Case, Load, interleaved, prepare_django, run_daphne  # noqa: E402


def _build_data(replies: int) -> tuple[str, str, str]:
    """The thread's URL, a member's cookies and a signed-out visitor's session cookie.

    The member sends what a browser holds after its first page, the session and
    the CSRF cookie: with the session cookie alone, every request would make a new
    CSRF secret and set its cookie, which no member's browser does.
    """
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import transaction
    from django.test import Client

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
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(people[1])
    client.get(f"{thread.get_absolute_url()}?page=1")
    member_cookies = "; ".join(
        f"{name}={client.cookies[name].value}"
        for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
    )
    anonymous = SessionStore()
    anonymous["seen"] = True
    anonymous.create()
    return (
        thread.get_absolute_url(),
        member_cookies,
        f"sessionid={anonymous.session_key}",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=6.0, help="time per measurement")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--replies", type=int, default=2000)
    parser.add_argument("--max-requests", type=int, default=20_000, help="cap per measurement")
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds, each measuring every case once, interleaved"
    )
    args = parser.parse_args()

    workspace = prepare_django("bench.thread_page_settings", prefix="thread-page-bench-")
    thread_url, member_cookies, visitor_cookie = _build_data(args.replies)
    cases = [
        Case("minimal view", "/bench-minimal/"),
        Case("first page, visitor", f"{thread_url}?page=1"),
        Case("last page, visitor", f"{thread_url}?page=last"),
        Case("page 100, visitor", f"{thread_url}?page=100"),
        Case("first page, visitor, rendered", f"{thread_url}?page=1", visitor_cookie),
        Case("first page, member", f"{thread_url}?page=1", member_cookies),
        Case("last page, member", f"{thread_url}?page=last", member_cookies),
    ]
    load = Load(args.seconds, args.connections, args.max_requests, warmups=3)
    # Per round: label -> (requests/s, p95 ms); ratios are taken within a round.
    rounds: list[dict[str, tuple[float, float]]] = []
    print(f"Thread of {args.replies} replies at {thread_url}")
    print(f"{'round':<6} {'':<30} {'requests/s':>11} {'p50 ms':>8} {'p95 ms':>8}")
    with run_daphne(workspace) as server:
        for number, case, result in interleaved(server, cases, args.rounds, load):
            if number > len(rounds):
                rounds.append({})
            rounds[-1][case.label] = (result.rate, result.p95_ms)
            print(
                f"{number:<6} {case.label:<30} {result.rate:11.1f} {result.p50_ms:8.1f} "
                f"{result.p95_ms:8.1f}  ({result.count} requests, {result.errors} errors)"
            )
    print("Ratios to the minimal view in the same round: requests/s (median, range); p95 (median)")
    for case in cases[1:]:
        rates = sorted(r[case.label][0] / r["minimal view"][0] for r in rounds)
        p95s = sorted(r[case.label][1] / r["minimal view"][1] for r in rounds)
        print(
            f"  {case.label:<30} {statistics.median(rates):5.2f} ({rates[0]:.2f}-{rates[-1]:.2f})"
            f"   p95 {statistics.median(p95s):5.1f}x"
        )
    print(
        f"({args.rounds} rounds, {args.connections} connections, {args.seconds:g} s each, "
        f"daphne {'pinned to one core' if server.pinned else 'not pinned'})"
    )


if __name__ == "__main__":
    main()
