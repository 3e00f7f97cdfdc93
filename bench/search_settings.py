"""Settings for bench/search.py: the project's settings, DEBUG off, plus a minimal view."""

from bench.common import BENCH_SETTINGS
from config.settings import *  # noqa: F403

globals().update(BENCH_SETTINGS)
ROOT_URLCONF = "bench.search_urls"
# One load generator on 127.0.0.1 is far above a person's request rate.
HUB_REQUEST_RATE = "100000000/m"
