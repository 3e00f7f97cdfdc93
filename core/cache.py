"""A Redis cache that fails soft: with Redis away the site keeps serving.

Nothing the hub keeps in the cache is the only copy of anything: sessions are
``cached_db`` (the database is the source of truth), lists and cards are
rebuilt from the database, and rate-limit counters start again. So when Redis
is down or restarting, a cache call is logged and answered as a miss
(``get`` gives the default, ``add`` and ``set`` report success, ``incr`` counts
from the start) instead of turning a page or a committed write into a 500.
Limits fail open for as long as Redis is away. /healthz/ still reports the
cache down (core.health checks Redis itself, not through this class).

Under ASGI Django keeps one cache object per request (caches are
context-local), and Django's RedisCache builds a client and a connection pool
per object: every request opened a new connection to Redis (connect, PING,
HELLO, SELECT) before its first cache call. Here the objects of one process
share one client per configuration; redis-py's pool is thread-safe.
"""

import logging
import os
import threading
import time
from functools import cached_property

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# One warning per process at most this often while Redis stays down.
_WARN_EVERY_SECONDS = 10.0


# (process, servers, options) -> the RedisCacheClient every cache object shares.
_clients: dict[tuple, object] = {}
_clients_lock = threading.Lock()


class FailSoftRedisCache(RedisCache):
    _last_warning = 0.0

    @cached_property
    def _cache(self):
        key = (os.getpid(), tuple(self._servers), repr(sorted(self._options.items())))
        with _clients_lock:
            client = _clients.get(key)
            if client is None:
                client = _clients[key] = self._class(self._servers, **self._options)
        return client

    def _failed(self, operation: str, exc: Exception) -> None:
        now = time.monotonic()
        if now - FailSoftRedisCache._last_warning >= _WARN_EVERY_SECONDS:
            FailSoftRedisCache._last_warning = now
            logger.warning(
                "Cache %s failed, serving without the cache: %s: %s",
                operation,
                exc.__class__.__name__,
                exc,
            )

    def _soft(self, operation, fallback, call, *args, **kwargs):
        try:
            return call(*args, **kwargs)
        except (RedisError, OSError) as exc:
            self._failed(operation, exc)
            return fallback

    def get(self, key, default=None, version=None):
        return self._soft("get", default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._soft("get_many", {}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._soft("has_key", False, super().has_key, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # True: a lock or an interval kept in the cache does not hold anyone up
        # while Redis is away (allauth's rate-limit lock spins on add()).
        return self._soft("add", True, super().add, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft("set", None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft("set_many", [], super().set_many, data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft("touch", False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._soft("delete", False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._soft("delete_many", None, super().delete_many, keys, version)

    def incr(self, key, delta=1, version=None):
        return self._soft("incr", delta, super().incr, key, delta, version)

    def count(self, key, timeout: int, version=None) -> int:
        """Add one to a counter made at 0 if missing (expiring after `timeout` seconds)
        and answer it, in one round trip where add() then incr() took three."""
        key = self.make_and_validate_key(key, version=version)

        def both() -> int:
            pipe = self._cache.get_client(key, write=True).pipeline(transaction=False)
            pipe.set(key, 0, nx=True, ex=timeout)
            pipe.incr(key)
            return pipe.execute()[1]

        return self._soft("count", 1, both)

    def clear(self):
        return self._soft("clear", False, super().clear)
