"""Moderators pin, lock, hide and move threads and hide posts; each action goes to the audit log."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core.realtime import broadcast_on_commit
from forum import audit, events, permissions
from forum.models import Category, Post, Thread
from forum.services.posts import hide_from_count, locked_post, sync_opening_text


def require_moderator(user, thread: Thread, message: str = "Only moderators can do that.") -> None:
    """PermissionDenied unless the user moderates and may open the thread."""
    if not permissions.can_moderate(user) or not permissions.can_view_thread(user, thread):
        raise PermissionDenied(message)


def thread_set_pinned(*, thread: Thread, moderator, pinned: bool) -> Thread:
    require_moderator(moderator, thread)
    with transaction.atomic():
        thread.pinned = pinned
        thread.save(update_fields=["pinned"])
        audit.record(
            action="forum.pin" if pinned else "forum.unpin", moderator=moderator, thread=thread
        )
    return thread


def thread_set_locked(*, thread: Thread, moderator, locked: bool) -> Thread:
    require_moderator(moderator, thread)
    with transaction.atomic():
        thread.locked = locked
        thread.save(update_fields=["locked"])
        audit.record(
            action="forum.lock" if locked else "forum.unlock", moderator=moderator, thread=thread
        )
    return thread


def thread_set_hidden(*, thread: Thread, moderator, hidden: bool, reason: str = "") -> Thread:
    """Hide a thread from everyone but moderators (readers who lose it are dropped), or show it."""
    require_moderator(moderator, thread)
    with transaction.atomic():
        thread.hidden_at = timezone.now() if hidden else None
        thread.save(update_fields=["hidden_at"])
        audit.record(
            action="forum.hide_thread" if hidden else "forum.show_thread",
            moderator=moderator,
            thread=thread,
            detail=reason,
        )
        broadcast_on_commit(events.thread_group(thread.pk), events.access_changed(thread))
    return thread


def thread_move(*, thread: Thread, moderator, category: Category) -> Thread:
    """Move a thread to another category (readers who may not follow it there are dropped)."""
    require_moderator(moderator, thread)
    if not permissions.can_view_category(moderator, category):
        raise PermissionDenied("You cannot move a discussion into a category you cannot read.")
    if category.pk == thread.category_id:
        raise ValidationError("The discussion is already in that category.")
    with transaction.atomic():
        old = thread.category
        Category.objects.filter(pk=old.pk).update(thread_count=F("thread_count") - 1)
        Category.objects.filter(pk=category.pk).update(thread_count=F("thread_count") + 1)
        thread.category = category
        thread.save(update_fields=["category"])
        audit.record(
            action="forum.move",
            moderator=moderator,
            thread=thread,
            detail=f"From {old.name} to {category.name}",
        )
        broadcast_on_commit(events.thread_group(thread.pk), events.access_changed(thread))
    return thread


def post_hide(*, post: Post, moderator, reason: str = "") -> Post:
    """Hide a post from members; its author cannot bring it back, a moderator can."""
    with transaction.atomic():
        post = locked_post(post)
        require_moderator(moderator, post.thread, "Only moderators can hide posts.")
        if post.hidden_at is not None:
            return post
        if post.is_visible:
            hide_from_count(post)
        post.hidden_at = timezone.now()
        post.save(update_fields=["hidden_at", "position"])
        sync_opening_text(post)
        audit.record(
            action="forum.hide_post",
            moderator=moderator,
            thread=post.thread,
            post=post,
            detail=reason,
        )
    return post
