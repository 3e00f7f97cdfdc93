"""Requests per second of the site search beside the ideas list, on 50,000 ideas and posts.

Run:  .venv/bin/python bench/search.py [--seconds 4] [--rounds 3] [--connections 16]

It builds a throwaway SQLite database (or uses BENCH_DATABASE_URL, for instance
an empty PostgreSQL database), loads 25,000 ideas and 25,000 discussion posts
with varied words, indexes them with Wagtail's database backend, and starts one
daphne process (-v 0, DEBUG off) on 127.0.0.1. Then, in the same run and against
the same process, it measures in interleaved rounds, as a signed-in member:

- /bench-minimal/                  a sync HttpResponse("ok") view
- /ideas/                          the ideas list
- /search/?q=community energy      the ranked site search over every type: after
                                   the first request, served from the results cache
- /bench-search-distinct/          the same search view, a different two-word query
                                   on every request (bench/search_urls.py): uncached

and prints the medians and the ratios to the ideas list (the aim: at least 0.7).
Its settings are bench.search_settings (no request rate limit for the load generator).
"""

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Case, Load, interleaved, prepare_django, run_daphne  # noqa: E402
from bench.search_words import WORDS  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=4.0, help="time per measurement")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--ideas", type=int, default=25_000)
    parser.add_argument("--posts", type=int, default=25_000)
    parser.add_argument("--query", default="community energy")
    parser.add_argument("--max-requests", type=int, default=50_000, help="cap per measurement")
    args = parser.parse_args()

    workspace = prepare_django("bench.search_settings", prefix="search-bench-")
    session_cookie = _load_data(args.ideas, args.posts)
    from urllib.parse import urlencode

    cases = [
        Case("minimal view", "/bench-minimal/"),
        Case("ideas list", "/ideas/", session_cookie),
        Case("search", "/search/?" + urlencode({"q": args.query}), session_cookie),
        Case("search uncached", "/bench-search-distinct/", session_cookie),
    ]
    load = Load(args.seconds, args.connections, args.max_requests)
    rates: dict[str, list[float]] = {case.label: [] for case in cases}
    with run_daphne(workspace) as server:
        for round_number, case, result in interleaved(server, cases, args.rounds, load):
            rates[case.label].append(result.rate)
            print(
                f"round {round_number}  {case.label:<16} {result.rate:8.1f} requests/s  "
                f"({result.count} requests, {result.errors} errors)"
            )
    results = {label: statistics.median(values) for label, values in rates.items()}
    print()
    for label, rate in results.items():
        print(f"median   {label:<16} {rate:8.1f} requests/s")
    per_round = [s / i for s, i in zip(rates["search"], rates["ideas list"], strict=True)]
    uncached = [s / i for s, i in zip(rates["search uncached"], rates["ideas list"], strict=True)]
    print(
        f"ratio search/ideas list:          {results['search'] / results['ideas list']:.2f} "
        f"(aim 0.7; rounds {min(per_round):.2f} to {max(per_round):.2f})"
    )
    print(
        f"ratio search uncached/ideas list: "
        f"{results['search uncached'] / results['ideas list']:.2f} "
        f"(rounds {min(uncached):.2f} to {max(uncached):.2f})"
    )
    print(f"ratio search/minimal:             {results['search'] / results['minimal view']:.2f}")
    print(
        f"({args.ideas:,} ideas, {args.posts:,} posts; {args.connections} connections, "
        f"{args.rounds} rounds of {args.seconds:g} s, "
        f"daphne {'pinned to one core' if server.pinned else 'not pinned'})"
    )


def _text(rng, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _load_data(idea_count: int, post_count: int) -> str:
    """Ideas and posts bulk-inserted, then indexed in bulk; a member's session cookie."""
    import random

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import timezone
    from wagtail.search.backends import get_search_backend

    from forum.models import Category, Post, Thread
    from ideasbank.models import Idea
    from members.models import Organisation

    rng = random.Random(42)
    User = get_user_model()
    councils = [
        Organisation.objects.get_or_create(slug=f"bench-{i}", defaults={"name": f"Council {i}"})[0]
        for i in range(10)
    ]
    users = []
    for i in range(50):
        user = User.objects.filter(email=f"member{i}@bench.gov.uk").first() or (
            User.objects.create_user(
                email=f"member{i}@bench.gov.uk",
                password=None,
                name=f"Member {i}",
                organisation=councils[i % 10],
                status=User.Status.CONFIRMED,
            )
        )
        users.append(user)
    now = timezone.now()
    backend = get_search_backend()
    if not Idea.objects.exists():
        ideas = Idea.objects.bulk_create(
            Idea(
                title=_text(rng, 6).capitalize(),
                summary=_text(rng, 12),
                body=_text(rng, 60),
                body_html="<p>body</p>",
                visibility="public" if n % 5 else "members",
                author=users[n % 50],
                council=users[n % 50].organisation,
                created_at=now,
                updated_at=now,
            )
            for n in range(idea_count)
        )
        backend.add_bulk(Idea, list(Idea.objects.all()))
        category = Category.objects.create(name="Bench", slug="bench", visibility="public")
        per_thread = 50
        threads = Thread.objects.bulk_create(
            Thread(
                category=category,
                title=_text(rng, 6).capitalize(),
                slug=f"thread-{n}",
                author=users[n % 50],
                opening_text=_text(rng, 40),
                last_number=per_thread,
                visible_count=per_thread,
            )
            for n in range(max(post_count // per_thread, 1))
        )
        Post.objects.bulk_create(
            Post(
                thread=thread,
                number=number,
                position=number,
                author=users[number % 50],
                body=_text(rng, 40),
                body_html="<p>post</p>",
            )
            for thread in threads
            for number in range(1, per_thread + 1)
        )
        backend.add_bulk(Thread, list(Thread.objects.all()))
        backend.add_bulk(Post, list(Post.objects.all()))
        del ideas
    client = Client()
    client.force_login(users[1])
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


if __name__ == "__main__":
    main()
