"""Every write in the discussions: check permission, validate, write, then tell people."""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.html import strip_tags

from core.markdown import render_markdown
from core.ratelimit import enforce
from core.realtime import broadcast_on_commit, group_name
from core.services import notify
from forum import permissions
from forum.models import (
    Category,
    CategoryWatch,
    ModerationAction,
    ModerationLogEntry,
    Post,
    PostRevision,
    ReadState,
    Report,
    Thread,
    ThreadWatch,
)

MAX_BODY = 20_000
MAX_TITLE = 200
MAX_REASON = 1_000
# A second identical post by the same member within this window is a double submit.
DUPLICATE_WINDOW = timedelta(minutes=10)
# "@" at the start or after a space, then up to four words of a name.
MENTION = re.compile(r"(?<![\w@.])@(\w[\w'’.-]*(?:[ \t]+\w[\w'’.-]*){0,3})")


def thread_group(thread_id: int) -> str:
    return group_name("forum-thread", thread_id)


@dataclass(frozen=True)
class PostResult:
    post: Post
    created: bool


@dataclass(frozen=True)
class ThreadResult:
    thread: Thread
    created: bool


# ---------------------------------------------------------------------------
# Validation helpers


def _clean_body(body: str) -> str:
    body = (body or "").replace("\r\n", "\n").strip()
    if not body:
        raise ValidationError({"body": "Write something before posting."})
    if len(body) > MAX_BODY:
        raise ValidationError(
            {"body": f"A post can be at most {MAX_BODY:,} characters; this one has {len(body):,}."}
        )
    return body


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": "Give the thread a title."})
    if len(title) > MAX_TITLE:
        raise ValidationError({"title": f"A title can be at most {MAX_TITLE} characters."})
    return title


def find_mentions(body: str) -> list:
    """The members named after "@" in the body; ValidationError if a name matches nobody."""
    User = get_user_model()
    tokens = [m.group(1).rstrip(".-'’") for m in MENTION.finditer(body)]
    if not tokens:
        return []
    candidates: dict[str, list[str]] = {}
    for token in tokens:
        words = token.split()
        candidates[token] = [" ".join(words[:n]).lower() for n in range(len(words), 0, -1)]
    wanted = {name for names in candidates.values() for name in names}
    found = {}
    for person in (
        User.objects.annotate(lower_name=Lower("name"))
        .filter(lower_name__in=wanted, is_active=True, status=User.Status.CONFIRMED)
        .order_by("pk")
    ):
        found.setdefault(person.lower_name, person)
    people, unknown = [], []
    for token, names in candidates.items():
        match = next((found[name] for name in names if name in found), None)
        if match is None:
            unknown.append(token.split()[0])
        elif match not in people:
            people.append(match)
    if unknown:
        listed = ", ".join(f"@{name}" for name in unknown)
        raise ValidationError(
            {
                "body": f"No member is called {listed}. Mention someone by their full name "
                "(for example @Olu Officer), or remove the @."
            }
        )
    return people


def quote_markdown(post: Post) -> str:
    """Markdown that quotes a post, for the reply box."""
    lines = post.body.splitlines() or [""]
    quoted = "\n".join(f"> {line}" if line else ">" for line in lines)
    return f"@{post.author.name} wrote:\n\n{quoted}\n\n"


def _plain(html: str) -> str:
    return " ".join(strip_tags(html).split())


def _log(*, actor, action: str, thread=None, post=None, detail: str = "") -> None:
    ModerationLogEntry.objects.create(
        actor=actor, action=action, thread=thread, post=post, detail=detail[:300]
    )


# ---------------------------------------------------------------------------
# Threads and posts


def thread_create(*, category: Category, author, title: str, body: str) -> ThreadResult:
    """Start a thread with its opening post (number 1); a double submit returns the first."""
    if not permissions.can_start_thread(author, category):
        raise PermissionDenied("Only confirmed members can start a discussion here.")
    title = _clean_title(title)
    body = _clean_body(body)
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
            opening_text=_plain(html)[:5000],
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
        _notify_new_post(thread=thread, post=post, mentioned=mentioned, new_thread=True)
    return ThreadResult(thread, created=True)


