"""How far each member has read each thread: marked as pages are shown, never moving backwards."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from forum import permissions
from forum.models import Post, ReadState, Thread

_UNKNOWN = object()


def _position_up_to(thread: Thread, number: int) -> int:
    """How many visible posts have a number up to ``number`` (one indexed lookup)."""
    return (
        Post.objects.filter(thread=thread, number__lte=number, position__isnull=False)
        .order_by("-number")
        .values_list("position", flat=True)
        .first()
    ) or 0


def mark_read(*, thread: Thread, user, number: int, position: int | None = None) -> None:
    """Move the member's read state up to ``number`` (for services that already checked access)."""
    if position is None:
        position = _position_up_to(thread, number)
    updated = ReadState.objects.filter(
        user=user, thread=thread, last_read_number__lt=number
    ).update(last_read_number=number, read_count=position, updated_at=timezone.now())
    if updated:
        return
    try:
        with transaction.atomic():
            ReadState.objects.get_or_create(
                user=user,
                thread=thread,
                defaults={"last_read_number": number, "read_count": position},
            )
    except IntegrityError:
        # Another request created it a moment ago; its position is as good as ours.
        pass


def thread_mark_read(
    *, thread: Thread, user, number: int, position: int | None = None, state=_UNKNOWN
) -> None:
    """Record that the member has read up to post ``number`` (never moves backwards).

    Views that already hold the member's ReadState (or know there is none) and
    the position of the last visible post they showed pass them in, so marking
    a page read costs one query at most.
    """
    if not getattr(user, "is_authenticated", False) or not permissions.can_view_thread(
        user, thread
    ):
        return
    number = max(0, min(number, thread.last_number))
    if number == 0:
        return
    if number == thread.last_number:
        position = thread.visible_count
    if state is _UNKNOWN:
        mark_read(thread=thread, user=user, number=number, position=position)
        return
    if state is not None and state.last_read_number >= number:
        return
    if position is None:
        position = _position_up_to(thread, number)
    if state is None:
        # One upsert: a second tab that got there first is simply overwritten.
        ReadState.objects.bulk_create(
            [ReadState(user=user, thread=thread, last_read_number=number, read_count=position)],
            update_conflicts=True,
            unique_fields=["user", "thread"],
            update_fields=["last_read_number", "read_count", "updated_at"],
        )
        return
    ReadState.objects.filter(pk=state.pk, last_read_number__lt=number).update(
        last_read_number=number, read_count=position, updated_at=timezone.now()
    )
