"""Thread pages kept in the cache and keyed on the thread's version.

Visitors get a whole page from here; signed-in readers a page shared by their
audience, filled in with their own values (forum/memberpages.py).

A visitor with no session sees what every such visitor sees: no read state,
no buttons, no CSRF token, no profile links. So a visitor's thread page is
cached whole, under a key holding the thread's version, the address asked for
and the language. The permission check (``Thread.objects.visible_to``) runs on
every request before the cache is read, so a thread that becomes hidden or
members-only is refused at once.

The version changes, when written and again once the writing transaction
commits, whenever a thread or one of its posts is saved (posts written,
edited, deleted, restored or hidden; threads pinned, locked, hidden, moved or
answered), and for every thread when a category is saved. A changed author
name or council name shows after ``CACHE_SECONDS`` at most.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import translation

CACHE_SECONDS = 300
_ALL = "forum:threads-version"


def _thread_key(thread_id: int) -> str:
    return f"forum:thread-version:{thread_id}"


def _version(key: str) -> int:
    version = cache.get(key)
    if version is None:
        # Start from the clock, not 1: a version the cache evicted never comes
        # back to a number that older cached pages were stored under.
        cache.add(key, time.time_ns(), timeout=None)
        version = cache.get(key) or 0
    return version


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:
        cache.add(key, time.time_ns(), timeout=None)


def _changed(key: str) -> None:
    # Now, so this request and any later one in this transaction see the change;
    # and again on commit, as a page another request rendered from the rows as
    # they were before the commit may have been stored under the new version.
    _bump(key)
    transaction.on_commit(lambda: _bump(key), robust=True)


def thread_changed(thread_id: int) -> None:
    """Make the thread's cached pages stale, now and once the current transaction commits."""
    _changed(_thread_key(thread_id))


def all_threads_changed() -> None:
    _changed(_ALL)


def is_cacheable(request) -> bool:
    """A visitor with no session and no pending messages sees what every such visitor sees."""
    cookies = request.COOKIES
    return (
        not request.user.is_authenticated
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
    )


def versions(thread_id: int) -> str:
    """The versions a thread's cached pages are keyed on (one cache round trip when set).

    Read them before the thread's rows: a page rendered from rows older than a
    version is then never stored under it.
    """
    keys = (_ALL, _thread_key(thread_id))
    found = cache.get_many(keys)
    return ".".join(str(found[key]) if key in found else str(_version(key)) for key in keys)


def page_key(request, thread_id: int, versions: str) -> str:
    """A visitor's whole page."""
    # The whole address: "Sign in to reply" links back to it.
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"forum:thread-page:{thread_id}:{versions}:{translation.get_language()}:{digest}"


def member_page_key(thread_id: int, versions: str, page: int, audience: str, header: str) -> str:
    """A signed-in reader's shared page (forum/memberpages.py): one per page and audience."""
    language = translation.get_language()
    return f"forum:member-page:{thread_id}:{versions}:{language}:{page}:{audience}:{header}"


def get(key: str) -> bytes | None:
    return cache.get(key)


def put(key: str, content: bytes) -> None:
    cache.set(key, content, CACHE_SECONDS)


def _post_saved(sender, instance, **kwargs):
    thread_changed(instance.thread_id)


def _thread_saved(sender, instance, **kwargs):
    thread_changed(instance.pk)


def _category_saved(sender, instance, **kwargs):
    all_threads_changed()


def connect() -> None:
    """Called from ForumConfig.ready()."""
    from forum.models import Category, Post, Thread

    # An edit saves its post along with the revision, so revisions need no receiver.
    for model, receiver in (
        (Post, _post_saved),
        (Thread, _thread_saved),
        (Category, _category_saved),
    ):
        post_save.connect(receiver, sender=model, dispatch_uid=f"forum.pagecache.{model.__name__}")
        post_delete.connect(
            receiver, sender=model, dispatch_uid=f"forum.pagecache.{model.__name__}.delete"
        )
