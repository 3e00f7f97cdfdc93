"""No socket crashes on a frame it does not expect: each stays open and still works.

The same hostile values as the forms get (NUL, ², a 5,000-digit number, 1 MB),
and frames that are not JSON or not an object, sent to every socket: the
notification stream, a discussion thread and a liveblog.
"""

import json

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from config.asgi import application
from forum.services.posts import post_create
from liveblogs.services import EntryFields, entry_post
from notifications.services import notify
from tests.forum.factories import CategoryFactory, thread
from tests.liveblogs.conftest import liveblog, liveblog_index, run_async  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)

LOCAL = [(b"origin", b"http://127.0.0.1"), (b"host", b"127.0.0.1")]
DIGITS = "9" * 5000
FRAMES = {
    "nul": {"text_data": "a\x00b"},
    "binary": {"bytes_data": b"\x00\xff\xfe"},
    "not json": {"text_data": "{since: 1"},
    "json list": {"text_data": "[1, 2]"},
    "json null": {"text_data": "null"},
    "superscript since": {"text_data": json.dumps({"since": "²"})},
    "5000-digit since": {"text_data": '{"since": ' + DIGITS + "}"},
    "5000-digit ack": {"text_data": '{"ack": ' + DIGITS + "}"},
    "huge float since": {"text_data": '{"since": 1e400}'},
    "nul in a key": {"text_data": json.dumps({"since\x00": 1})},
    "1 MB": {"text_data": json.dumps({"since": "x" * 1_000_000})},
}


def _cookie(user) -> tuple[bytes, bytes]:
    client = Client()
    client.force_login(user)
    return (b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode())


async def _frames_until(ws, kind: str) -> dict:
    """Read frames until one of this type arrives (a close fails the test)."""
    while True:
        output = await ws.receive_output(timeout=5)
        assert output["type"] == "websocket.send", output  # not closed, not crashed
        data = json.loads(output["text"])
        if data.get("type") == kind:
            return data


async def _send_all(ws) -> None:
    for frame in FRAMES.values():
        await ws.send_to(**frame)


def test_the_notification_stream_ignores_every_such_frame_and_still_hears(officer):
    async def run():
        ws = WebsocketCommunicator(
            application, "/ws/notifications/", headers=[*LOCAL, _cookie(officer)]
        )
        assert (await ws.connect())[0]
        await _frames_until(ws, "unread")
        await _send_all(ws)
        await database_sync_to_async(notify)(recipients=[officer], kind="t", title="Still here")
        assert (await _frames_until(ws, "notification"))["title"] == "Still here"
        await ws.disconnect()

    run_async(run)


def test_a_thread_socket_ignores_every_such_frame_and_still_hears(officer):
    topic = thread(CategoryFactory(visibility="public"), officer)

    async def run():
        ws = WebsocketCommunicator(application, f"/ws/discussions/threads/{topic.pk}/", LOCAL)
        assert (await ws.connect())[0]
        await _frames_until(ws, "thread.latest")
        await _send_all(ws)
        await database_sync_to_async(post_create)(thread=topic, author=officer, body="Still here")
        assert (await _frames_until(ws, "post.created"))["number"] == 2
        await ws.disconnect()

    run_async(run)


def test_a_liveblog_reader_ignores_every_such_frame_and_still_follows(liveblog, editor):  # noqa: F811
    async def run():
        ws = WebsocketCommunicator(application, f"/ws/liveblogs/{liveblog.pk}/", headers=LOCAL)
        assert (await ws.connect())[0]
        await _send_all(ws)
        # A "since" that is not a sequence number counts as "from the start".
        await ws.send_json_to({"since": 0})
        await _frames_until(ws, "ready")
        await database_sync_to_async(entry_post)(
            page=liveblog, author=editor, fields=EntryFields(body="Still following")
        )
        entry = await _frames_until(ws, "entry")
        assert "Still following" in json.dumps(entry)
        await ws.disconnect()

    run_async(run)
