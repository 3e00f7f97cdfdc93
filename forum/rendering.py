"""The HTML of a page of posts, built in Python rather than by a template include per post.

A thread page shows 20 posts; through ``{% include %}`` each cost about a
hundred template nodes, URL reversals and date filters, which was about half of
the page's time. Here each post is a few string joins:

- the post's body HTML is stored on the post when it is written (``body_html``);
- addresses are reversed once a page and filled in per post;
- what depends on the reader (the author's profile link, removed text shown
  to moderators and authors, "New", the action buttons) comes from
  ``decorate_posts``, which asks ``forum.permissions`` for each post.

The markup is the one ``templates/forum/includes/post.html`` had. With
``unread_slots`` the "New" class and tag are left as slots (UNREAD_CLASS_SLOT,
UNREAD_TAG_SLOT), for a page shared by many members and filled per reader
(forum/memberpages.py).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from members.permissions import can_view_profile

# Reversed once with this number, then the number replaced by each post's pk.
_SENTINEL = 987654321

# What marks an unread post, and the slots left for them in a shared page. Control
# characters never reach a page otherwise (core.validators; escaping keeps them).
UNREAD_CLASS = " forum-post--unread"
UNREAD_TAG = ' · <span class="tag forum-tag-new">New</span>'
UNREAD_CLASS_SLOT = "\x00unread-class\x00"
UNREAD_TAG_SLOT = "\x00unread-tag\x00"


class _Urls:
    """The forum's per-post addresses, reversed once per page."""

    def __init__(self):
        self._patterns = {}

    def __call__(self, name: str, pk: int) -> str:
        pattern = self._patterns.get(name)
        if pattern is None:
            pattern = self._patterns[name] = reverse(name, args=[_SENTINEL])
        return pattern.replace(str(_SENTINEL), str(pk), 1)


def _dates(value, months: dict[int, str]) -> tuple[str, str]:
    """``value|date:'c'`` and ``value|date:"j F Y, H:i"``, in the current time zone.

    ``months`` holds the month names already translated for this page.
    """
    local = timezone.localtime(value)
    month = months.get(local.month)
    if month is None:
        month = months[local.month] = str(MONTHS[local.month])
    # Whole seconds: the HTML datetime attribute allows at most three decimals.
    stamp = local.replace(microsecond=0).isoformat()
    return stamp, f"{local.day} {month} {local.year}, {local:%H:%M}"


