"""Where a signed-in member's thread page spends its time, in-process (cProfile, no server).

Run:  .venv/bin/python bench/thread_page_profile.py [--requests 200] [--page 1|last] [--top 30]

It builds the same data as bench/thread_page.py in a throwaway database, sends
the member's requests through Django's test client (full middleware, the
member's session and CSRF cookies) after a few warm-up requests, and prints
the queries of one request and the functions with the most cumulative time.
"""

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import prepare_django  # noqa: E402
from bench.thread_page import _build_data  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--replies", type=int, default=2000)
    parser.add_argument("--page", default="1")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()

    prepare_django("bench.thread_page_settings", prefix="thread-page-profile-")
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    thread_url, member_cookies, _ = _build_data(args.replies)
    client = Client(HTTP_HOST="127.0.0.1", HTTP_COOKIE=member_cookies)
    url = f"{thread_url}?page={args.page}"
    for _ in range(5):
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    print(f"{url}: {response.status_code}, {len(response.content)} bytes")
    print(f"Set-Cookie: {sorted(response.cookies)}")
    for query in queries.captured_queries:
        print(f"  {query['sql'][:160]}")
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    for _ in range(args.requests):
        client.get(url)
    profile.disable()
    elapsed = time.perf_counter() - started
    print(f"{args.requests} requests: {1000 * elapsed / args.requests:.2f} ms each (profiled)")
    pstats.Stats(profile).sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
