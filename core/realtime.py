"""Real-time plumbing shared by every app."""

import asyncio
import logging
import re
import threading

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)

_GROUP_NAME = re.compile(r"^[A-Za-z0-9._-]{1,99}$")


def group_name(*parts: object) -> str:
    """Build a channel-layer group name from parts ("liveblog", 12) -> "liveblog.12"."""
    name = ".".join(str(part) for part in parts)
    if not _GROUP_NAME.match(name):
        raise ValueError(f"Not a valid group name: {name!r}")
    return name


def broadcast(group: str, event: dict) -> None:
    """Send an event to a group now (use broadcast_on_commit from services).

    It never raises: the write it reports has already committed, so a channel
    layer that is down (or a pooled Redis connection gone stale after a
    restart) is logged, and readers catch up when they reconnect.
    """
    try:
        _send(group, event)
    except Exception as exc:
        logger.warning(
            "Broadcast of %r to %s failed: %s: %s",
            event.get("type"),
            group,
            exc.__class__.__name__,
            exc,
        )


def _send(group: str, event: dict) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    send = async_to_sync(layer.group_send)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        send(group, event)
        return
    # Sync code running on a thread that also hosts an event loop (a sync view
    # called from async code, or a test driving a browser) cannot block on
    # async_to_sync there; send from a short-lived thread instead.
    failure: list[BaseException] = []

    def run() -> None:
        try:
            send(group, event)
        except Exception as exc:
            failure.append(exc)

    sender = threading.Thread(target=run)
    sender.start()
    sender.join()
    if failure:
        raise failure[0]


def broadcast_on_commit(group: str, event: dict) -> None:
    """Send an event to a group once the surrounding transaction commits.

    Readers never see a change that was rolled back, and a change made outside
    any transaction is sent at once.
    """
    if "type" not in event:
        raise ValueError("A channel-layer event needs a 'type'.")
    transaction.on_commit(lambda: broadcast(group, event))
