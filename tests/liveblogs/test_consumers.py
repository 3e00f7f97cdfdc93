"""The readers' WebSocket: order, catch-up, permissions and the local fan-out."""

import json

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.test import Client

from config.asgi import application
from liveblogs.events import liveblog_group
from liveblogs.fanout import fanout
from liveblogs.services import EntryFields, entry_delete, entry_post, entry_update
from tests.liveblogs.conftest import run_async

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = (b"origin", b"http://127.0.0.1")
HOST = (b"host", b"127.0.0.1")


def session_cookie(user) -> bytes:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


def communicator(page, user=None, origin=ORIGIN):
    headers = [origin, HOST]
    if user is not None:
        headers.append((b"cookie", session_cookie(user)))
    return WebsocketCommunicator(application, f"/ws/liveblogs/{page.pk}/", headers=headers)


async def receive_entries(comm, count):
    got = []
    while len(got) < count:
        message = await comm.receive_json_from(timeout=3)
        if message["type"] == "entry":
            got.append(message)
    return got


post = database_sync_to_async(
    lambda page, editor, body: entry_post(page=page, author=editor, fields=EntryFields(body=body))
)


def test_created_updated_and_deleted_arrive_in_order_with_their_numbers(liveblog, editor):
    async def run():
        comm = communicator(liveblog)
        connected, _ = await comm.connect()
        assert connected
        await comm.send_json_to({"since": 0})
        assert (await comm.receive_json_from())["type"] == "ready"
        entry = await post(liveblog, editor, "Welcome to Plymouth")
        await database_sync_to_async(entry_update)(
            entry=entry, editor=editor, fields=EntryFields(body="Welcome to Plymouth, all")
        )
        await database_sync_to_async(entry_delete)(entry=entry, editor=editor)
        got = await receive_entries(comm, 3)
        assert [(m["seq"], m["op"], m["id"]) for m in got] == [
            (1, "created", entry.pk),
            (2, "updated", entry.pk),
            (3, "deleted", entry.pk),
        ]
        assert "Welcome to Plymouth, all" in got[1]["html"]
        assert got[2]["html"] == ""
        assert set(got[0]) == {"type", "op", "seq", "id", "html", "pinned", "key"}
        assert await comm.receive_nothing(timeout=0.2)
        await comm.disconnect()

    run_async(run)


def test_a_reader_that_reconnects_gets_exactly_the_missed_changes(liveblog, editor):
    async def run():
        first = communicator(liveblog)
        await first.connect()
        await first.send_json_to({"since": 0})
        await first.receive_json_from()  # ready
        for n in range(2):
            await post(liveblog, editor, f"Seen {n}")
        seen = await receive_entries(first, 2)
        await first.disconnect()

        for n in range(3):
            await post(liveblog, editor, f"Missed {n}")

        again = communicator(liveblog)
        await again.connect()
        await again.send_json_to({"since": seen[-1]["seq"]})
        missed = await receive_entries(again, 3)
        assert [m["seq"] for m in missed] == [3, 4, 5]
        assert (await again.receive_json_from()) == {"type": "ready", "seq": 5}
        assert await again.receive_nothing(timeout=0.2)
        await post(liveblog, editor, "Live again")
        assert [m["seq"] for m in await receive_entries(again, 1)] == [6]
        await again.disconnect()

    run_async(run)


@pytest.mark.parametrize("role", [None, "pending"])
def test_members_only_liveblog_refuses_visitors_and_pending_members(
    request, members_liveblog, editor, role
):
    user = request.getfixturevalue(role) if role else None

    async def run():
        comm = communicator(members_liveblog, user)
        connected, _ = await comm.connect()
        assert not connected
        await post(members_liveblog, editor, "For members only")
        assert await comm.receive_nothing(timeout=0.2)
        assert fanout.reader_count(liveblog_group(members_liveblog.pk)) == 0

    run_async(run)


