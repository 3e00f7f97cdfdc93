"""Starting a discussion, and choosing the reply that answers it."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core.markdown import render_markdown
from core.ratelimit import enforce
from forum import permissions
from forum.models import Category, Post, ReadState, Thread, ThreadWatch
from forum.services.posts import DUPLICATE_WINDOW
from forum.services.text import clean_body, clean_title, find_mentions, plain_text
from forum.services.watching import notify_new_post


@dataclass(frozen=True)
class ThreadResult:
    thread: Thread
    created: bool


def thread_create(*, category: Category, author, title: str, body: str) -> ThreadResult:
    """Start a thread with its opening post (number 1); a double submit returns the first."""
    if not permissions.can_start_thread(author, category):
        raise PermissionDenied("Only confirmed members can start a discussion here.")
    title = clean_title(title)
    body = clean_body(body)
    mentioned = find_mentions(body)
    now = timezone.now()
    with transaction.atomic():
        category = Category.objects.select_for_update().get(pk=category.pk)
        existing = (
            Thread.objects.filter(
                category=category,
                author=author,
                title=title,
                created_at__gte=now - DUPLICATE_WINDOW,
            )
            .filter(posts__number=1, posts__body=body)
            .first()
        )
        if existing is not None:
            return ThreadResult(existing, created=False)
        enforce(f"forum-post:{author.pk}", settings.HUB_POST_RATE)
        html = render_markdown(body)
        thread = Thread.objects.create(
            category=category,
            title=title,
            author=author,
            created_at=now,
            last_post_at=now,
            last_poster=author,
            last_number=1,
            visible_count=1,
            opening_text=plain_text(html)[:5000],
        )
        post = Post.objects.create(
            thread=thread,
            number=1,
            position=1,
            author=author,
            body=body,
            body_html=html,
            created_at=now,
        )
        if mentioned:
            post.mentioned.set(mentioned)
        Category.objects.filter(pk=category.pk).update(thread_count=F("thread_count") + 1)
        ThreadWatch.objects.get_or_create(user=author, thread=thread)
        ReadState.objects.create(user=author, thread=thread, last_read_number=1, read_count=1)
        notify_new_post(thread=thread, post=post, mentioned=mentioned, new_thread=True)
    return ThreadResult(thread, created=True)


def thread_mark_answer(*, thread: Thread, post: Post | None, user) -> Thread:
    """The thread's author (or a moderator) marks one visible reply as the answer, or clears it."""
    if not permissions.can_mark_answer(user, thread) or not permissions.can_view_thread(
        user, thread
    ):
        raise PermissionDenied("Only the person who asked, or a moderator, can choose the answer.")
    if post is not None:
        if post.thread_id != thread.pk:
            raise ValidationError("That reply belongs to another discussion.")
        if post.number == 1:
            raise ValidationError("The opening post cannot be its own answer; choose a reply.")
        if not post.is_visible:
            raise ValidationError("A deleted or hidden reply cannot be the answer.")
    thread.answer = post
    thread.save(update_fields=["answer"])
    return thread
