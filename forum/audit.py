"""The moderation log: moderation actions written to, and read back from, Wagtail's audit log."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from wagtail import log_actions
from wagtail.models import ModelLogEntry

from forum import permissions
from forum.models import Post, Thread, Visibility

# action: (label in filters, message in the log). Registered in forum/wagtail_hooks.py.
ACTIONS = {
    "forum.pin": ("Pin thread", "Pinned thread"),
    "forum.unpin": ("Unpin thread", "Unpinned thread"),
    "forum.lock": ("Lock thread", "Locked thread"),
    "forum.unlock": ("Unlock thread", "Unlocked thread"),
    "forum.move": ("Move thread", "Moved thread"),
    "forum.hide_thread": ("Hide thread", "Hid thread"),
    "forum.show_thread": ("Show thread", "Restored thread"),
    "forum.hide_post": ("Hide post", "Hid post"),
    "forum.restore_post": ("Restore post", "Restored post"),
    "forum.resolve_report": ("Resolve report", "Resolved report"),
}
MAX_DETAIL = 300


def record(*, action: str, moderator, thread: Thread, post: Post | None = None, detail: str = ""):
    """Log one moderation action on a thread or on a post in it, inside the write's transaction."""
    if action not in ACTIONS:
        raise ValueError(f"Not a forum moderation action: {action}")
    return log_actions.log(
        instance=post if post is not None else thread,
        action=action,
        user=moderator,
        data={
            "thread": thread.pk,
            "thread_title": thread.title,
            "post": post.pk if post is not None else None,
            "number": post.number if post is not None else None,
            "detail": detail[:MAX_DETAIL],
        },
    )


def _ids_as_text(queryset):
    return queryset.annotate(id_text=Cast("pk", CharField())).values("id_text")


def log_entries_for(user):
    """The forum's audit-log entries this moderator may read, newest first.

    A moderator who cannot read members-only discussions sees only the entries
    about threads (and posts in threads) in public categories.
    """
    entries = (
        ModelLogEntry.objects.filter(action__in=ACTIONS)
        .select_related("user")
        .order_by("-timestamp", "-pk")
    )
    if permissions.can_read_members_only(user):
        return entries
    public = Thread.objects.filter(category__visibility=Visibility.PUBLIC)
    return entries.filter(
        Q(
            content_type=ContentType.objects.get_for_model(Thread),
            object_id__in=_ids_as_text(public),
        )
        | Q(
            content_type=ContentType.objects.get_for_model(Post),
            object_id__in=_ids_as_text(Post.objects.filter(thread__in=public)),
        )
    )