def test_members_only_liveblog_admits_a_member(members_liveblog, officer, editor):
    async def run():
        comm = communicator(members_liveblog, officer)
        connected, _ = await comm.connect()
        assert connected
        await comm.send_json_to({"since": 0})
        await post(members_liveblog, editor, "For members only")
        assert (await receive_entries(comm, 1))[0]["seq"] == 1
        await comm.disconnect()

    run_async(run)


def test_an_unpublished_liveblog_refuses_readers(liveblog):
    liveblog.unpublish()

    async def run():
        connected, _ = await communicator(liveblog).connect()
        assert not connected

    run_async(run)


def test_a_foreign_origin_is_refused(liveblog):
    async def run():
        comm = communicator(liveblog, origin=(b"origin", b"https://evil.example"))
        connected, _ = await comm.connect()
        assert not connected

    run_async(run)


def test_the_polling_endpoint_returns_the_same_changes_as_the_socket(liveblog, editor, client):
    async def run():
        comm = communicator(liveblog)
        await comm.connect()
        await comm.send_json_to({"since": 0})
        await comm.receive_json_from()
        entry = await post(liveblog, editor, "Energy co-operatives")
        await database_sync_to_async(entry_update)(
            entry=entry, editor=editor, fields=EntryFields(body="Energy co-operatives, updated")
        )
        live = await receive_entries(comm, 2)
        await comm.disconnect()
        # A socket catching up from 0 gets what polling gets: the edit has
        # superseded the first change's HTML (only the newest change carries it).
        again = communicator(liveblog)
        await again.connect()
        await again.send_json_to({"since": 0})
        got = await receive_entries(again, 2)
        await again.disconnect()
        return live, got

    live, from_socket = run_async(run)
    polled = client.get(f"{liveblog.url}updates/?since=0").json()
    assert polled["changes"] == from_socket
    assert polled["changes"][-1] == live[-1]
    assert [{**m, "html": ""} for m in live[:-1]] == from_socket[:-1]
    assert client.get(f"{liveblog.url}updates/?since=1").json()["changes"] == from_socket[1:]


def test_garbage_from_a_client_is_ignored(liveblog, editor):
    async def run():
        comm = communicator(liveblog)
        await comm.connect()
        await comm.send_to(text_data="not json")
        await comm.send_json_to(["a", "list"])
        await comm.send_json_to({"since": "abc"})
        assert (await comm.receive_json_from())["type"] == "ready"
        await post(liveblog, editor, "Still working")
        assert len(await receive_entries(comm, 1)) == 1
        await comm.disconnect()

    run_async(run)


def test_readers_share_one_layer_subscription_per_process(liveblog, editor):
    group = liveblog_group(liveblog.pk)

    async def run():
        readers = [communicator(liveblog) for _ in range(3)]
        for comm in readers:
            await comm.connect()
            await comm.send_json_to({"since": 0})
            await comm.receive_json_from()
        assert fanout.reader_count(group) == 3
        layer = get_channel_layer()
        if hasattr(layer, "groups"):  # the in-memory layer shows its groups
            assert len(layer.groups.get(group, {})) == 1  # one channel for three readers
        else:
            connection = layer.connection(layer.consistent_hash(group))
            assert await connection.zcard(layer._group_key(group)) == 1
        await post(liveblog, editor, "To everyone")
        frames = [await comm.receive_from() for comm in readers]
        assert len(set(frames)) == 1  # the very same bytes
        for comm in readers:
            await comm.disconnect()
        assert fanout.reader_count(group) == 0

    run_async(run)


def test_a_broken_reader_does_not_stop_delivery_to_the_others(liveblog, editor):
    group = liveblog_group(liveblog.pk)

    class Broken:
        acked_seq = 0
        dropped = False

        async def send(self, text_data=None):
            raise RuntimeError("socket closed mid-broadcast")

        def drop(self):
            self.dropped = True

    async def run():
        comm = communicator(liveblog)
        await comm.connect()
        broken = Broken()
        await fanout.add(group, broken)
        await comm.send_json_to({"since": 0})
        await comm.receive_json_from()
        await post(liveblog, editor, "One")
        await post(liveblog, editor, "Two")
        assert [m["seq"] for m in await receive_entries(comm, 2)] == [1, 2]
        assert fanout.reader_count(group) == 1
        await comm.disconnect()

    run_async(run)


