"""Real-time plumbing: group names are checked, events are sent only after commit."""

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from core.realtime import broadcast_on_commit, group_name


def test_group_names_are_checked():
    assert group_name("liveblog", 12) == "liveblog.12"
    with pytest.raises(ValueError):
        group_name("bad name", "with spaces")


@pytest.mark.django_db(transaction=True)
def test_broadcast_waits_for_commit_and_is_dropped_on_rollback():
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)("test.group", channel)

    with pytest.raises(RuntimeError):
        with transaction.atomic():
            broadcast_on_commit("test.group", {"type": "x", "n": 1})
            raise RuntimeError("roll back")
    with transaction.atomic():
        broadcast_on_commit("test.group", {"type": "x", "n": 2})

    received = async_to_sync(layer.receive)(channel)
    assert received["n"] == 2
