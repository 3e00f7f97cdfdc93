"""Posting one liveblog entry through the composer endpoint: a short liveblog and a long one.

Run:  .venv/bin/python bench/liveblog_post.py [--rounds 5] [--posts 20] [--entries 3000]

It builds a throwaway SQLite database in a temporary folder (or uses
BENCH_DATABASE_URL), migrates it, and creates two live liveblogs: one of 10
entries and one of 3,000 (entries, their numbered changes and the sequence
row written in bulk, as the services would leave them), a network editor and
a session. One daphne process (-v 0, DEBUG off; pinned to one core where the
machine allows) serves bench.liveblog_post_settings, whose URLconf adds
/bench-minimal-post/, a sync HttpResponse("ok") view behind the full
middleware (CSRF included).

Each round posts, one after another on one keep-alive connection, --posts
times to the minimal view, then --posts entries to the short liveblog, then
--posts to the long one, exactly as the composer does (form-encoded body,
Accept: application/json, the CSRF header). Rounds interleave the three so a
noisy neighbour hits them alike. It prints each round's medians and, over all
rounds, the median, p90, the ratio long/short, and each against the minimal
POST view. Each liveblog grows by rounds x posts entries during the run.
The server and database are bench/common.py.
"""

import argparse
import http.client
import secrets
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import HOST, prepare_django, run_daphne  # noqa: E402

BODY = (
    "Councils compared how they buy energy together so that residents pay less, "
    "and how credit unions and advice services can offer fair alternatives. "
) * 3


def _build_data(entries: int) -> tuple[dict, str]:
    """The liveblogs' paths by label, and the editor's session id."""
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.test import Client

    from cms.demo import home_page
    from liveblogs.models import (
        Change,
        Entry,
        LiveblogIndexPage,
        LiveblogPage,
        LiveblogSequence,
    )
    from liveblogs.services import render_entry
    from liveblogs.views import compose_url
    from members.models import User
    from members.permissions import NETWORK_EDITORS

    editor = User.objects.create_user(
        email="bench-editor@councils.coop",
        password=secrets.token_urlsafe(16),
        name="Bench Editor",
        status=User.Status.CONFIRMED,
    )
    editor.groups.add(Group.objects.get(name=NETWORK_EDITORS))
    index = LiveblogIndexPage(title="Liveblogs", slug="liveblogs")
    home_page().add_child(instance=index)
    index.save_revision().publish()
    paths = {}
    for label, count in (("short", 10), ("long", entries)):
        page = LiveblogPage(title=f"{label} liveblog", slug=label, state=LiveblogPage.State.LIVE)
        index.add_child(instance=page)
        page.save_revision().publish()
        with transaction.atomic():
            rows = Entry.objects.bulk_create(
                Entry(page=page, author=editor, body=f"Entry {n}. {BODY}", body_html=f"<p>{n}</p>")
                for n in range(count)
            )
            for seq, entry in enumerate(rows, start=1):
                entry.html = render_entry(entry)
                entry.last_seq = seq
            Entry.objects.bulk_update(rows, ["html", "last_seq"], batch_size=500)
            Change.objects.bulk_create(
                (
                    Change(
                        page=page, seq=entry.last_seq, entry=entry, op="created", html=entry.html
                    )
                    for entry in rows
                ),
                batch_size=500,
            )
            LiveblogSequence.objects.update_or_create(page=page, defaults={"last_seq": count})
        paths[label] = compose_url(page)
        print(f"{label} liveblog: {count} entries at {page.url}")
    client = Client()
    client.force_login(editor)
    return paths, client.cookies["sessionid"].value


def _post_times(port: int, path: str, headers: dict, posts: int, tag: str) -> list[float]:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    times = []
    try:
        for n in range(posts):
            body = urllib.parse.urlencode({"body": f"{tag} {n}. {BODY}"})
            started = time.perf_counter()
            conn.request("POST", path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            elapsed = time.perf_counter() - started
            if response.status != 200:
                raise SystemExit(f"POST {path} answered {response.status}")
            times.append(elapsed * 1000)
    finally:
        conn.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--posts", type=int, default=20, help="posts per case per round")
    parser.add_argument("--entries", type=int, default=3000, help="entries of the long liveblog")
    args = parser.parse_args()

    workspace = prepare_django("bench.liveblog_post_settings", prefix="liveblog-post-bench-")
    paths, sessionid = _build_data(args.entries)
    csrf = secrets.token_hex(16)
    headers = {
        "Host": HOST,
        "Connection": "keep-alive",
        "Cookie": f"sessionid={sessionid}; csrftoken={csrf}",
        "X-CSRFToken": csrf,
        "Accept": "application/json",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    cases = [
        ("minimal POST", "/bench-minimal-post/"),
        ("liveblog of 10", paths["short"]),
        (f"liveblog of {args.entries}", paths["long"]),
    ]
    times: dict[str, list[float]] = {label: [] for label, _ in cases}
    with run_daphne(workspace) as server:
        for _label, path in cases:  # warm up: templates, connections, caches
            _post_times(server.port, path, headers, 3, "warm-up")
        for round_number in range(1, args.rounds + 1):
            line = []
            for label, path in cases:
                got = _post_times(server.port, path, headers, args.posts, f"r{round_number}")
                times[label] += got
                line.append(f"{label} {statistics.median(got):6.1f}")
            print(f"round {round_number}: median ms  " + "  ".join(line), flush=True)

    def p90(values: list[float]) -> float:
        return sorted(values)[int(len(values) * 0.9) - 1]

    medians = {label: statistics.median(values) for label, values in times.items()}
    print(f"{'':<22} {'median ms':>10} {'p90 ms':>8} {'x minimal POST':>15}")
    for label, values in times.items():
        print(
            f"{label:<22} {medians[label]:10.1f} {p90(values):8.1f} "
            f"{medians[label] / medians['minimal POST']:15.2f}"
        )
    short, long = medians["liveblog of 10"], medians[f"liveblog of {args.entries}"]
    print(
        f"ratio median long/short = {long / short:.2f} "
        f"({args.rounds} rounds x {args.posts} posts each, one connection, "
        f"daphne {'pinned to one core' if server.pinned else 'not pinned'})"
    )


if __name__ == "__main__":
    main()