def test_a_reader_far_behind_is_dropped_and_can_catch_up(liveblog, editor, monkeypatch):
    monkeypatch.setattr("liveblogs.fanout.SLOW_READER_LIMIT", 2)

    async def run():
        comm = communicator(liveblog)
        await comm.connect()
        await comm.send_json_to({"since": 0})
        await comm.receive_json_from()
        for n in range(4):
            await post(liveblog, editor, f"Update {n}")
        output = []
        while True:
            message = await comm.receive_output(timeout=3)
            output.append(message)
            if message["type"] == "websocket.close":
                break
        assert output[-1]["code"] == 4008
        frames = [json.loads(m["text"]) for m in output if m["type"] == "websocket.send"]
        assert [f["seq"] for f in frames] == [1, 2]

    run_async(run)


def test_a_socket_catching_up_from_0_gets_no_deleted_or_superseded_text(liveblog, editor):
    async def run():
        secret = await post(liveblog, editor, "SECRETENTRY posted by mistake")
        await database_sync_to_async(entry_delete)(entry=secret, editor=editor)
        draft = await post(liveblog, editor, "SECRETDRAFT with a wrong figure")
        await database_sync_to_async(entry_update)(
            entry=draft, editor=editor, fields=EntryFields(body="Corrected figure")
        )
        comm = communicator(liveblog)
        await comm.connect()
        await comm.send_json_to({"since": 0})
        frames = []
        while True:
            frame = await comm.receive_from(timeout=3)
            if json.loads(frame)["type"] == "ready":
                break
            frames.append(frame)
        await comm.disconnect()
        return frames

    frames = run_async(run)
    assert not [f for f in frames if "SECRET" in f]
    got = [json.loads(f) for f in frames]
    assert [(m["seq"], m["op"], bool(m["html"])) for m in got] == [
        (1, "created", False),
        (2, "deleted", False),
        (3, "created", False),
        (4, "updated", True),
    ]
    assert "Corrected figure" in got[-1]["html"]


def test_a_since_or_ack_too_large_for_a_number_is_ignored(liveblog, editor):
    async def run():
        comm = communicator(liveblog)
        await comm.connect()
        await comm.send_to(text_data='{"since": 1e999}')  # JSON's way to Infinity
        assert (await comm.receive_json_from()) == {"type": "ready", "seq": 0}
        await comm.send_to(text_data='{"ack": -1e999}')
        await post(liveblog, editor, "Still working")
        assert [m["seq"] for m in await receive_entries(comm, 1)] == [1]
        await comm.disconnect()

    run_async(run)


def test_a_since_beyond_any_sequence_number_is_ignored(liveblog, editor):
    async def run():
        comm = communicator(liveblog)
        await comm.connect()
        await comm.send_to(text_data=json.dumps({"since": 10**30}))
        assert (await comm.receive_json_from()) == {"type": "ready", "seq": 0}
        await comm.send_to(text_data=json.dumps({"ack": 10**30}))
        await post(liveblog, editor, "Still working")
        assert [m["seq"] for m in await receive_entries(comm, 1)] == [1]
        await comm.disconnect()

    run_async(run)


async def closed_with(comm) -> int | None:
    """Read until the socket closes; its close code."""
    while True:
        message = await comm.receive_output(timeout=3)
        if message["type"] == "websocket.close":
            return message.get("code")


async def reading(page, user=None):
    comm = communicator(page, user)
    connected, _ = await comm.connect()
    assert connected
    await comm.send_json_to({"since": 0})
    assert (await comm.receive_json_from())["type"] == "ready"
    return comm