class PostRenderer:
    """Renders decorated posts (``forum.views.threads.decorate_posts``) for one reader and page."""

    def __init__(
        self,
        *,
        user,
        thread,
        csrf_token: str,
        form_allowed: bool,
        can_mark_answer: bool,
        is_moderator: bool,
        unread_slots: bool = False,
    ):
        self.user = user
        self.unread_slots = unread_slots
        self.signed_in = bool(getattr(user, "is_authenticated", False))
        self.thread = thread
        self.form_allowed = form_allowed
        self.can_mark_answer = can_mark_answer
        self.is_moderator = is_moderator
        self.url = _Urls()
        token = escape(csrf_token)
        self._csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
        self._people: dict[int, str] = {}
        self._months: dict[int, str] = {}

    def person(self, person) -> str:
        """The author's name, linked to their profile when this reader may open it."""
        html = self._people.get(person.pk)
        if html is None:
            name = escape(str(person))
            if can_view_profile(self.user, person):
                href = reverse("members:profile", args=[person.pk])
                html = f'<a href="{escape(href)}" class="person-link">{name}</a>'
            else:
                html = name
            self._people[person.pk] = html
        return html

    def _post_form(self, name: str, pk: int, label: str, number: int) -> str:
        return (
            f'<li><form method="post" action="{self.url(name, pk)}" class="inline-form">'
            f'{self._csrf}<button type="submit" class="link-button">{label}'
            f'<span class="visually-hidden"> post #{number}</span></button></form></li>'
        )

    def _actions(self, post) -> str:
        n = post.number
        visible = post.is_visible
        thread = self.thread
        items = []
        if visible and self.form_allowed:
            items.append(
                f'<li><a href="{self.url("forum:reply", thread.pk)}?quote={post.pk}">Quote'
                f'<span class="visually-hidden"> post #{n}</span></a></li>'
            )
        if post.can_edit:
            items.append(
                f'<li><a href="{self.url("forum:post_edit", post.pk)}">Edit'
                f'<span class="visually-hidden"> post #{n}</span></a></li>'
            )
        if post.can_delete:
            items.append(self._post_form("forum:post_delete", post.pk, "Delete", n))
        if post.can_restore:
            items.append(self._post_form("forum:post_restore", post.pk, "Restore", n))
        if self.is_moderator and visible:
            items.append(self._post_form("forum:post_hide", post.pk, "Hide", n))
        if self.can_mark_answer and visible and n > 1:
            action = self.url("forum:thread_answer", thread.pk)
            if thread.answer_id == post.pk:
                inner = (
                    '<input type="hidden" name="post" value="">'
                    '<button type="submit" class="link-button">Unmark answer</button>'
                )
            else:
                inner = (
                    f'<input type="hidden" name="post" value="{post.pk}">'
                    '<button type="submit" class="link-button">Mark as the answer'
                    f'<span class="visually-hidden"> (post #{n})</span></button>'
                )
            items.append(
                f'<li><form method="post" action="{action}" class="inline-form">'
                f"{self._csrf}{inner}</form></li>"
            )
        if post.can_report and visible:
            items.append(
                f'<li><a href="{self.url("forum:post_report", post.pk)}">Report'
                f'<span class="visually-hidden"> post #{n}</span></a></li>'
            )
        return f'<ul class="forum-post__actions">{"".join(items)}</ul>'

    def _history(self, post) -> str:
        history = post.history
        count = len(history)
        iso, shown = _dates(post.edited_at, self._months) if post.edited_at else ("", "")
        items = []
        for revision in history:
            r_iso, r_shown = _dates(revision.written_at, self._months)
            items.append(
                f'<li><p class="meta">Written <time datetime="{r_iso}">{r_shown}</time></p>'
                f'<div class="prose">{revision.body_html}</div></li>'
            )
        plural = "" if count == 1 else "s"
        return (
            f'<details class="forum-post__history"><summary>Edited {count} time{plural}, last '
            f'<time datetime="{iso}">{shown}</time>: earlier versions</summary>'
            f"<ol reversed>{''.join(items)}</ol></details>"
        )

    def post(self, post) -> str:
        n = post.number
        thread = self.thread
        is_answer = thread.answer_id == post.pk
        if self.unread_slots:
            unread_class, unread_tag = UNREAD_CLASS_SLOT, UNREAD_TAG_SLOT
        elif post.is_unread:
            unread_class, unread_tag = UNREAD_CLASS, UNREAD_TAG
        else:
            unread_class = unread_tag = ""
        classes = "forum-post" + unread_class
        if is_answer:
            classes += " forum-post--answer"
        if post.show_body or post.is_visible:
            heading = self.person(post.author)
        else:
            heading = f"Post #{n}"
        organisation = post.author.organisation if post.show_body else None
        if organisation is not None:
            heading += f'<span class="forum-post__org">, {escape(organisation.name)}</span>'
        iso, shown = _dates(post.created_at, self._months)
        tags = unread_tag
        if is_answer:
            tags += ' · <span class="tag forum-tag-answer">Answer</span>'
        if post.is_visible:
            body = f'<div class="prose forum-post__body">{post.body_html}</div>'
            if post.history:
                body += self._history(post)
        else:
            notice = (
                "This post was hidden by a moderator."
                if post.hidden_at
                else "This post was deleted by its author."
            )
            body = f'<p class="forum-post__gone"><em>{notice}</em></p>'
            if post.show_body:
                who = "a moderator" if self.is_moderator else "its author"
                body += (
                    '<details class="forum-post__hidden-body"><summary>Show the removed text '
                    f'(you can see it as {who})</summary><div class="prose">{post.body_html}</div>'
                    "</details>"
                )
        actions = self._actions(post) if self.signed_in else ""
        return (
            f'<article class="{classes}" id="post-{n}" data-number="{n}" '
            f'aria-labelledby="post-{n}-heading">'
            f'<header class="forum-post__header"><h3 id="post-{n}-heading" '
            f'class="forum-post__author">{heading}</h3>'
            f'<p class="meta"><a href="{self.url("forum:post", post.pk)}">#{n}'
            f'<span class="visually-hidden"> (link to this post)</span></a> · '
            f'<time datetime="{iso}">{shown}</time>{tags}</p></header>'
            f"{body}{actions}</article>\n"
        )

    def posts(self, posts) -> SafeString:
        # body_html is rendered from Markdown and sanitised when the post is written.
        return mark_safe("".join(self.post(post) for post in posts))  # noqa: S308


def thread_rows(user, threads, *, show_category: bool = False) -> SafeString:
    """Rows of a list of threads (a category, the latest discussions, search results).

    Threads need ``with_read_state(user)`` for the unread counts, and their
    author (and, with ``show_category``, their category) selected.
    """
    signed_in = bool(getattr(user, "is_authenticated", False))
    people = PostRenderer(
        user=user,
        thread=None,
        csrf_token="",
        form_allowed=False,
        can_mark_answer=False,
        is_moderator=False,
    )
    months: dict[int, str] = {}
    rows = []
    for thread in threads:
        url = escape(thread.get_absolute_url())
        tags = "".join(
            f'<span class="tag">{label}</span> '
            for shown, label in (
                (thread.pinned, "Pinned"),
                (thread.locked, "Locked"),
                (thread.answer_id, "Answered"),
                (thread.hidden_at, "Hidden"),
            )
            if shown
        )
        where = ""
        if show_category:
            category = thread.category
            where = (
                f'In <a href="{escape(category.get_absolute_url())}">{escape(category.name)}</a> · '
            )
        replies = thread.reply_count
        iso, shown = _dates(thread.last_post_at, months)
        unread = ""
        if signed_in:
            if thread.read_count is None:
                unread = ' · <strong class="forum-unread">New</strong>'
            elif thread.unread_count:
                unread = (
                    f' · <a class="forum-unread" href="{url}">'
                    f"<strong>{thread.unread_count} unread</strong></a>"
                )
        pinned = " forum-thread--pinned" if thread.pinned else ""
        rows.append(
            f'<li class="forum-thread{pinned}" data-thread="{thread.pk}">'
            f'<h3 class="forum-thread__title"><a href="{url}">{escape(thread.title)}</a></h3>'
            f'<p class="meta">{tags}{where}Started by {people.person(thread.author)} · '
            f"{replies} repl{'y' if replies == 1 else 'ies'} · last post "
            f'<time datetime="{iso}">{shown.split(",")[0]}</time>{unread}</p></li>\n'
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value above is escaped
