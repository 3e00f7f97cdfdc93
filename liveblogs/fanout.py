"""One channel-layer subscription per process per liveblog, fanned out locally.

A bare Channels consumer per reader costs the layer one queued message and
the consumer one dispatch (with a thread hop) per reader per entry: about
0.35 s of CPU per 1,000 readers (PERFORMANCE-NOTES). Here each process joins
the liveblog's group once, with one layer channel read by one task, and
writes the frame the service already serialised to every local socket,
encoded as WebSocket bytes once per message (liveblogs.wire). A lost frame
is repaired by the readers' sequence-number catch-up.
"""

import asyncio
import contextlib
import logging
import time
from functools import cached_property

from channels.layers import get_channel_layer

from liveblogs.wire import text_frame

logger = logging.getLogger(__name__)

# Leave the layer group this long after the last local reader, so a page
# reload or a reconnect does not pay for leaving and joining again.
LINGER_SECONDS = 5.0
# Re-add the group membership well before the layer forgets it.
REFRESH_CAP_SECONDS = 600.0
# A reader that has not acknowledged this many changes is dropped; it
# reconnects and catches up from the database.
SLOW_READER_LIMIT = 1000
# A reader whose socket holds this many bytes the kernel would not take
# (it stopped reading) is dropped too, before its buffer grows without bound.
SLOW_READER_BYTES = 4 * 2**20
# Consecutive layer read failures tolerated before the readers are closed.
MAX_LAYER_FAILURES = 5
# How long a subscription may reuse who-may-read facts (the page's state and
# view restrictions) for readers connecting; any access or state event, or a
# layer failure, forgets them at once.
ACCESS_CACHE_SECONDS = 30.0

try:  # a read timing out on a quiet Redis channel: read again at once
    from redis.exceptions import TimeoutError as _RedisTimeout
except ImportError:  # pragma: no cover - Redis is in the requirements
    _RedisTimeout = TimeoutError
QUIET_READ = (TimeoutError, asyncio.TimeoutError, _RedisTimeout)


class Frame:
    """One live frame for every reader: its text, and its WebSocket bytes built once."""

    def __init__(self, text: str, seq: int = 0):
        self.text = text
        self.seq = seq

    @cached_property
    def wire(self) -> bytes:
        return text_frame(self.text)


class _Subscription:
    def __init__(self, group: str):
        self.group = group
        self.readers: set = set()
        self.channel: str | None = None
        self.ready = asyncio.Event()
        self.task: asyncio.Task | None = None
        self.leave_handle: asyncio.TimerHandle | None = None
        # Who-may-read facts cached for connecting readers (see access_snapshot).
        self.access_gen = 0
        self.access = None
        self.access_at = 0.0

    def forget_access(self) -> None:
        self.access_gen += 1
        self.access = None


