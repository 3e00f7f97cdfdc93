"""What /healthz/ checks: each dependency the site needs, so a load balancer can act."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection

logger = logging.getLogger(__name__)

OK = "ok"
DOWN = "down"
# A check answers quickly or counts as down; a load balancer polls often.
TIMEOUT_SECONDS = 2


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache() -> None:
    # Ask Redis itself: the site's cache answers a miss rather than fail when
    # Redis is away (core/cache.py), which would hide the outage here.
    client = getattr(cache, "_cache", None)
    if client is not None and hasattr(client, "get_client"):
        client.get_client(write=True).ping()
    cache.set("healthz", "1", timeout=10)
    if cache.get("healthz") != "1":
        raise RuntimeError("the cache did not keep a value")


def _channel_layer() -> None:
    import redis

    for host in settings.CHANNEL_LAYERS["default"]["CONFIG"].get("hosts", []):
        address = host["address"] if isinstance(host, dict) else host
        client = redis.Redis.from_url(
            address, socket_timeout=TIMEOUT_SECONDS, socket_connect_timeout=TIMEOUT_SECONDS
        )
        try:
            client.ping()
        finally:
            client.close()


def _task_queue() -> None:
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.exists()


def checks() -> dict:
    """name -> check, for the dependencies this deployment is configured with."""
    found = {"database": _database}
    if "redis" in settings.CACHES["default"]["BACKEND"].lower():
        found["cache"] = _cache
    if "redis" in settings.CHANNEL_LAYERS["default"]["BACKEND"].lower():
        found["channel_layer"] = _channel_layer
    if settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db"):
        found["task_queue"] = _task_queue
    return found


def report() -> tuple[bool, dict[str, str]]:
    """(all ok, name -> "ok" or "down") for every configured dependency."""
    results = {}
    for name, check in checks().items():
        try:
            check()
        except Exception as exc:
            logger.warning("Health check: %s is down: %s", name, exc.__class__.__name__)
            results[name] = DOWN
        else:
            results[name] = OK
    return all(value == OK for value in results.values()), results
