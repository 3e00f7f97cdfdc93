"""A broadcast that fails after commit is logged; the saved write still succeeds, once."""

import logging

import pytest

from core import realtime
from notifications.models import Notification
from notifications.services import notify

pytestmark = pytest.mark.django_db(transaction=True)


class BrokenLayer:
    """A channel layer whose Redis went away (a stale pooled connection after a restart)."""

    async def group_send(self, group, message):
        raise ConnectionError("Connection closed by server.")


def test_a_failing_channel_layer_does_not_fail_the_committed_write(officer, monkeypatch, caplog):
    monkeypatch.setattr(realtime, "get_channel_layer", lambda: BrokenLayer())
    with caplog.at_level(logging.WARNING, logger="core.realtime"):
        notify(recipients=[officer], kind="t", title="Saved despite Redis")
    assert Notification.objects.filter(recipient=officer, title="Saved despite Redis").count() == 1
    assert any("broadcast" in record.getMessage().lower() for record in caplog.records)


def test_broadcast_itself_never_raises(monkeypatch):
    monkeypatch.setattr(realtime, "get_channel_layer", lambda: BrokenLayer())
    realtime.broadcast("notifications.1", {"type": "notification.new", "title": "", "url": ""})
