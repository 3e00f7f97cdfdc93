"""The `send` callables daphne and Channels hand an application, for tests of code that
looks behind them for daphne's protocol (core.sockets, liveblogs.wire)."""

import functools

from daphne.server import Server


def daphne_send(protocol):
    """What daphne gives an application as `send`: partial(server.handle_reply, protocol)."""
    return functools.partial(Server.__new__(Server).handle_reply, protocol)


class SessionWrapper:
    """Channels' InstanceSessionWrapper keeps daphne's send as real_send."""

    def __init__(self, real_send):
        self.real_send = real_send

    async def send(self, message):
        return await self.real_send(message)
