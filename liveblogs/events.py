"""What liveblog readers receive in real time: the group name and one builder per event.

Services send these, on commit, with `core.realtime.broadcast_on_commit`.
A reader's frame is serialised once, here, and each process's fan-out
(liveblogs.fanout) writes those same bytes to every local socket; an access
event has the fan-out re-check its readers instead.
"""

import json

from core.realtime import group_name

# A channel-layer event carrying a frame that every reader receives as is.
FRAME_EVENT = "liveblog.frame"
# Who may read a liveblog changed (a view restriction, or unpublished): each
# process's fan-out re-checks its connected readers.
ACCESS_EVENT = "liveblog.access"


def liveblog_group(page_id: int) -> str:
    """The channel-layer group of one liveblog's readers."""
    return group_name("liveblog", page_id)


def entry_message(change) -> dict:
    """One numbered change of an entry as a reader receives it (live, catching up, polling).

    `html` is empty for a deletion, and for a change a later one superseded.
    """
    return {
        "type": "entry",
        "op": change.op,
        "seq": change.seq,
        "id": change.entry_id,
        "html": change.html,
        "pinned": change.pinned,
        "key": change.key,
    }


def ready_message(seq: int) -> dict:
    """Sent to a reader once it has caught up to `seq`; live changes follow."""
    return {"type": "ready", "seq": seq}


def entry_changed(change) -> dict:
    """An entry was created, updated or deleted: its numbered change, for every reader."""
    return _frame(entry_message(change), seq=change.seq)


def state_changed(state: str) -> dict:
    """A liveblog was published as upcoming, live or ended; on "ended" clients stop."""
    return _frame({"type": "state", "state": state}, seq=0)


def access_changed() -> dict:
    """Who may read the liveblog changed: connected readers are checked again."""
    return {"type": ACCESS_EVENT, "access": True}


def _frame(message: dict, *, seq: int) -> dict:
    # seq 0: not a numbered change (the fan-out's slow-reader check skips it).
    return {"type": FRAME_EVENT, "seq": seq, "frame": json.dumps(message, separators=(",", ":"))}
