"""A member's unread-notification count, which every signed-in page shows in its header.

Counted once and cached per member until one of their notifications is added
or read. Each member has a stamp in the cache, and the count is kept with the
stamp it was counted under: a change sets a new stamp (at once, and again
when its transaction commits), so a count taken before the change, even one
stored after it, is never read again.
"""

from collections.abc import Iterable

from core.stamps import restamp, stamped
from notifications.models import Notification

# How long a count may stand; a change makes it stale at once, this only
# bounds a change made by a path that forgets to say so.
CACHE_SECONDS = 600
# The stamps outlive the counts; a lost stamp only costs one count.
STAMP_SECONDS = 24 * 3600


def _stamp_key(user_id: int) -> str:
    return f"notifications:unread-stamp:{user_id}"


def _count_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def unread_count(user) -> int:
    """The member's unread notifications: one cache read, or a count on a miss."""
    return stamped(
        _stamp_key(user.pk),
        _count_key(user.pk),
        lambda: Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count(),
        timeout=CACHE_SECONDS,
        stamp_timeout=STAMP_SECONDS,
    )


def unread_changed(user_ids: Iterable[int]) -> None:
    """These members' counts are stale: now, for this process, and once the transaction commits."""
    restamp((_stamp_key(pk) for pk in user_ids), stamp_timeout=STAMP_SECONDS)
