"""Fixed-window rate limits on member actions (posting, voting), kept in the cache.

allauth limits sign-in, sign-up and password resets itself; this is for the
hub's own writes. With Redis as cache the limit holds across daphne processes.
"""

import time

from django.conf import settings
from django.core.cache import cache

from core.errors import RateLimited

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """'10/m' -> (10, 60); '100/5m' -> (100, 300)."""
    count, period = rate.split("/")
    digits = "".join(ch for ch in period if ch.isdigit()) or "1"
    unit = period[len(digits) :] if period[0].isdigit() else period
    return int(count), int(digits) * _UNITS[unit]


def consume(key: str, rate: str) -> bool:
    """Count one action under key; False when the limit for this window is reached."""
    limit, window = parse_rate(rate)
    bucket = f"ratelimit:{key}:{int(time.time() // window)}"
    if hasattr(cache, "count"):  # Redis (core.cache): one round trip
        return cache.count(bucket, timeout=window + 1) <= limit
    cache.add(bucket, 0, timeout=window + 1)
    try:
        used = cache.incr(bucket)
    except ValueError:
        cache.set(bucket, 1, timeout=window + 1)
        used = 1
    return used <= limit


def enforce(key: str, rate: str, message: str | None = None) -> None:
    """Raise RateLimited when the limit is reached.

    A member's posts (keys "<feature>:<member id>" at HUB_POST_RATE) also keep
    HUB_POST_INTERVAL seconds apart across every feature, as Discourse does.
    """
    if rate == settings.HUB_POST_RATE:
        keep_interval(key.rsplit(":", 1)[-1])
    if not consume(key, rate):
        raise RateLimited(message) if message else RateLimited()


def keep_interval(member: object) -> None:
    """Refuse a member's second post within HUB_POST_INTERVAL seconds (one key for all features)."""
    interval = getattr(settings, "HUB_POST_INTERVAL", 0)
    if interval <= 0:
        return
    if not cache.add(f"ratelimit:interval:{member}", 1, timeout=interval):
        raise RateLimited(f"Wait {interval} seconds between posts.")