def post_create(*, thread: Thread, author, body: str) -> PostResult:
    """Reply to a thread. The same body twice in a row from the same member is stored once."""
    if not permissions.can_view_thread(author, thread):
        raise PermissionDenied("You cannot reply to this discussion.")
    if thread.locked and not permissions.is_forum_moderator(author):
        raise ValidationError("This discussion is locked: no more replies can be added.")
    if not permissions.can_reply(author, thread):
        raise PermissionDenied("Only confirmed members can reply.")
    body = _clean_body(body)
    mentioned = find_mentions(body)
    now = timezone.now()
    with transaction.atomic():
        # Locking the thread row gives each post the next number, and makes the
        # duplicate check below safe against two submissions at the same moment.
        thread = Thread.objects.select_for_update().select_related("category").get(pk=thread.pk)
        if thread.locked and not permissions.is_forum_moderator(author):
            raise ValidationError("This discussion is locked: no more replies can be added.")
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
        _mark_read(thread=thread, user=author, number=number, position=post.position)
        _notify_new_post(thread=thread, post=post, mentioned=mentioned, new_thread=False)
        broadcast_on_commit(
            thread_group(thread.pk),
            {"type": "post.created", "thread": thread.pk, "post": post.pk, "number": number},
        )
    return PostResult(post, created=True)


def _notify_new_post(*, thread: Thread, post: Post, mentioned: list, new_thread: bool) -> None:
    author = post.author
    url = thread.url_for_number(post.number)
    readable = [p for p in mentioned if permissions.can_view_thread(p, thread)]
    if readable:
        notify(
            recipients=readable,
            kind="forum.mention",
            title=f"{author.name} mentioned you in “{thread.title}”",
            url=url,
            body=_plain(post.body_html)[:300],
            actor=author,
        )
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
            url=url,
            body=_plain(post.body_html)[:300],
            actor=author,
        )


def post_edit(*, post: Post, user, body: str) -> Post:
    """Change one's own post, keeping the previous version as a revision."""
    if not permissions.can_edit_post(user, post):
        raise PermissionDenied("You can only edit your own posts.")
    body = _clean_body(body)
    if body == post.body:
        return post
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
                opening_text=_plain(post.body_html)[:5000]
            )
        newly = [p for p in mentioned if p.pk not in previously]
        readable = [p for p in newly if permissions.can_view_thread(p, post.thread)]
        if readable:
            notify(
                recipients=readable,
                kind="forum.mention",
                title=f"{user.name} mentioned you in “{post.thread.title}”",
                url=post.get_absolute_url(),
                body=_plain(post.body_html)[:300],
                actor=user,
            )
    return post


def _hide_from_count(post: Post) -> None:
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


def _sync_opening_text(post: Post) -> None:
    """The thread's opening text (feeds and search) follows its opening post's visibility."""
    if post.number != 1:
        return
    text = _plain(post.body_html)[:5000] if post.is_visible else ""
    Thread.objects.filter(pk=post.thread_id).update(opening_text=text)
    post.thread.opening_text = text


def _locked_post(post: Post) -> Post:
    Thread.objects.select_for_update().filter(pk=post.thread_id).first()
    return Post.objects.select_related("thread", "thread__category").get(pk=post.pk)


def post_delete(*, post: Post, user) -> Post:
    """The author removes their post; it shows as deleted and can be restored."""
    with transaction.atomic():
        post = _locked_post(post)
        if post.deleted_at is not None and post.author_id == getattr(user, "pk", None):
            return post
        if not permissions.can_delete_post(user, post):
            raise PermissionDenied("You can only delete your own posts.")
        if post.is_visible:
            _hide_from_count(post)
        post.deleted_at = timezone.now()
        post.save(update_fields=["deleted_at", "position"])
        _sync_opening_text(post)
    return post


def post_hide(*, post: Post, moderator, reason: str = "") -> Post:
    with transaction.atomic():
        post = _locked_post(post)
        if not permissions.can_moderate(moderator) or not permissions.can_view_thread(
            moderator, post.thread
        ):
            raise PermissionDenied("Only moderators can hide posts.")
        if post.hidden_at is not None:
            return post
        if post.is_visible:
            _hide_from_count(post)
        post.hidden_at = timezone.now()
        post.save(update_fields=["hidden_at", "position"])
        _sync_opening_text(post)
        _log(
            actor=moderator,
            action=ModerationAction.HIDE_POST,
            thread=post.thread,
            post=post,
            detail=reason,
        )
    return post


