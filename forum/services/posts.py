"""Replies and changes to posts: reply, edit (history kept), delete and restore.

Every post keeps its number for good; ``position`` (its place among visible
posts) and the read counts move when a post is removed or comes back, so an
unread count stays a subtraction.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from wagtail.search import index

from core.markdown import render_markdown
from core.ratelimit import enforce
from core.realtime import broadcast_on_commit
from forum import audit, events, permissions
from forum.models import Post, PostRevision, ReadState, Thread, ThreadWatch
from forum.services.read_state import mark_read
from forum.services.text import clean_body, find_mentions, plain_text
from forum.services.watching import notify_mentioned, notify_new_post

# A second identical post by the same member within this window is a double submit.
DUPLICATE_WINDOW = timedelta(minutes=10)
LOCKED = "This discussion is locked: no more replies can be added."


@dataclass(frozen=True)
class PostResult:
    post: Post
    created: bool


def post_create(*, thread: Thread, author, body: str) -> PostResult:
    """Reply to a thread. The same body twice in a row from the same member is stored once."""
    if not permissions.can_view_thread(author, thread):
        raise PermissionDenied("You cannot reply to this discussion.")
    if thread.locked and not permissions.is_forum_moderator(author):
        raise ValidationError(LOCKED)
    if not permissions.can_reply(author, thread):
        raise PermissionDenied("Only confirmed members can reply.")
    body = clean_body(body)
    mentioned = find_mentions(body)
    now = timezone.now()
    with transaction.atomic():
        # Locking the thread row gives each post the next number, and makes the
        # duplicate check below safe against two submissions at the same moment.
        thread = Thread.objects.select_for_update().select_related("category").get(pk=thread.pk)
        if thread.locked and not permissions.is_forum_moderator(author):
            raise ValidationError(LOCKED)
        last = Post.objects.filter(thread=thread).order_by("-number").first()
        if (
            last is not None
            and last.author_id == author.pk
            and last.body == body
            and last.created_at >= now - DUPLICATE_WINDOW
            and last.deleted_at is None
        ):
            return PostResult(last, created=False)
        enforce(f"forum-post:{author.pk}", settings.HUB_POST_RATE)
        number = thread.last_number + 1
        post = Post.objects.create(
            thread=thread,
            number=number,
            position=thread.visible_count + 1,
            author=author,
            body=body,
            body_html=render_markdown(body),
            created_at=now,
        )
        if mentioned:
            post.mentioned.set(mentioned)
        Thread.objects.filter(pk=thread.pk).update(
            last_number=number,
            visible_count=F("visible_count") + 1,
            last_post_at=now,
            last_poster=author,
        )
        thread.last_number = number
        thread.visible_count += 1
        ThreadWatch.objects.get_or_create(user=author, thread=thread)
        mark_read(thread=thread, user=author, number=number, position=post.position)
        notify_new_post(thread=thread, post=post, mentioned=mentioned, new_thread=False)
        broadcast_on_commit(events.thread_group(thread.pk), events.post_created(post))
    return PostResult(post, created=True)


def post_edit(*, post: Post, user, body: str) -> Post:
    """Change one's own post, keeping the previous version as a revision."""
    if not permissions.can_edit_post(user, post):
        raise PermissionDenied("You can only edit your own posts.")
    body = clean_body(body)
    if body == post.body:
        return post
    # An edit counts as a post: the same interval and rate as writing one.
    enforce(f"forum-post:{user.pk}", settings.HUB_POST_RATE)
    mentioned = find_mentions(body)
    now = timezone.now()
    with transaction.atomic():
        PostRevision.objects.create(
            post=post,
            body=post.body,
            body_html=post.body_html,
            written_at=post.edited_at or post.created_at,
            replaced_at=now,
            replaced_by=user,
        )
        previously = set(post.mentioned.values_list("pk", flat=True))
        post.body = body
        post.body_html = render_markdown(body)
        post.edited_at = now
        post.save(update_fields=["body", "body_html", "edited_at"])
        post.mentioned.add(*mentioned)
        if post.number == 1:
            Thread.objects.filter(pk=post.thread_id).update(
                opening_text=plain_text(post.body_html)[:5000]
            )
        newly = [p for p in mentioned if p.pk not in previously]
        notify_mentioned(thread=post.thread, post=post, mentioned=newly, actor=user)
    return post


def hide_from_count(post: Post) -> None:
    """The post stops being visible: later positions and read counts move down by one."""
    Post.objects.filter(thread=post.thread_id, position__gt=post.position).update(
        position=F("position") - 1
    )
    ReadState.objects.filter(thread=post.thread_id, last_read_number__gte=post.number).update(
        read_count=F("read_count") - 1
    )
    Thread.objects.filter(pk=post.thread_id).update(visible_count=F("visible_count") - 1)
    post.position = None


def _show_in_count(post: Post) -> None:
    """The post becomes visible again at its place by number."""
    before = (
        Post.objects.filter(
            thread=post.thread_id, number__lt=post.number, position__isnull=False
        ).aggregate(top=Max("position"))["top"]
        or 0
    )
    position = before + 1
    Post.objects.filter(thread=post.thread_id, position__gte=position).update(
        position=F("position") + 1
    )
    ReadState.objects.filter(thread=post.thread_id, last_read_number__gte=post.number).update(
        read_count=F("read_count") + 1
    )
    Thread.objects.filter(pk=post.thread_id).update(visible_count=F("visible_count") + 1)
    post.position = position


def sync_opening_text(post: Post) -> None:
    """The thread's opening text (feeds and search) follows its opening post's visibility."""
    if post.number != 1:
        return
    text = plain_text(post.body_html)[:5000] if post.is_visible else ""
    Thread.objects.filter(pk=post.thread_id).update(opening_text=text)
    post.thread.opening_text = text
    # update() skips Wagtail's index signals; the database search backend writes
    # in the same transaction, so the index changes (or rolls back) with the row.
    thread = Thread.objects.filter(pk=post.thread_id).first()
    if thread is not None:
        index.insert_or_update_object(thread)


def locked_post(post: Post) -> Post:
    """The post read again under a lock on its thread (call inside a transaction)."""
    Thread.objects.select_for_update().filter(pk=post.thread_id).first()
    return Post.objects.select_related("thread", "thread__category").get(pk=post.pk)


def post_delete(*, post: Post, user) -> Post:
    """The author removes their post; it shows as deleted and can be restored."""
    with transaction.atomic():
        post = locked_post(post)
        if post.deleted_at is not None and post.author_id == getattr(user, "pk", None):
            return post
        if not permissions.can_delete_post(user, post):
            raise PermissionDenied("You can only delete your own posts.")
        if post.is_visible:
            hide_from_count(post)
        post.deleted_at = timezone.now()
        post.save(update_fields=["deleted_at", "position"])
        sync_opening_text(post)
    return post


def post_restore(*, post: Post, user) -> Post:
    """Undo a delete (the author or a moderator) or a hide (moderators only)."""
    with transaction.atomic():
        post = locked_post(post)
        if post.is_visible:
            return post
        if not permissions.can_restore_post(user, post) or not permissions.can_view_thread(
            user, post.thread
        ):
            raise PermissionDenied("You cannot restore this post.")
        post.deleted_at = None
        post.hidden_at = None
        _show_in_count(post)
        post.save(update_fields=["deleted_at", "hidden_at", "position"])
        sync_opening_text(post)
        if permissions.is_forum_moderator(user) and post.author_id != user.pk:
            audit.record(action="forum.restore_post", moderator=user, thread=post.thread, post=post)
    return post
