"""Reading a thread: its numbered pages, the new-posts fragment, single posts and their history."""

import functools

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Subquery, prefetch_related_objects
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


@functools.lru_cache(maxsize=4096)
def _page_links(page: int, num_pages: int) -> tuple[SafeString, SafeString]:
    """The page links above and below the posts: the same for every reader of that page."""
    # The paginator only numbers the pages: one item a page.
    pages = Paginator(range(num_pages), 1)
    context = {
        "page_number": page,
        "num_pages": num_pages,
        "page_range": list(pages.get_elided_page_range(page, on_each_side=2, on_ends=1)),
        "ellipsis": Paginator.ELLIPSIS,
    }
    return tuple(
        render_to_string("forum/includes/thread_pages.html", {**context, "label": label})
        for label in ("Pages of this discussion", "Pages of this discussion, again")
    )


@functools.cache
def _blank_reply_fields() -> SafeString:
    """The empty reply form's fields: the same for every reader, so rendered once a process."""
    return render_to_string("includes/form_fields.html", {"form": PostForm()})


def _fetch_posts(queryset) -> list[Post]:
    """The posts with their authors and, for edited posts, their earlier versions.

    The plain-text body is for search and editing; pages show body_html.
    Revisions exist only for edited posts, so most pages need no query for them.
    """
    posts = list(queryset.select_related("author", "author__organisation").defer("body"))
    edited = [post for post in posts if post.edited_at]
    if edited:
        prefetch_related_objects(edited, "revisions")
    return posts


def _posts_html(request, thread: Thread, posts, *, form_allowed: bool, is_moderator: bool):
    user = _reader(request)
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
    user = _reader(request)
    # Only what the page shows: the category (for permissions), not the author or answer
    # rows; a member's read state and watch come in the same query.
    threads = Thread.objects.visible_to(user)
    if user.is_authenticated:
        states = ReadState.objects.filter(user=user, thread=OuterRef("pk"))
        threads = threads.annotate(
            state_pk=Subquery(states.values("pk")[:1]),
            state_last_read=Subquery(states.values("last_read_number")[:1]),
            is_watched=Exists(ThreadWatch.objects.filter(user=user, thread=OuterRef("pk"))),
        )
    thread = get_object_or_404(threads, pk=pk)
    state = None
    if getattr(thread, "state_pk", None) is not None:
        state = ReadState(
            pk=thread.state_pk, user=user, thread=thread, last_read_number=thread.state_last_read
        )
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


def _reader(request):
    """The reader's user object itself: the permission checks ask it dozens of questions a
    page, and each would otherwise pass through the lazy ``request.user`` wrapper."""
    user = request.user
    user.is_authenticated  # noqa: B018 - loads the user
    return getattr(user, "_wrapped", user)


def _render_page(request, thread: Thread, page: int, *, state: ReadState | None):
    user = _reader(request)
    posts = _fetch_posts(Post.objects.on_page(thread, page).order_by("number"))
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
    pages_above = pages_below = ""
    if thread.num_pages > 1:
        pages_above, pages_below = _page_links(page, thread.num_pages)
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
        "pages_above": pages_above,
        "pages_below": pages_below,
        "form": PostForm() if can_reply else None,
        "reply_fields": _blank_reply_fields() if can_reply else "",
        "watching": getattr(thread, "is_watched", False),
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
    posts = _fetch_posts(
        Post.objects.filter(thread=thread, number__gt=after).order_by("number")[:POSTS_PER_PAGE]
    )
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
