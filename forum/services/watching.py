"""Watching threads and categories, and who hears of a new post: mentioned members and watchers."""

from django.core.exceptions import PermissionDenied

from forum import permissions
from forum.models import Category, CategoryWatch, Post, Thread, ThreadWatch
from forum.services.text import plain_text
from notifications.services import notify


def thread_watch_set(*, thread: Thread, user, watching: bool) -> bool:
    if not permissions.can_watch(user) or not permissions.can_view_thread(user, thread):
        raise PermissionDenied("Only members can watch discussions.")
    if watching:
        ThreadWatch.objects.get_or_create(user=user, thread=thread)
    else:
        ThreadWatch.objects.filter(user=user, thread=thread).delete()
    return watching


def category_watch_set(*, category: Category, user, watching: bool) -> bool:
    if not permissions.can_watch(user) or not permissions.can_view_category(user, category):
        raise PermissionDenied("Only members can watch categories.")
    if watching:
        CategoryWatch.objects.get_or_create(user=user, category=category)
    else:
        CategoryWatch.objects.filter(user=user, category=category).delete()
    return watching


def notify_mentioned(*, thread: Thread, post: Post, mentioned: list, actor) -> None:
    """Tell the mentioned members who may read the thread."""
    readable = [person for person in mentioned if permissions.can_view_thread(person, thread)]
    if readable:
        notify(
            recipients=readable,
            kind="forum.mention",
            title=f"{actor.name} mentioned you in “{thread.title}”",
            url=post.get_absolute_url(),
            body=plain_text(post.body_html)[:300],
            actor=actor,
        )


def notify_new_post(*, thread: Thread, post: Post, mentioned: list, new_thread: bool) -> None:
    """Mentioned members first; then the category's watchers (and, for a reply, the thread's)."""
    author = post.author
    notify_mentioned(thread=thread, post=post, mentioned=mentioned, actor=author)
    watchers = [
        w.user
        for w in CategoryWatch.objects.filter(category=thread.category_id).select_related("user")
    ]
    if not new_thread:
        watchers += [
            w.user for w in ThreadWatch.objects.filter(thread=thread).select_related("user")
        ]
    skip = {p.pk for p in mentioned}
    recipients = [
        w
        for w in watchers
        if w.pk not in skip and w.is_active and permissions.can_view_thread(w, thread)
    ]
    if recipients:
        title = (
            f"New discussion in {thread.category.name}: “{thread.title}”"
            if new_thread
            else f"{author.name} replied to “{thread.title}”"
        )
        notify(
            recipients=recipients,
            kind="forum.thread" if new_thread else "forum.reply",
            title=title,
            url=thread.url_for_number(post.number),
            body=plain_text(post.body_html)[:300],
            actor=author,
        )
