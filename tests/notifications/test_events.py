"""The shape of each event the notifications app sends, and the group it goes to."""

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from notifications.events import notification_new, notifications_group
from notifications.services import notify


def test_group_name_per_member():
    assert notifications_group(42) == "notifications.42"


def test_notification_new_shape():
    assert notification_new(title="A reply", url="/ideas/1/") == {
        "type": "notification.new",
        "title": "A reply",
        "url": "/ideas/1/",
    }


@pytest.mark.django_db(transaction=True)
def test_notify_sends_the_event_to_the_recipients_group_on_commit(officer):
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(notifications_group(officer.pk), channel)
    notify(recipients=[officer], kind="t", title="x" * 400, url="/x/")
    received = async_to_sync(layer.receive)(channel)
    assert received == notification_new(title="x" * 300, url="/x/")
