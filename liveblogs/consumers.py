"""The readers' WebSocket: catch up from a sequence number, then receive live changes."""

import asyncio
import json

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from cms.privacy import view_restrictions
from liveblogs.events import liveblog_group, ready_message
from liveblogs.fanout import SLOW_READER_BYTES, SlowReader, fanout
from liveblogs.models import LiveblogPage
from liveblogs.permissions import can_view_liveblog
from liveblogs.services import changes_since, parse_seq
from liveblogs.wire import DirectSocket

CATCH_UP_BATCH = 500
REFUSED = 4403
TOO_SLOW = 4008


class LiveblogConsumer(AsyncJsonWebsocketConsumer):
    """One reader. It never joins the channel layer itself: the process-wide
    fan-out holds one subscription per liveblog and writes frames to it."""

    # No layer channel per reader (see liveblogs.fanout): an alias that names
    # no layer makes Channels skip creating and polling one.
    channel_layer_alias = "liveblogs-readers-use-the-fanout"

    page_id: int = 0
    group: str = ""
    registered = False
    acked_seq = 0
    # Live frames the fan-out hands over while this reader is still catching
    # up; they are sent after the catch-up, so the reader gets every change in order.
    held: list[str] | None = None
    # The daphne socket live frames are written to directly (liveblogs.wire),
    # or None: then they go through the ordinary ASGI send.
    direct: DirectSocket | None = None

    async def __call__(self, scope, receive, send):
        try:
            await super().__call__(scope, receive, send)
        finally:
            # Also when the consumer crashed: never leave a dead reader registered.
            self._unregister()

    def _unregister(self) -> None:
        if self.registered:
            self.registered = False
            fanout.remove(self.group, self)

    async def connect(self):
        self.page_id = int(self.scope["url_route"]["kwargs"]["page_id"])
        self.group = liveblog_group(self.page_id)
        if not await self._may_read():
            await self.close(code=REFUSED)
            return
        await self.accept()
        self.direct = DirectSocket.find(self.base_send)

    async def _may_read(self) -> bool:
        """Ask the one privacy check, with the liveblog's page and restrictions
        read once per process subscription rather than per reader (liveblogs.fanout
        forgets them on any access or state event); a visitor on a liveblog with no
        restriction is answered without a database round."""
        generation, facts = fanout.access_snapshot(self.group)
        if facts is None:
            facts = await database_sync_to_async(_access_facts)(self.page_id)
            fanout.store_access(self.group, generation, facts)
        page, restrictions = facts
        if page is None:
            return False
        user = self.scope.get("user")
        session = self.scope.get("session")
        if not restrictions and not getattr(user, "is_authenticated", False):
            return can_view_liveblog(user, page, session, restrictions)
        return await database_sync_to_async(can_view_liveblog)(user, page, session, restrictions)

    @classmethod
    async def refused_readers(cls, readers: list) -> list:
        """Those of one liveblog's readers who may no longer read it (for the fan-out)."""
        return await database_sync_to_async(_without_access)(readers)

    async def receive_json(self, content, **kwargs):
        if not isinstance(content, dict):
            return
        if "since" in content and not self.registered:
            await self._start(_as_seq(content.get("since")))
        elif "ack" in content:
            self.acked_seq = max(self.acked_seq, _as_seq(content.get("ack")))

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        try:
            await super().receive(text_data=text_data, bytes_data=bytes_data, **kwargs)
        except (ValueError, TypeError):
            # Not JSON: ignore it rather than crash the connection.
            return

    async def send(self, text_data=None, bytes_data=None, close=False):
        """The fan-out's way in: a live frame waits while the reader catches up."""
        if self.held is not None and text_data is not None:
            self.held.append(text_data)
            return
        await super().send(text_data=text_data, bytes_data=bytes_data, close=close)

    def deliver(self, frame) -> bool:
        """The fan-out's fast way in, with no await: True once the frame is held or
        written; False when it must come through `send` instead."""
        if self.held is not None:
            self.held.append(frame.text)
            return True
        if self.direct is None:
            return False
        if self.direct.pending() > SLOW_READER_BYTES:
            raise SlowReader
        return self.direct.write(frame.wire)

    async def _send_now(self, text: str) -> None:
        await super().send(text_data=text)

    async def _start(self, since: int) -> None:
        # Subscribe before reading the log, so no change falls between the two;
        # what arrives live meanwhile is held and sent after, unless the log had it.
        self.acked_seq = since
        self.held = []
        self.registered = True
        await fanout.add(self.group, self)
        # Access may have changed since connecting, before this reader was
        # subscribed to hear about it.
        if not await self._may_read():
            self.refuse()
            return
        while True:
            batch = await database_sync_to_async(changes_since)(self.page_id, since, CATCH_UP_BATCH)
            for message in batch:
                await self._send_now(json.dumps(message, separators=(",", ":")))
            if batch:
                since = batch[-1]["seq"]
            if len(batch) < CATCH_UP_BATCH:
                break
        await self._send_now(json.dumps(ready_message(since)))
        # No await between finding `held` empty and letting frames through,
        # so none can slip past the ones still held.
        while self.held:
            frame = self.held.pop(0)
            seq = _frame_seq(frame)
            if seq == 0 or seq > since:  # 0: not a numbered change (a state frame)
                await self._send_now(frame)
        self.held = None

    def drop(self) -> None:
        """Close a reader the fan-out can no longer serve; its client catches up on return."""
        self.registered = False
        asyncio.ensure_future(self.close(code=TOO_SLOW))

    def refuse(self) -> None:
        """Close a reader who may no longer read this liveblog."""
        self._unregister()
        asyncio.ensure_future(self.close(code=REFUSED))

    async def disconnect(self, code):
        self._unregister()


def _access_facts(page_id: int) -> tuple:
    """The liveblog page (None if gone) and its view restrictions, for `can_view_liveblog`."""
    page = LiveblogPage.objects.filter(pk=page_id).first()
    return page, (view_restrictions(page) if page is not None else [])


def _without_access(readers: list) -> list:
    """The readers (all of one liveblog) who may not read it now."""
    page = LiveblogPage.objects.filter(pk=readers[0].page_id).first()
    if page is None:
        return list(readers)
    restrictions = view_restrictions(page)
    return [
        reader
        for reader in readers
        if not can_view_liveblog(
            reader.scope.get("user"), page, reader.scope.get("session"), restrictions
        )
    ]


def _frame_seq(frame: str) -> int:
    """The change number of a live frame (0 for one that is not a numbered change)."""
    try:
        seq = json.loads(frame).get("seq", 0)
    except (ValueError, AttributeError):
        return 0
    return seq if isinstance(seq, int) else 0


def _as_seq(value) -> int:
    """A client's sequence number; anything that is not one (Infinity, NaN, text, 1e30) is 0."""
    return parse_seq(value) or 0