class LocalFanout:
    """A process-local registry of readers, by group."""

    def __init__(self, *, linger: float = LINGER_SECONDS):
        self.linger = linger
        self._subs: dict[str, _Subscription] = {}

    def reader_count(self, group: str) -> int:
        sub = self._subs.get(group)
        return len(sub.readers) if sub else 0

    async def add(self, group: str, reader) -> None:
        """Register a reader; returns once the group subscription is in place."""
        sub = self._subs.get(group)
        loop = asyncio.get_running_loop()
        if sub is None or sub.task is None or sub.task.done() or sub.task.get_loop() is not loop:
            sub = _Subscription(group)
            self._subs[group] = sub
            sub.task = loop.create_task(self._run(sub))
        if sub.leave_handle is not None:
            sub.leave_handle.cancel()
            sub.leave_handle = None
        sub.readers.add(reader)
        await sub.ready.wait()

    def access_snapshot(self, group: str) -> tuple[int | None, object]:
        """(generation, cached facts or None) for a reader of `group` checking access.

        Only a subscription already listening may cache: an event sent after
        the facts were read is then certain to reach it and forget them. The
        generation is None when there is no such subscription (nothing may be
        stored).
        """
        sub = self._subs.get(group)
        if sub is None or not sub.ready.is_set() or sub.task is None or sub.task.done():
            return None, None
        if sub.access is not None and time.monotonic() - sub.access_at > ACCESS_CACHE_SECONDS:
            sub.forget_access()
        return sub.access_gen, sub.access

    def store_access(self, group: str, generation: int | None, facts) -> None:
        """Keep facts read under `generation`, unless an event has since made them stale."""
        sub = self._subs.get(group)
        if generation is None or sub is None or sub.access_gen != generation:
            return
        sub.access = facts
        sub.access_at = time.monotonic()

    def remove(self, group: str, reader) -> None:
        sub = self._subs.get(group)
        if sub is None:
            return
        sub.readers.discard(reader)
        if not sub.readers and sub.leave_handle is None:
            loop = asyncio.get_running_loop()
            sub.leave_handle = loop.call_later(self.linger, self._leave, sub)

    def _leave(self, sub: _Subscription) -> None:
        sub.leave_handle = None
        if not sub.readers and sub.task is not None:
            sub.task.cancel()

    async def _refresh(self, layer, sub: _Subscription) -> None:
        interval = min(getattr(layer, "group_expiry", 86400) / 2, REFRESH_CAP_SECONDS)
        while True:
            await asyncio.sleep(interval)
            await layer.group_add(sub.group, sub.channel)

    async def _run(self, sub: _Subscription) -> None:
        layer = get_channel_layer()
        refresher = None
        try:
            sub.channel = await layer.new_channel()
            await layer.group_add(sub.group, sub.channel)
            sub.ready.set()
            refresher = asyncio.get_running_loop().create_task(self._refresh(layer, sub))
            failures = 0
            rejoin = False
            while True:
                try:
                    if rejoin:
                        # A restarted Redis has forgotten the group: join it again
                        # before reading, and only then let readers count as ready.
                        await layer.group_add(sub.group, sub.channel)
                        rejoin = False
                        sub.ready.set()
                    message = await layer.receive(sub.channel)
                except asyncio.CancelledError:
                    raise
                except QUIET_READ:
                    # A blocking read outlasted the socket timeout on a quiet
                    # channel: nothing is wrong, read again at once rather than
                    # back off (an entry posted now must not wait).
                    continue
                except Exception:
                    sub.forget_access()
                    # A layer hiccup (a Redis read timeout while the process is busy
                    # accepting a burst of readers) must not drop every reader.
                    failures += 1
                    if failures > MAX_LAYER_FAILURES:
                        raise
                    logger.warning("Liveblog fan-out for %s: layer read failed", sub.group)
                    sub.ready.clear()
                    rejoin = True
                    await asyncio.sleep(min(0.1 * 2**failures, 5.0))
                    continue
                failures = 0
                if message.get("access"):
                    # Checked before the next frame, so no reader who lost
                    # access receives what follows.
                    sub.forget_access()
                    await self._recheck(sub)
                    continue
                text = message.get("frame")
                if text:
                    seq = message.get("seq", 0)
                    if not seq:
                        # A state change (published, ended): the page changed.
                        sub.forget_access()
                    await self._deliver(sub, Frame(text, seq))
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("Liveblog fan-out for %s stopped; readers will reconnect", sub.group)
        finally:
            if refresher is not None:
                refresher.cancel()
            sub.ready.set()
            if self._subs.get(sub.group) is sub:
                del self._subs[sub.group]
            # Readers left here would wait for frames that never come: close
            # them, so their clients reconnect and catch up.
            for reader in list(sub.readers):
                reader.drop()
            if sub.channel is not None:
                with contextlib.suppress(Exception):
                    await asyncio.shield(layer.group_discard(sub.group, sub.channel))

    async def _recheck(self, sub: _Subscription) -> None:
        """Close the readers who may no longer read (the liveblog's privacy changed).

        Readers answer through their class's `refused_readers(readers)`, which
        checks them all against one lookup of the page and its restrictions.
        """
        kinds: dict[type, list] = {}
        for reader in list(sub.readers):
            kinds.setdefault(type(reader), []).append(reader)
        for kind, readers in kinds.items():
            check = getattr(kind, "refused_readers", None)
            if check is None:
                continue
            try:
                refused = await check(readers)
            except Exception:
                # Unsure who may read: close them all; on reconnecting each is
                # checked again.
                logger.exception("Liveblog fan-out for %s: access re-check failed", sub.group)
                for reader in readers:
                    sub.readers.discard(reader)
                    reader.drop()
                continue
            for reader in refused:
                sub.readers.discard(reader)
                reader.refuse()

    async def _deliver(self, sub: _Subscription, frame: Frame) -> None:
        """Hand one frame to every local reader, in one pass with no await per reader
        when they take it directly (`reader.deliver(frame)` answers True)."""
        seq = frame.seq
        for reader in list(sub.readers):
            if seq and seq - reader.acked_seq > SLOW_READER_LIMIT:
                sub.readers.discard(reader)
                reader.drop()
                continue
            try:
                deliver = getattr(reader, "deliver", None)
                if deliver is None or not deliver(frame):
                    await reader.send(text_data=frame.text)
            except SlowReader:
                sub.readers.discard(reader)
                reader.drop()
            except Exception:
                # One closed or broken socket must not stop delivery to the rest.
                sub.readers.discard(reader)
                logger.debug("Dropped a liveblog reader of %s", sub.group, exc_info=True)


class SlowReader(Exception):
    """Raised by a reader's `deliver` when its unsent bytes passed SLOW_READER_BYTES."""


fanout = LocalFanout()
