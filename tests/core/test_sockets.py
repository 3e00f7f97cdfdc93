"""daphne's WebSockets: the protocol behind `send`, and keep-alive pings spread out."""

import asyncio
import functools
import time

from core.sockets import SpreadPings, daphne_protocol, spread_ping
from tests.daphne_sends import SessionWrapper, daphne_send

INTERVAL = 20


class FakeProtocol:
    """What spread_ping reads of daphne's WebSocketProtocol."""

    def __init__(self, interval=INTERVAL):
        self.server = type("FakeServer", (), {"ping_interval": interval})()
        self.last_ping = time.time()


def test_the_protocol_is_found_behind_daphnes_send_and_wrappers_only():
    protocol = FakeProtocol()
    assert daphne_protocol(daphne_send(protocol)) is protocol
    wrapped = SessionWrapper(SessionWrapper(daphne_send(protocol)).send).send
    assert daphne_protocol(wrapped) is protocol

    async def other_send(message):
        pass

    assert daphne_protocol(other_send) is None
    assert daphne_protocol(functools.partial(print, protocol)) is None


def test_a_ping_is_made_due_in_the_second_half_of_the_interval():
    protocols = [FakeProtocol() for _ in range(200)]
    before = time.time()
    for protocol in protocols:
        spread_ping(protocol)
    after = time.time()
    stamps = [p.last_ping for p in protocols]
    assert all(before - INTERVAL / 2 <= s <= after for s in stamps)
    # Sockets stamped together are spread over the half interval, not left in one check.
    assert max(stamps) - min(stamps) > INTERVAL / 4


def test_without_a_ping_interval_or_stamp_nothing_changes():
    off = FakeProtocol(interval=0)
    stamp = off.last_ping
    spread_ping(off)
    assert off.last_ping == stamp
    spread_ping(object())  # not a daphne protocol: no error


def run_app(app, scope, messages, send):
    """Run an ASGI app to completion, feeding it `messages`; what it received."""
    queue = asyncio.Queue()
    for message in messages:
        queue.put_nowait(message)
    seen = {}

    async def inner(scope, receive, inner_send):
        seen["send"] = inner_send
        seen["received"] = [await receive() for _ in messages]

    asyncio.run(app(inner)(scope, queue.get, send))
    return seen


def test_every_message_a_daphne_socket_receives_moves_its_ping_and_send_is_untouched():
    protocol = FakeProtocol()
    send = daphne_send(protocol)
    messages = [{"type": "websocket.connect"}, {"type": "websocket.receive", "text": "{}"}]
    stamps = []

    async def inner(scope, receive, inner_send):
        for _ in messages:
            protocol.last_ping = time.time()  # as daphne stamps each arrival
            await receive()
            stamps.append(protocol.last_ping)
        assert inner_send is send  # liveblogs.wire still finds the socket behind it

    queue = asyncio.Queue()
    for message in messages:
        queue.put_nowait(message)
    asyncio.run(SpreadPings(inner)({"type": "websocket"}, queue.get, send))
    assert len(stamps) == 2
    assert all(time.time() - INTERVAL / 2 - 1 <= s <= time.time() for s in stamps)

    seen = run_app(SpreadPings, {"type": "websocket"}, messages, send)
    assert seen["received"] == messages and seen["send"] is send


def test_http_and_other_servers_pass_through_unchanged():
    protocol = FakeProtocol()
    stamp = protocol.last_ping
    messages = [{"type": "http.request", "body": b""}]
    seen = run_app(SpreadPings, {"type": "http"}, messages, daphne_send(protocol))
    assert seen["received"] == messages
    assert protocol.last_ping == stamp

    async def other_send(message):
        pass

    seen = run_app(SpreadPings, {"type": "websocket"}, [{"type": "websocket.connect"}], other_send)
    assert seen["send"] is other_send


def test_the_sites_websockets_are_served_through_spread_pings():
    from config.asgi import application

    assert isinstance(application.application_mapping["websocket"], SpreadPings)
