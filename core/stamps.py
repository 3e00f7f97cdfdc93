"""Cached values that a change makes stale at once: a value is stored with the
stamp it was computed under, and a change sets a new stamp (now, and again when
its transaction commits). A value computed before a change, even one stored
after it, carries the old stamp and is never read again.
"""

from collections.abc import Callable, Iterable
from typing import Any
from uuid import uuid4

from django.core.cache import cache
from django.db import transaction


def stamped(
    stamp_key: str,
    value_key: str,
    compute: Callable[[], Any],
    *,
    timeout: int,
    stamp_timeout: int | None,
) -> Any:
    """The cached value under the current stamp, or compute() stored under it."""
    found = cache.get_many([stamp_key, value_key])
    stamp, entry = found.get(stamp_key), found.get(value_key)
    if stamp is not None and entry is not None and entry[0] == stamp:
        return entry[1]
    if stamp is None:
        stamp = uuid4().hex
        if not cache.add(stamp_key, stamp, stamp_timeout):
            stamp = cache.get(stamp_key) or stamp
    value = compute()
    cache.set(value_key, (stamp, value), timeout)
    return value


def restamp(stamp_keys: Iterable[str], *, stamp_timeout: int | None) -> None:
    """What was cached under these stamps is stale: now, and once the transaction commits."""
    keys = list(stamp_keys)
    if not keys:
        return

    def renew() -> None:
        cache.set_many({key: uuid4().hex for key in keys}, stamp_timeout)

    renew()
    transaction.on_commit(renew)
