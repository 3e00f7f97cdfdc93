"""Reading a thread: its numbered pages, the new-posts fragment, single posts and their history."""

import functools

from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET

from forum import pagecache, permissions
from forum.forms import MoveForm, PostForm
from forum.models import (
    POSTS_PER_PAGE,
    Category,
    Post,
    ReadState,
    Thread,
    ThreadWatch,
)
from forum.rendering import PostRenderer
from forum.services.read_state import thread_mark_read
from forum.views.lookups import number_or_400, post_or_404, small_int, thread_or_404


def decorate_posts(user, thread: Thread, posts, *, unread_after: int | None) -> None:
    """Set up posts for the templates: what this reader may see and do with each.

    Posts numbered above ``unread_after`` are marked unread; None marks none.
    """
    for post in posts:
        post.thread = thread
        # Only an edit keeps a revision (and sets edited_at): unedited posts need no lookup.
        post.history = list(post.revisions.all()) if post.edited_at else []
        post.show_body = permissions.can_view_post_body(user, post)
        post.can_edit = permissions.can_edit_post(user, post)
        post.can_delete = permissions.can_delete_post(user, post)
        post.can_restore = permissions.can_restore_post(user, post)
        post.can_report = permissions.can_report(user, post)
        post.is_unread = unread_after is not None and post.number > unread_after


@functools.cache
def _blank_reply_fields() -> SafeString:
    """The empty reply form's fields: the same for every reader, so rendered once a process."""
    return render_to_string("includes/form_fields.html", {"form": PostForm()})


def _with_authors(posts):
    # The plain-text body is for search and editing; pages show body_html.
    return posts.select_related("author", "author__organisation").defer("body")


def _fetch_history(posts) -> None:
    """Earlier versions of the edited posts among ``posts``: one query, or none if none was."""
    edited = [post for post in posts if post.edited_at]
    if edited:
        prefetch_related_objects(edited, "revisions")


def _posts_html(request, thread: Thread, posts, *, form_allowed: bool, is_moderator: bool):
    user = request.user
    return PostRenderer(
        user=user,
        thread=thread,
        csrf_token=get_token(request) if user.is_authenticated else "",
        form_allowed=form_allowed,
        can_mark_answer=permissions.can_mark_answer(user, thread),
        is_moderator=is_moderator,
    ).posts(posts)


def _page_number(request, thread: Thread) -> int | None:
    """The page asked for, kept within the thread; None when no page was asked for."""
    raw = request.GET.get("page")
    if raw is None:
        return None
    if raw == "last":
        return thread.num_pages
    return min(max(small_int(raw) or 1, 1), thread.num_pages)


def _last_position(posts) -> int | None:
    """Position of the last visible post shown (None: nothing visible on the page)."""
    return next((p.position for p in reversed(posts) if p.position is not None), None)


@require_GET
def thread_detail(request, pk: int, slug: str | None = None):
    # Only what the page shows: the category (for permissions), not the author or answer rows.
    thread = get_object_or_404(Thread.objects.visible_to(request.user), pk=pk)
    user = request.user
    state = None
    if user.is_authenticated:
        state = ReadState.objects.filter(user=user, thread=thread).first()
    page = _page_number(request, thread)
    if page is None:
        # Opening a thread jumps to the first reply I have not read.
        if state is not None and state.last_read_number < thread.last_number:
            return redirect(thread.url_for_number(state.last_read_number + 1))
        if slug != thread.slug:
            return redirect(thread.get_absolute_url())
        page = 1
    if pagecache.is_cacheable(request):
        key = pagecache.page_key(request, thread.pk)
        content = pagecache.get(key)
        if content is None:
            content = _render_page(request, thread, page, state=None).content
            pagecache.put(key, content)
        return HttpResponse(content)
    return _render_page(request, thread, page, state=state)


def _render_page(request, thread: Thread, page: int, *, state: ReadState | None):
    user = request.user
    posts = list(_with_authors(Post.objects.on_page(thread, page)).order_by("number"))
    _fetch_history(posts)
    unread_after = None
    if user.is_authenticated:
        unread_after = state.last_read_number if state is not None else 0
    decorate_posts(user, thread, posts, unread_after=unread_after)
    if posts:
        thread_mark_read(
            thread=thread,
            user=user,
            number=posts[-1].number,
            position=_last_position(posts),
            state=state,
        )
    # Pages are ranges of post numbers, so the paginator counts a range, not rows.
    pages = Paginator(range(thread.last_number), POSTS_PER_PAGE)
    is_mod = permissions.can_moderate(user)
    can_reply = permissions.can_reply(user, thread)
    context = {
        "thread": thread,
        "category": thread.category,
        "posts_html": _posts_html(
            request, thread, posts, form_allowed=can_reply, is_moderator=is_mod
        ),
        "page_number": page,
        "num_pages": thread.num_pages,
        "page_range": list(pages.get_elided_page_range(page, on_each_side=2, on_ends=1)),
        "ellipsis": Paginator.ELLIPSIS,
        "form": PostForm() if can_reply else None,
        "reply_fields": _blank_reply_fields() if can_reply else "",
        "watching": user.is_authenticated
        and ThreadWatch.objects.filter(user=user, thread=thread).exists(),
        "can_watch": permissions.can_watch(user),
        "can_mark_answer": permissions.can_mark_answer(user, thread),
        "is_moderator": is_mod,
        "move_form": MoveForm(categories=Category.objects.visible_to(user)) if is_mod else None,
        "last_number_shown": posts[-1].number if posts else 0,
        "is_last_page": page == thread.num_pages,
    }
    if not user.is_authenticated:
        # Nothing on a visitor's page posts, and its HTML may be served to
        # other visitors (forum/pagecache.py): no CSRF token on it.
        context["csrf_token"] = ""
    return render(request, "forum/thread_detail.html", context)


@require_GET
def thread_posts_after(request, pk: int):
    """Rendered posts after a number, for the "N new replies" banner (HTML fragment)."""
    thread = thread_or_404(request, pk)
    after = number_or_400(request.GET.get("after", "0"), name="after")
    posts = list(
        _with_authors(Post.objects.filter(thread=thread, number__gt=after)).order_by("number")[
            :POSTS_PER_PAGE
        ]
    )
    _fetch_history(posts)
    user = request.user
    decorate_posts(user, thread, posts, unread_after=0)
    if posts:
        thread_mark_read(thread=thread, user=user, number=posts[-1].number)
    html = _posts_html(
        request,
        thread,
        posts,
        form_allowed=permissions.can_reply(user, thread),
        is_moderator=permissions.can_moderate(user),
    )
    return HttpResponse(html)


@require_GET
def thread_redirect(request, pk: int):
    thread = thread_or_404(request, pk)
    return redirect(thread.get_absolute_url())


@require_GET
def post_redirect(request, pk: int):
    post = post_or_404(request, pk)
    return redirect(post.get_absolute_url())


@require_GET
def post_history(request, pk: int):
    post = post_or_404(request, pk)
    if not permissions.can_view_post_body(request.user, post):
        raise Http404
    revisions = post.revisions.select_related("replaced_by")
    return render(request, "forum/post_history.html", {"post": post, "revisions": revisions})
