"""Real-time plumbing shared by every app."""

import re

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

_GROUP_NAME = re.compile(r"^[A-Za-z0-9._-]{1,99}$")


def group_name(*parts: object) -> str:
    """Build a channel-layer group name from parts ("liveblog", 12) -> "liveblog.12"."""
    name = ".".join(str(part) for part in parts)
    if not _GROUP_NAME.match(name):
        raise ValueError(f"Not a valid group name: {name!r}")
    return name


def broadcast(group: str, event: dict) -> None:
    """Send an event to a group now (use broadcast_on_commit from services)."""
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(group, event)


def broadcast_on_commit(group: str, event: dict) -> None:
    """Send an event to a group once the surrounding transaction commits.

    Readers never see a change that was rolled back, and a change made outside
    any transaction is sent at once.
    """
    if "type" not in event:
        raise ValueError("A channel-layer event needs a 'type'.")
    transaction.on_commit(lambda: broadcast(group, event))
