"""The per-thread WebSocket: who may listen, and what they hear."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from config.asgi import application
from forum.services.moderation import thread_move, thread_set_hidden
from forum.services.posts import post_create
from tests.forum.factories import thread


def run_async(function):
    """Run an async test body in its own thread.

    pytest-playwright's sync API leaves an event loop in the main thread once a
    browser test has run, and async_to_sync refuses to run beside it.
    """

    def body():
        from django.db import connection

        try:
            return async_to_sync(function)()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(body).result()


def run_in_thread(function, **kwargs):
    def body():
        from django.db import connection

        try:
            return function(**kwargs)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(body).result()


def communicator(thread_id, user=None, origin=b"http://127.0.0.1"):
    headers = [(b"origin", origin), (b"host", b"127.0.0.1")]
    if user is not None:
        client = Client()
        client.force_login(user)
        headers.append((b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode()))
    return WebsocketCommunicator(
        application, f"/ws/discussions/threads/{thread_id}/", headers=headers
    )


async def join(ws, latest=1) -> None:
    """Connect and read the catch-up frame every reader gets first."""
    assert (await ws.connect())[0]
    assert await ws.receive_json_from(timeout=3) == {"type": "thread.latest", "number": latest}


def connects(thread_id, user=None, origin=b"http://127.0.0.1") -> bool:
    async def run():
        ws = communicator(thread_id, user, origin)
        ok, _ = await ws.connect()
        await ws.disconnect()
        return ok

    return run_async(run)


@pytest.mark.django_db(transaction=True)
def test_who_may_listen_to_which_thread(
    public_category, members_category, officer, other_officer, pending, moderator
):
    public = thread(public_category, officer, title="Open")
    secret = thread(members_category, officer, title="Closed")
    assert connects(public.pk) is True
    assert connects(secret.pk) is False  # visitor
    assert connects(secret.pk, pending) is False
    assert connects(secret.pk, other_officer) is True
    assert connects(999999, other_officer) is False
    assert connects(public.pk, origin=b"http://evil.example") is False
    # A service that broadcasts runs off the main thread, as run_async explains.
    run_in_thread(thread_set_hidden, thread=public, moderator=moderator, hidden=True)
    assert connects(public.pk, other_officer) is False
    assert connects(public.pk, moderator) is True


@pytest.mark.django_db(transaction=True)
def test_readers_hear_only_the_new_post_number(public_category, officer, other_officer):
    t = thread(public_category, officer)

    async def run():
        reader = communicator(t.pk, other_officer)
        visitor = communicator(t.pk)
        await join(reader)
        await join(visitor)
        await database_sync_to_async(post_create)(
            thread=t, author=officer, body="Here is how we did it."
        )
        for ws in (reader, visitor):
            event = await ws.receive_json_from(timeout=3)
            assert event == {"type": "post.created", "number": 2}
        await reader.disconnect()
        await visitor.disconnect()

    run_async(run)


@pytest.mark.django_db(transaction=True)
def test_a_duplicate_post_broadcasts_nothing(public_category, officer):
    t = thread(public_category, officer)

    async def run():
        reader = communicator(t.pk)
        await join(reader)
        post = database_sync_to_async(post_create)
        await post(thread=t, author=officer, body="Once")
        assert (await reader.receive_json_from(timeout=3))["number"] == 2
        await post(thread=t, author=officer, body="Once")
        assert await reader.receive_nothing(timeout=0.3)
        await reader.disconnect()

    run_async(run)


@pytest.mark.django_db(transaction=True)
def test_visitor_is_dropped_when_the_thread_moves_to_members_only(
    public_category, members_category, officer, other_officer, moderator
):
    t = thread(public_category, officer)

    async def run():
        visitor = communicator(t.pk)
        member = communicator(t.pk, other_officer)
        await join(visitor)
        await join(member)
        await database_sync_to_async(thread_move)(
            thread=t, moderator=moderator, category=members_category
        )
        closed = await visitor.receive_output(timeout=3)
        assert closed["type"] == "websocket.close"
        await database_sync_to_async(post_create)(thread=t, author=officer, body="Members only now")
        assert (await member.receive_json_from(timeout=3))["number"] == 2
        await member.disconnect()

    run_async(run)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "frame",
    [{"bytes_data": b"\x00\xff binary"}, {"text_data": "not json {"}, {"text_data": "[1, 2"}],
    ids=["binary", "not-json", "broken-json"],
)
def test_a_frame_the_socket_does_not_expect_is_ignored_and_the_reader_still_hears(
    frame, public_category, officer
):
    t = thread(public_category, officer)

    async def run():
        reader = communicator(t.pk)
        await join(reader)
        await reader.send_to(**frame)
        assert await reader.receive_nothing(timeout=0.3)
        await database_sync_to_async(post_create)(thread=t, author=officer, body="Still listening?")
        assert await reader.receive_json_from(timeout=3) == {"type": "post.created", "number": 2}
        await reader.disconnect()

    run_async(run)


@pytest.mark.django_db(transaction=True)
def test_a_reader_who_connects_late_hears_the_latest_number_to_catch_up(
    public_category, officer, other_officer
):
    # Replies posted between the page's render and the socket opening (or
    # while the connection was down) are counted from the catch-up frame.
    t = thread(public_category, officer)
    post_create(thread=t, author=other_officer, body="Posted before the reader connected")
    post_create(thread=t, author=officer, body="And another")

    async def run():
        reader = communicator(t.pk, other_officer)
        await join(reader, latest=3)
        await reader.disconnect()

    run_async(run)
