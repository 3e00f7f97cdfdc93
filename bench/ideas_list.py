"""Requests per second of the ideas list through daphne, beside a minimal view.

Run:  .venv/bin/python bench/ideas_list.py [--seconds 4] [--rounds 3] [--connections 16]

It builds a throwaway SQLite database in a temporary folder (or uses
BENCH_DATABASE_URL, for instance an empty PostgreSQL database), migrates it,
loads 1,000 ideas with themes, votes and comments, and starts one daphne
process (-v 0, DEBUG off) on 127.0.0.1. Then, in the same run and against the
same process, it measures for a fixed time each:

- /bench-minimal/  a sync HttpResponse("ok") view through the full middleware stack
- /ideas/          as a visitor (served from the visitors' cache after the first request)
- /ideas/          as a signed-in member, with the cookies a browser holds after
                   its first page (session and CSRF): the shared page with their
                   own vote forms, CSRF token and unread count filled in

and prints requests/s for each and each list's ratio to the minimal view. The
three are measured in interleaved rounds and the medians compared, so load from
elsewhere on a shared machine affects them alike.
The load generator is threads with keep-alive http.client connections. Where the
machine allows, daphne is pinned to one core and the load generator to another.

Its settings module is bench.ideas_list_settings (config.settings, DEBUG off),
whose URLconf, bench.ideas_list_urls, adds /bench-minimal/ in front of the
project's own URLs. The server, database and load generator are bench/common.py.
"""

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Case, Load, interleaved, prepare_django, run_daphne  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=4.0, help="time per measurement")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--ideas", type=int, default=1000)
    parser.add_argument("--max-requests", type=int, default=50_000, help="cap per measurement")
    args = parser.parse_args()

    workspace = prepare_django("bench.ideas_list_settings", prefix="ideas-bench-")
    member_cookies = _load_data(args.ideas)
    cases = [
        Case("minimal view", "/bench-minimal/"),
        Case("ideas list, visitor", "/ideas/"),
        Case("ideas list, member", "/ideas/", member_cookies),
    ]
    load = Load(args.seconds, args.connections, args.max_requests)
    rates: dict[str, list[float]] = {case.label: [] for case in cases}
    with run_daphne(workspace) as server:
        for round_number, case, result in interleaved(server, cases, args.rounds, load):
            rates[case.label].append(result.rate)
            print(
                f"round {round_number}  {case.label:<22} {result.rate:8.1f} requests/s  "
                f"({result.count} requests, {result.errors} errors)"
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
        f"daphne {'pinned to one core' if server.pinned else 'not pinned'})"
    )


def _load_data(count: int) -> str:
    """1,000 ideas from 50 members of 10 councils, with themes, votes and comments.

    Rows are bulk-inserted (the services' rate limits are for people) and the
    stored counts are then recomputed from the rows with the services' SQL.
    Returns the Cookie header of a signed-in member (session and CSRF cookies).
    """
    import random
    from datetime import timedelta

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import timezone
    from taggit.models import Tag

    from ideasbank.models import Comment, Idea, IdeaTheme, Vote
    from ideasbank.services.comments import recount_comments
    from ideasbank.services.votes import recount_votes
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
            recount_votes(idea.pk)
            recount_comments(idea.pk)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(users[1])
    # The cookies a browser holds after its first page: the session and the CSRF cookie.
    client.get("/ideas/")
    return "; ".join(
        f"{name}={client.cookies[name].value}"
        for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
    )


if __name__ == "__main__":
    main()
