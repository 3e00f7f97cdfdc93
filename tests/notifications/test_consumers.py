"""The notification socket: origin and sign-in checked, each member hears only their own."""

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from config.asgi import application
from notifications.services import notify

LOCAL = [(b"origin", b"http://127.0.0.1"), (b"host", b"127.0.0.1")]


def session_cookie(client, user) -> tuple[bytes, bytes]:
    client.force_login(user)
    return (b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode())


@pytest.mark.django_db(transaction=True)
def test_a_foreign_origin_is_refused(client, officer):
    async def run():
        communicator = WebsocketCommunicator(
            application,
            "/ws/notifications/",
            headers=[
                (b"origin", b"https://evil.example"),
                (b"host", b"127.0.0.1"),
                session_cookie(client, officer),
            ],
        )
        connected, _ = await communicator.connect()
        assert not connected

    async_to_sync(run)()


@pytest.mark.django_db(transaction=True)
def test_a_visitor_cannot_open_a_notification_stream():
    async def run():
        communicator = WebsocketCommunicator(application, "/ws/notifications/", headers=LOCAL)
        connected, _ = await communicator.connect()
        assert not connected

    async_to_sync(run)()


@pytest.mark.django_db(transaction=True)
def test_a_member_hears_of_their_own_notifications_only(client, officer, other_officer):
    async def run():
        communicator = WebsocketCommunicator(
            application, "/ws/notifications/", headers=[*LOCAL, session_cookie(client, officer)]
        )
        connected, _ = await communicator.connect()
        assert connected
        assert await communicator.receive_json_from(timeout=2) == {"type": "unread", "count": 0}
        await database_sync_to_async(notify)(
            recipients=[other_officer], kind="t", title="Not for Olu"
        )
        await database_sync_to_async(notify)(recipients=[officer], kind="t", title="For Olu")
        message = await communicator.receive_json_from(timeout=2)
        assert message == {"type": "notification", "title": "For Olu", "url": ""}
        assert await communicator.receive_nothing(timeout=0.2)
        await communicator.disconnect()

    async_to_sync(run)()


@pytest.mark.django_db(transaction=True)
def test_a_tab_that_connects_late_catches_up_with_the_unread_count(client, officer):
    # Notifications that arrived before the socket opened (or while it was
    # down) are not lost: the first frame carries the member's unread count.
    notify(recipients=[officer], kind="t", title="Before the tab connected")
    notify(recipients=[officer], kind="t", title="And another")

    async def run():
        communicator = WebsocketCommunicator(
            application, "/ws/notifications/", headers=[*LOCAL, session_cookie(client, officer)]
        )
        connected, _ = await communicator.connect()
        assert connected
        assert await communicator.receive_json_from(timeout=2) == {"type": "unread", "count": 2}
        await communicator.disconnect()

    async_to_sync(run)()
