"""Live frames encoded once and written straight to daphne sockets (liveblogs.wire)."""

import asyncio
import functools
import json
import re
import struct
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest
import websockets
from django.conf import global_settings

from liveblogs.fanout import SLOW_READER_BYTES, Frame, LocalFanout, SlowReader
from liveblogs.wire import DirectSocket, text_frame
from tests import factories
from tests.daphne_sends import SessionWrapper, daphne_send
from tests.liveblogs.conftest import run_async


def parse_frame(data: bytes) -> tuple[int, str, bytes]:
    """(first byte, text, what follows) of one unmasked frame."""
    first, second = data[0], data[1]
    assert second & 0x80 == 0, "a server frame is never masked"
    size, at = second & 0x7F, 2
    if size == 126:
        (size,) = struct.unpack("!H", data[2:4])
        at = 4
    elif size == 127:
        (size,) = struct.unpack("!Q", data[2:10])
        at = 10
    return first, data[at : at + size].decode(), data[at + size :]


@pytest.mark.parametrize("size", [0, 1, 125, 126, 127, 65535, 65536, 200_000])
def test_a_text_frame_of_any_size_is_one_final_unmasked_text_frame(size):
    text = "é" * (size // 2) + "x" * (size % 2)
    first, decoded, rest = parse_frame(text_frame(text))
    assert first == 0x81
    assert decoded == text
    assert rest == b""


class FakeTransport:
    """The parts of a Twisted TCP transport that DirectSocket uses."""

    TLS = False

    def __init__(self, takes: int | None = None):
        self.takes = takes  # bytes the kernel accepts per write (None: all)
        self.sent = b""
        self.dataBuffer = b""
        self.offset = 0
        self._tempDataBuffer = []
        self._tempDataLen = 0
        self.connected = True
        self.disconnecting = False
        self._writeDisconnected = False

    def writeSomeData(self, data):  # noqa: N802 (Twisted's name)
        n = len(data) if self.takes is None else min(self.takes, len(data))
        self.sent += bytes(data[:n])
        return n

    def write(self, data):
        self._tempDataBuffer.append(data)
        self._tempDataLen += len(data)

    def flush(self):
        """What Twisted does when the socket is writable again."""
        self.sent += b"".join(self._tempDataBuffer)
        self._tempDataBuffer, self._tempDataLen = [], 0


class FakeProtocol:
    STATE_OPEN = 1
    SEND_STATE_GROUND = 0

    def __init__(self, transport):
        self.transport = transport
        self.state = self.STATE_OPEN
        self.send_queue = []
        self.send_state = self.SEND_STATE_GROUND
        self._perMessageCompress = None


def test_the_socket_is_found_behind_daphnes_send_and_the_session_wrapper():
    protocol = FakeProtocol(FakeTransport())
    direct = DirectSocket.find(SessionWrapper(daphne_send(protocol)).send)
    assert direct is not None and direct.protocol is protocol


def test_no_socket_is_found_behind_any_other_send():
    async def communicator_send(message):
        pass

    assert DirectSocket.find(communicator_send) is None
    assert DirectSocket.find(functools.partial(print, FakeProtocol(FakeTransport()))) is None
    tls = FakeTransport()
    tls.TLS = True
    assert DirectSocket.find(daphne_send(FakeProtocol(tls))) is None


def test_a_frame_goes_to_the_kernel_at_once_when_nothing_is_queued():
    transport = FakeTransport()
    direct = DirectSocket(FakeProtocol(transport), transport)
    assert direct.write(text_frame("one")) and direct.write(text_frame("two"))
    first = parse_frame(transport.sent)
    assert first[1] == "one" and parse_frame(first[2])[1] == "two"
    assert direct.pending() == 0


def test_what_the_kernel_does_not_take_is_queued_and_later_frames_wait_behind_it():
    transport = FakeTransport(takes=3)
    direct = DirectSocket(FakeProtocol(transport), transport)
    assert direct.write(text_frame("first frame"))
    transport.takes = None
    assert direct.write(text_frame("second"))  # bytes still queued: goes behind them
    assert direct.pending() > 0
    transport.flush()
    first = parse_frame(transport.sent)
    assert (first[1], parse_frame(first[2])[1]) == ("first frame", "second")


@pytest.mark.parametrize(
    "state",
    ["closing", "autobahn queue", "mid-message", "compressed", "disconnecting", "gone"],
)
def test_the_ordinary_send_is_used_whenever_a_direct_write_could_reorder_or_fail(state):
    transport = FakeTransport()
    protocol = FakeProtocol(transport)
    if state == "closing":
        protocol.state = 2
    elif state == "autobahn queue":
        protocol.send_queue.append((b"x", False))
    elif state == "mid-message":
        protocol.send_state = 1
    elif state == "compressed":
        protocol._perMessageCompress = object()
    elif state == "disconnecting":
        transport.disconnecting = True
    elif state == "gone":
        transport.writeSomeData = lambda data: ConnectionError()
    assert DirectSocket(protocol, transport).write(text_frame("x")) is False
    assert transport.sent == b""


class FakeReader:
    def __init__(self, deliver):
        self.acked_seq = 0
        self.deliver = deliver
        self.sent: list[str] = []
        self.dropped = False

    async def send(self, text_data=None):
        self.sent.append(text_data)

    def drop(self):
        self.dropped = True


def test_the_fanout_writes_directly_falls_back_to_send_and_drops_a_reader_too_far_behind():
    written: list[bytes] = []

    def takes(frame):
        written.append(frame.wire)
        return True

    def too_far_behind(frame):
        raise SlowReader

    async def run():
        fanout = LocalFanout()
        group = "liveblog.test"
        sub = type("Sub", (), {"group": group, "readers": set()})()
        direct, fallback, slow = (
            FakeReader(takes),
            FakeReader(lambda frame: False),
            FakeReader(too_far_behind),
        )
        sub.readers.update({direct, fallback, slow})
        await fanout._deliver(sub, Frame('{"seq":1}', 1))
        assert [parse_frame(w)[1] for w in written] == ['{"seq":1}']
        assert fallback.sent == ['{"seq":1}']
        assert slow.dropped and slow not in sub.readers
        assert sub.readers == {direct, fallback}

    asyncio.run(run())


def test_a_reader_whose_socket_holds_too_many_unsent_bytes_is_refused_a_frame():
    from liveblogs.consumers import LiveblogConsumer

    transport = FakeTransport()
    transport._tempDataLen = SLOW_READER_BYTES + 1
    reader = LiveblogConsumer()
    reader.direct = DirectSocket(FakeProtocol(transport), transport)
    with pytest.raises(SlowReader):
        reader.deliver(Frame("x", 1))


@pytest.fixture
def _real_password_hashers(settings):
    # The editor signs in on the daphne process, which hashes as in production.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS


@pytest.mark.django_db(transaction=True)
def test_through_daphne_readers_get_every_entry_whole_and_in_order(
    _real_password_hashers, hub_server_factory, liveblog, editor
):
    server = hub_server_factory(env={"HUB_POST_INTERVAL": "0", "HUB_LIVEBLOG_POST_RATE": "1000/m"})
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(f"{server.url}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    opener.open(
        urllib.request.Request(
            f"{server.url}/accounts/login/",
            data=urllib.parse.urlencode(
                {
                    "csrfmiddlewaretoken": token,
                    "login": editor.email,
                    "password": factories.PASSWORD,
                }
            ).encode(),
            headers={"Referer": server.url},
        )
    )
    page_url = f"{server.url}{liveblog.url}"
    html = opener.open(page_url).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def post(body: str) -> int:
        request = urllib.request.Request(
            f"{page_url}entries/",
            data=urllib.parse.urlencode({"csrfmiddlewaretoken": token, "body": body}).encode(),
            headers={"Accept": "application/json", "Referer": page_url},
        )
        return json.loads(opener.open(request).read())["change"]["seq"]

    # Short, medium (a 16-bit length) and long bodies.
    bodies = [f"Entry {n} " + "word " * (n * 150) for n in range(7)]

    async def read(socket, count):
        got = []
        while len(got) < count:
            message = json.loads(await asyncio.wait_for(socket.recv(), 10))
            if message["type"] == "entry":
                got.append(message)
        return got

    async def run():
        origin = f"http://127.0.0.1:{server.port}"
        url = f"{server.ws_url}/ws/liveblogs/{liveblog.pk}/"
        async with websockets.connect(url, origin=origin) as first:
            await first.send(json.dumps({"since": 0}))
            assert json.loads(await asyncio.wait_for(first.recv(), 10))["type"] == "ready"
            for body in bodies[:4]:
                await asyncio.to_thread(post, body)
            async with websockets.connect(url, origin=origin) as second:
                await second.send(json.dumps({"since": 2}))
                for body in bodies[4:]:
                    await asyncio.to_thread(post, body)
                got_first = await read(first, 7)
                got_second = await read(second, 5)
        assert [m["seq"] for m in got_first] == list(range(1, 8))
        assert [m["seq"] for m in got_second] == list(range(3, 8))
        for n, message in enumerate(got_first):
            assert f"Entry {n}" in message["html"]
            assert message["html"].count("word") == n * 150
        assert [m["html"] for m in got_second] == [m["html"] for m in got_first[2:]]

    run_async(run)


async def until_sent(reader, seconds: float = 30) -> None:
    """Until the reader has been sent a frame, or a generous deadline (not a timing bound)."""
    deadline = asyncio.get_running_loop().time() + seconds
    while not reader.sent and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.01)


