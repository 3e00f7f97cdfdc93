"""Settings for bench/thread_page.py: the project's settings, DEBUG off, plus a minimal view."""

from bench.common import BENCH_SETTINGS
from config.settings import *  # noqa: F403

globals().update(BENCH_SETTINGS)
ROOT_URLCONF = "bench.thread_page_urls"
# The bench reads as fast as it can; the posting limit is not what it measures.
HUB_POST_RATE = "100000/m"
