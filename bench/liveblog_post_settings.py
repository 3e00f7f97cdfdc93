"""Settings for bench/liveblog_post.py and liveblog_fanout.py: the project's settings, DEBUG
off, plus minimal views and the composer's direct endpoint (bench/liveblog_post_urls.py)."""

from bench.common import BENCH_SETTINGS
from config.settings import *  # noqa: F403

globals().update(BENCH_SETTINGS)
ROOT_URLCONF = "bench.liveblog_post_urls"
# The bench posts as fast as it can; the posting limits are not what it measures.
HUB_POST_RATE = "100000/m"
HUB_LIVEBLOG_POST_RATE = "100000/m"