def post_restore(*, post: Post, user) -> Post:
    """Undo a delete (the author or a moderator) or a hide (moderators only)."""
    with transaction.atomic():
        post = _locked_post(post)
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
        _sync_opening_text(post)
        if permissions.is_forum_moderator(user) and post.author_id != user.pk:
            _log(actor=user, action=ModerationAction.RESTORE_POST, thread=post.thread, post=post)
    return post


def thread_mark_answer(*, thread: Thread, post: Post | None, user) -> Thread:
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


# ---------------------------------------------------------------------------
# Reading and watching


_UNKNOWN = object()


def _position_up_to(thread: Thread, number: int) -> int:
    """How many visible posts have a number up to ``number`` (one indexed lookup)."""
    return (
        Post.objects.filter(thread=thread, number__lte=number, position__isnull=False)
        .order_by("-number")
        .values_list("position", flat=True)
        .first()
    ) or 0


def _mark_read(*, thread: Thread, user, number: int, position: int | None = None) -> None:
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
        _mark_read(thread=thread, user=user, number=number, position=position)
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


# ---------------------------------------------------------------------------
# Moderation


def _require_moderator(user, thread: Thread) -> None:
    if not permissions.can_moderate(user) or not permissions.can_view_thread(user, thread):
        raise PermissionDenied("Only moderators can do that.")


def thread_set_pinned(*, thread: Thread, moderator, pinned: bool) -> Thread:
    _require_moderator(moderator, thread)
    with transaction.atomic():
        thread.pinned = pinned
        thread.save(update_fields=["pinned"])
        _log(
            actor=moderator,
            thread=thread,
            action=ModerationAction.PIN if pinned else ModerationAction.UNPIN,
        )
    return thread


def thread_set_locked(*, thread: Thread, moderator, locked: bool) -> Thread:
    _require_moderator(moderator, thread)
    with transaction.atomic():
        thread.locked = locked
        thread.save(update_fields=["locked"])
        _log(
            actor=moderator,
            thread=thread,
            action=ModerationAction.LOCK if locked else ModerationAction.UNLOCK,
        )
    return thread


def thread_set_hidden(*, thread: Thread, moderator, hidden: bool, reason: str = "") -> Thread:
    _require_moderator(moderator, thread)
    with transaction.atomic():
        thread.hidden_at = timezone.now() if hidden else None
        thread.save(update_fields=["hidden_at"])
        _log(
            actor=moderator,
            thread=thread,
            detail=reason,
            action=ModerationAction.HIDE_THREAD if hidden else ModerationAction.SHOW_THREAD,
        )
        broadcast_on_commit(thread_group(thread.pk), {"type": "access.changed"})
    return thread


def thread_move(*, thread: Thread, moderator, category: Category) -> Thread:
    _require_moderator(moderator, thread)
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
        _log(
            actor=moderator,
            thread=thread,
            action=ModerationAction.MOVE,
            detail=f"From {old.name} to {category.name}",
        )
        broadcast_on_commit(thread_group(thread.pk), {"type": "access.changed"})
    return thread


def post_report(*, post: Post, reporter, reason: str) -> Report:
    if not permissions.can_report(reporter, post):
        raise PermissionDenied("You cannot report this post.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say briefly why the moderators should look at this."})
    if len(reason) > MAX_REASON:
        raise ValidationError({"reason": f"Keep the reason under {MAX_REASON:,} characters."})
    enforce(f"forum-report:{reporter.pk}", settings.HUB_POST_RATE)
    with transaction.atomic():
        existing = Report.objects.open().filter(post=post, reporter=reporter).first()
        if existing is not None:
            return existing
        report = Report.objects.create(post=post, reporter=reporter, reason=reason)
    return report


def report_resolve(*, report: Report, moderator, hide_post: bool, outcome: str = "") -> Report:
    _require_moderator(moderator, report.post.thread)
    if report.resolved_at is not None:
        raise ValidationError("This report has already been dealt with.")
    with transaction.atomic():
        if hide_post:
            post_hide(post=report.post, moderator=moderator, reason=f"Report: {report.reason}")
        outcome = outcome.strip() or ("Post hidden" if hide_post else "No action needed")
        now = timezone.now()
        # Every open report on the same post is settled by the same decision.
        Report.objects.open().filter(post=report.post_id).update(
            resolved_at=now, resolved_by=moderator, outcome=outcome[:200]
        )
        report.refresh_from_db()
        _log(
            actor=moderator,
            action=ModerationAction.RESOLVE_REPORT,
            thread=report.post.thread,
            post=report.post,
            detail=outcome,
        )
    return report