@pytest.mark.parametrize("on", ["liveblog", "index"])
def test_a_reader_is_closed_when_the_liveblog_or_an_ancestor_is_restricted(
    liveblog, liveblog_index, editor, on
):
    from wagtail.models import PageViewRestriction

    restricted = liveblog if on == "liveblog" else liveblog_index

    async def run():
        comm = await reading(liveblog)
        await database_sync_to_async(PageViewRestriction.objects.create)(
            page=restricted, restriction_type=PageViewRestriction.LOGIN
        )
        assert await closed_with(comm) == 4403
        assert fanout.reader_count(liveblog_group(liveblog.pk)) == 0

    run_async(run)


def test_a_reader_still_admitted_stays_connected_after_a_restriction(liveblog, officer, editor):
    from wagtail.models import PageViewRestriction

    async def run():
        member = await reading(liveblog, officer)
        visitor = await reading(liveblog)
        await database_sync_to_async(PageViewRestriction.objects.create)(
            page=liveblog, restriction_type=PageViewRestriction.LOGIN
        )
        assert await closed_with(visitor) == 4403
        await post(liveblog, editor, "For members now")
        assert [m["seq"] for m in await receive_entries(member, 1)] == [1]
        await member.disconnect()

    run_async(run)


def test_a_reader_is_closed_when_the_groups_of_a_restriction_change(liveblog, lead, editor):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    def restrict_to_leads():
        restriction = PageViewRestriction.objects.create(
            page=liveblog, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(Group.objects.get(name="Council leads"))
        return restriction

    async def run():
        restriction = await database_sync_to_async(restrict_to_leads)()
        comm = await reading(liveblog, lead)
        await database_sync_to_async(restriction.groups.clear)()
        assert await closed_with(comm) == 4403

    run_async(run)


def test_a_reader_is_closed_when_the_liveblog_is_unpublished(liveblog, editor):
    async def run():
        comm = await reading(liveblog)
        await database_sync_to_async(liveblog.unpublish)()
        assert await closed_with(comm) == 4403
        assert fanout.reader_count(liveblog_group(liveblog.pk)) == 0

    run_async(run)


def test_a_reader_that_lost_access_before_asking_to_start_gets_nothing(liveblog, editor):
    from wagtail.models import PageViewRestriction

    async def run():
        await post(liveblog, editor, "Posted while public")
        comm = communicator(liveblog)
        connected, _ = await comm.connect()
        assert connected
        await database_sync_to_async(PageViewRestriction.objects.create)(
            page=liveblog, restriction_type=PageViewRestriction.LOGIN
        )
        await comm.send_json_to({"since": 0})
        assert await closed_with(comm) == 4403

    run_async(run)


def test_a_reader_learns_the_liveblog_ended_when_it_is_published_so(liveblog):
    from liveblogs.models import LiveblogPage

    def end():
        liveblog.state = LiveblogPage.State.ENDED
        liveblog.save_revision().publish()

    async def run():
        comm = await reading(liveblog)
        await database_sync_to_async(end)()
        assert await comm.receive_json_from(timeout=3) == {"type": "state", "state": "ended"}
        await comm.disconnect()

    run_async(run)


def test_a_change_made_while_a_reader_catches_up_follows_the_catch_up(
    liveblog, editor, monkeypatch
):
    from liveblogs import consumers

    real_changes_since = consumers.changes_since
    meanwhile = []

    def changes_then_a_post(page_id, since, limit):
        changes = real_changes_since(page_id, since, limit)
        if not meanwhile:  # posted after the log was read, before the reader has it all
            meanwhile.append(
                entry_post(page=liveblog, author=editor, fields=EntryFields(body="Meanwhile"))
            )
        return changes

    async def run():
        for n in range(2):
            await post(liveblog, editor, f"Before {n}")
        monkeypatch.setattr(consumers, "changes_since", changes_then_a_post)
        comm = communicator(liveblog)
        await comm.connect()
        await comm.send_json_to({"since": 0})
        got = [await comm.receive_json_from(timeout=3) for _ in range(4)]
        assert await comm.receive_nothing(timeout=0.2)
        await comm.disconnect()
        return [(m["type"], m["seq"]) for m in got]

    assert run_async(run) == [("entry", 1), ("entry", 2), ("ready", 2), ("entry", 3)]
