"""Reading a thread: its numbered pages, the new-posts fragment, single posts and their history."""

import functools

from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET

from core import pages
from forum import memberpages, pagecache, permissions
from forum.forms import MoveForm, PostForm
from forum.models import (
    POSTS_PER_PAGE,
    Category,
    Post,
    ReadState,
    Thread,
)
from forum.rendering import PostRenderer
from forum.services.read_state import thread_mark_read
from forum.views.lookups import number_or_400, post_or_404, small_int, thread_or_404

# Where a shared page's posts go (control characters never reach a page otherwise).
_POSTS_SLOT = "\x00posts\x00"


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
    visitor = pagecache.is_cacheable(request)
    shared = not visitor and pages.can_share(request)
    # Read before the rows, so a page is never stored under a version newer than its rows.
    versions = pagecache.versions(pk) if visitor or shared else ""
    # Only what the page shows: the category (for permissions), not the author or answer
    # rows; a member's read state and watch come in the same query.
    threads = Thread.objects.visible_to(user)
    if user.is_authenticated:
        threads = threads.with_reader_state(user)
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
    if visitor:
        key = pagecache.page_key(request, thread.pk, versions)
        content = pagecache.get(key)
        if content is None:
            content = _render_page(request, thread, page, state=None).content
            pagecache.put(key, content)
        return HttpResponse(content)
    if shared:
        return _shared_page(request, thread, page, state=state, versions=versions)
    return _render_page(request, thread, page, state=state)


def _reader(request):
    """The reader's user object itself: the permission checks ask it dozens of questions a
    page, and each would otherwise pass through the lazy ``request.user`` wrapper."""
    user = request.user
    user.is_authenticated  # noqa: B018 - loads the user
    return getattr(user, "_wrapped", user)


def _page_posts(thread: Thread, page: int) -> list[Post]:
    return _fetch_posts(Post.objects.on_page(thread, page).order_by("number"))


def _mark_page_read(thread, user, state, *, number: int, position: int | None) -> None:
    if number:
        thread_mark_read(thread=thread, user=user, number=number, position=position, state=state)


def _render_page(request, thread: Thread, page: int, *, state: ReadState | None):
    user = _reader(request)
    posts = _page_posts(thread, page)
    unread_after = None
    if user.is_authenticated:
        unread_after = state.last_read_number if state is not None else 0
    decorate_posts(user, thread, posts, unread_after=unread_after)
    last_number = posts[-1].number if posts else 0
    _mark_page_read(thread, user, state, number=last_number, position=_last_position(posts))
    context = _page_context(user, thread, page, last_number=last_number)
    context["posts_html"] = _posts_html(
        request,
        thread,
        posts,
        form_allowed=context["form"] is not None,
        is_moderator=context["is_moderator"],
    )
    if not user.is_authenticated:
        # Nothing on a visitor's page posts, and its HTML may be served to
        # other visitors (forum/pagecache.py): no CSRF token on it.
        context["csrf_token"] = ""
    return render(request, "forum/thread_detail.html", context)


def _page_context(user, thread: Thread, page: int, *, last_number: int) -> dict:
    """Everything the page shows around its posts."""
    pages_above = pages_below = ""
    if thread.num_pages > 1:
        pages_above, pages_below = _page_links(page, thread.num_pages)
    is_mod = permissions.can_moderate(user)
    can_reply = permissions.can_reply(user, thread)
    return {
        "thread": thread,
        "category": thread.category,
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
        "last_number_shown": last_number,
        "is_last_page": page == thread.num_pages,
    }


def _shared_page(request, thread: Thread, page: int, *, state: ReadState | None, versions: str):
    """A signed-in reader's page: their audience's shared page, filled in for them
    (forum/memberpages.py); rendered and cached when their audience has none yet."""
    user = _reader(request)
    watching = getattr(thread, "is_watched", False)
    key = pagecache.member_page_key(
        thread.pk,
        versions,
        page,
        memberpages.audience(user, thread, watching=watching),
        pages.header_variant(request),
    )
    shared = pagecache.get(key)
    if shared is None:
        shared = _render_shared_page(request, thread, page)
        pagecache.put(key, shared)
    _mark_page_read(thread, user, state, number=shared.last_number, position=shared.last_position)
    unread_after = state.last_read_number if state is not None else 0
    html = shared.fill(reader_pk=user.pk, unread_after=unread_after)
    return HttpResponse(pages.fill(request, html))


def _render_shared_page(request, thread: Thread, page: int) -> memberpages.SharedPage:
    """The page as every reader of this one's audience sees it, each post also as its author
    sees it, with slots for what differs between them."""
    user = _reader(request)
    posts = _page_posts(thread, page)
    last_number = posts[-1].number if posts else 0
    context = _page_context(user, thread, page, last_number=last_number)
    renderer_options = {
        "thread": thread,
        "csrf_token": pages.CSRF_SLOT,
        "form_allowed": context["form"] is not None,
        "can_mark_answer": context["can_mark_answer"],
        "is_moderator": context["is_moderator"],
        "unread_slots": True,
    }
    # Someone of the reader's roles who wrote none of the posts...
    others = memberpages.stand_in(user, None)
    decorate_posts(others, thread, posts, unread_after=None)
    as_others = [
        memberpages.pieces(html)
        for html in map(PostRenderer(user=others, **renderer_options).post, posts)
    ]
    # ...and each post as its author would see it, were they of the reader's roles.
    authors = {}
    shared_posts = []
    for post, theirs in zip(posts, as_others, strict=True):
        author = authors.get(post.author_id)
        if author is None:
            stand_in = memberpages.stand_in(user, post.author_id)
            author = authors[post.author_id] = (
                stand_in,
                PostRenderer(user=stand_in, **renderer_options),
            )
        decorate_posts(author[0], thread, [post], unread_after=None)
        own = memberpages.pieces(author[1].post(post))
        shared_posts.append(
            memberpages.SharedPost(
                number=post.number,
                author_id=post.author_id,
                others=theirs,
                own=None if own == theirs else own,
            )
        )
    context["posts_html"] = mark_safe(_POSTS_SLOT)  # noqa: S308 - a slot
    html = pages.render_shared(request, "forum/thread_detail.html", context)
    head, _, tail = html.partition(_POSTS_SLOT)
    return memberpages.SharedPage(
        head=head,
        posts=tuple(shared_posts),
        tail=tail,
        last_number=last_number,
        last_position=_last_position(posts),
    )


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
