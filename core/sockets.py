"""daphne's WebSocket connections as the project reaches them: the protocol behind an
ASGI `send`, and keep-alive pings spread out over time.

daphne pings a WebSocket `ping_interval` seconds (20 by default) after its last
incoming message, looking for sockets due once every 2 s. Sockets that
connected or last spoke together are therefore all pinged in the same check:
after a restart, or when a conference audience opens a liveblog at once,
every reader is pinged in one burst every 20 s. With 1,000 readers that burst
held daphne's event loop for about 160 ms (bench/liveblog_fanout.py logs the
checks), so an entry broadcast meanwhile reached no reader until it was over.
`SpreadPings` moves each socket's ping time to a random point in the second
half of the interval, after every message it receives, so a crowd's pings are
spread over five checks and a socket that speaks more often than every
`ping_interval / 2` seconds is never pinged, as before. Dead connections are
still found: a ping unanswered for daphne's `ping_timeout` closes the socket.
"""

from __future__ import annotations

import functools
import random
import time


def daphne_protocol(send):
    """The daphne protocol behind an ASGI `send`, or None for any other server.

    daphne hands applications `partial(server.handle_reply, protocol)`;
    Channels' session middleware wraps it (`real_send`).
    """
    for _ in range(8):
        inner = getattr(getattr(send, "__self__", None), "real_send", None)
        if inner is None:
            break
        send = inner
    if not isinstance(send, functools.partial) or not send.args:
        return None
    if getattr(send.func, "__name__", "") != "handle_reply":
        return None
    return send.args[0]


def spread_ping(protocol) -> None:
    """Make the socket's next ping due between half and all of the ping interval from now."""
    interval = getattr(getattr(protocol, "server", None), "ping_interval", None)
    if not isinstance(interval, int | float) or interval <= 0:
        return
    if not isinstance(getattr(protocol, "last_ping", None), float):
        return
    protocol.last_ping = time.time() - random.uniform(0, interval / 2)


class SpreadPings:
    """ASGI middleware: each WebSocket's keep-alive pings spread out (see the module).

    `send` is passed on untouched, so what the application finds behind it
    (liveblogs.wire) is unchanged.
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        protocol = daphne_protocol(send) if scope["type"] == "websocket" else None
        if protocol is None:
            return await self.app(scope, receive, send)

        async def receive_and_spread():
            # daphne stamped the socket's last ping time on this message's
            # arrival (a connection or a frame); move it.
            message = await receive()
            spread_ping(protocol)
            return message

        return await self.app(scope, receive_and_spread, send)
