"""Settings for bench/ideas_list.py: the project's settings, DEBUG off, plus a minimal view."""

from bench.common import BENCH_SETTINGS
from config.settings import *  # noqa: F403

globals().update(BENCH_SETTINGS)
ROOT_URLCONF = "bench.ideas_list_urls"