def test_reads_timing_out_on_a_quiet_channel_neither_back_off_nor_drop_readers(monkeypatch, caplog):
    from redis.exceptions import TimeoutError as RedisTimeout

    import liveblogs.fanout as fanout_module

    class QuietLayer:
        group_expiry = 86400

        def __init__(self):
            self.reads = 0

        async def new_channel(self):
            return "specific.quiet!1"

        async def group_add(self, group, channel):
            pass

        async def group_discard(self, group, channel):
            pass

        async def receive(self, channel):
            self.reads += 1
            if self.reads <= fanout_module.MAX_LAYER_FAILURES + 3:
                raise RedisTimeout("Timeout reading from socket")
            if self.reads == fanout_module.MAX_LAYER_FAILURES + 4:
                return {"type": "liveblog.frame", "seq": 1, "frame": '{"seq":1}'}
            await asyncio.sleep(3600)

    layer = QuietLayer()
    monkeypatch.setattr(fanout_module, "get_channel_layer", lambda: layer)

    async def run():
        fanout = LocalFanout()
        reader = FakeReader(lambda frame: False)
        await fanout.add("liveblog.quiet", reader)
        # Wait for the frame itself (a generous deadline, not a timing bound):
        # the back-off path would log each failure, and giving up after
        # MAX_LAYER_FAILURES would drop the reader.
        await until_sent(reader)
        assert reader.sent == ['{"seq":1}']
        assert "layer read failed" not in caplog.text
        assert not reader.dropped and fanout.reader_count("liveblog.quiet") == 1
        for sub in fanout._subs.values():
            sub.task.cancel()

    asyncio.run(run())


