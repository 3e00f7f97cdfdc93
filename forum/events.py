"""What a thread's readers receive in real time: the group name and one builder per event.

Services send the channel-layer events, on commit, with
``core.realtime.broadcast_on_commit``; ``forum.consumers.ThreadConsumer`` turns
them into the frames readers get. Readers hear post numbers only and fetch the
posts over HTTP, so a frame never carries text a reader may not see.
"""

from core.realtime import group_name

POST_CREATED = "post.created"
THREAD_LATEST = "thread.latest"
ACCESS_CHANGED = "access.changed"


def thread_group(thread_id: int) -> str:
    """The channel-layer group of one thread's readers."""
    return group_name("forum-thread", thread_id)


def post_created(post) -> dict:
    """A reply was added to a thread (channel-layer event)."""
    return {
        "type": POST_CREATED,
        "thread": post.thread_id,
        "post": post.pk,
        "number": post.number,
    }


def access_changed(thread) -> dict:
    """The thread was moved or hidden: connected readers are checked again (channel-layer event)."""
    return {"type": ACCESS_CHANGED, "thread": thread.pk}


def post_created_frame(event: dict) -> dict:
    """What a reader's socket receives for ``post_created``: only the new post's number."""
    return {"type": POST_CREATED, "number": event["number"]}


def thread_latest_frame(number: int) -> dict:
    """Sent on (re)connecting: the number of the thread's latest post, so a
    reader counts what was added while it was not connected."""
    return {"type": THREAD_LATEST, "number": number}
