"""One WebSocket frame, encoded once, written to many daphne sockets.

The fan-out sends the same text to every reader. Through ASGI each send goes
daphne -> autobahn (frame built again per reader) -> Twisted, which queues
the bytes and registers the socket with the event loop for writability (an
epoll change per reader, then a write and another change on the next turn):
most of a broadcast's server time, measured with py-spy. A raw `websockets`
server builds the frame per reader too but writes it to the socket at once.

Here the frame is built once (`text_frame`) and, where the socket is a plain
daphne/autobahn/Twisted WebSocket with nothing queued before it, written
straight to the kernel with Twisted's own non-buffering write; anything the
kernel does not take at once is queued behind it in Twisted as usual. In
every other case (another server, a test communicator, TLS terminated in
daphne, compression negotiated, a frame or bytes still queued, a closing
socket) `DirectSocket.write` answers False and the caller uses the ordinary
ASGI send, so the order of bytes on a socket never changes.
"""

from __future__ import annotations

import struct

from core.sockets import daphne_protocol

TEXT_FIN = 0x81  # FIN + text opcode; servers never mask


def text_frame(text: str) -> bytes:
    """An unmasked, unfragmented WebSocket text frame carrying `text`."""
    payload = text.encode()
    size = len(payload)
    if size < 126:
        header = struct.pack("!BB", TEXT_FIN, size)
    elif size < 2**16:
        header = struct.pack("!BBH", TEXT_FIN, 126, size)
    else:
        header = struct.pack("!BBQ", TEXT_FIN, 127, size)
    return header + payload


class DirectSocket:
    """A daphne WebSocket that whole frames may be written to directly."""

    __slots__ = ("protocol", "transport")

    def __init__(self, protocol, transport):
        self.protocol = protocol
        self.transport = transport

    @classmethod
    def find(cls, send) -> DirectSocket | None:
        """The socket behind an ASGI `send` from daphne, or None for anything else."""
        protocol = daphne_protocol(send)
        if protocol is None:
            return None
        transport = getattr(protocol, "transport", None)
        needed = ("state", "STATE_OPEN", "send_queue", "send_state", "SEND_STATE_GROUND")
        if transport is None or not all(hasattr(protocol, name) for name in needed):
            return None
        buffers = ("writeSomeData", "write", "dataBuffer", "offset", "_tempDataLen", "connected")
        if not all(hasattr(transport, name) for name in buffers):
            return None
        if getattr(transport, "TLS", True):
            return None
        return cls(protocol, transport)

    def pending(self) -> int:
        """Bytes written to this socket that the kernel has not taken yet."""
        t = self.transport
        return len(t.dataBuffer) - t.offset + t._tempDataLen

    def write(self, frame: bytes) -> bool:
        """Write one whole frame now; False if the ordinary send must carry it instead."""
        p = self.protocol
        t = self.transport
        if (
            p.state != p.STATE_OPEN
            or p.send_queue
            or p.send_state != p.SEND_STATE_GROUND
            or getattr(p, "_perMessageCompress", None) is not None
            or not t.connected
            or t.disconnecting
            or getattr(t, "_writeDisconnected", False)
        ):
            return False
        if self.pending():
            # Bytes still queued go first: queue this frame behind them.
            t.write(frame)
            return True
        sent = t.writeSomeData(frame)
        if not isinstance(sent, int) or sent < 0:
            # The connection is gone; the ordinary send finds that out too.
            return False
        if sent < len(frame):
            t.write(frame[sent:])
        return True