def test_after_a_failed_read_the_subscription_joins_its_group_again_before_readers_are_ready(
    monkeypatch,
):
    # A restarted Redis keeps no groups: until the subscription has joined again,
    # an entry sent to the group reaches no one, so a reader connecting then must
    # not be told it is ready.
    import liveblogs.fanout as fanout_module

    class RestartingLayer:
        group_expiry = 86400

        def __init__(self):
            self.members = set()
            self.failed = asyncio.Event()
            self.back = asyncio.Event()
            self.queue = asyncio.Queue()

        async def new_channel(self):
            return "specific.restart!1"

        async def group_add(self, group, channel):
            if not self.back.is_set() and self.failed.is_set():
                raise ConnectionError("Redis is down")
            self.members.add(channel)

        async def group_discard(self, group, channel):
            self.members.discard(channel)

        async def receive(self, channel):
            if not self.failed.is_set():
                self.failed.set()
                self.members.clear()  # Redis restarted and forgot the group
                raise ConnectionError("Connection closed by server")
            return await self.queue.get()

        async def group_send(self, message):
            if "specific.restart!1" in self.members:
                await self.queue.put(message)

    layer = RestartingLayer()
    monkeypatch.setattr(fanout_module, "get_channel_layer", lambda: layer)

    async def run():
        fanout = LocalFanout()
        first = FakeReader(lambda frame: False)
        await fanout.add("liveblog.restart", first)
        await layer.failed.wait()
        layer.back.set()
        second = FakeReader(lambda frame: False)
        # Returns once the subscription is ready again (a generous deadline, not a bound).
        await asyncio.wait_for(fanout.add("liveblog.restart", second), 30)
        assert "specific.restart!1" in layer.members
        await layer.group_send({"type": "liveblog.frame", "seq": 1, "frame": '{"seq":1}'})
        await until_sent(second)
        assert first.sent == second.sent == ['{"seq":1}']
        for sub in fanout._subs.values():
            sub.task.cancel()

    asyncio.run(run())
