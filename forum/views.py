"""Thin views over forum.services and the querysets in forum.models."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.db.models.functions import Lower
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from core.ratelimit import RateLimited
from forum import permissions, services
from forum.forms import MoveForm, PostForm, ReportForm, ThreadForm
from forum.models import (
    POSTS_PER_PAGE,
    Category,
    ModerationLogEntry,
    Post,
    PostRevision,
    ReadState,
    Report,
    Thread,
    ThreadWatch,
)

THREADS_PER_PAGE = 30


def _forbidden(request, message: str):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "forum/forbidden.html", {"message": message}, status=403)


def _errors_to_form(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _category_or_404(request, slug: str) -> Category:
    return get_object_or_404(Category.objects.visible_to(request.user), slug=slug)


def _thread_or_404(request, pk: int) -> Thread:
    return get_object_or_404(
        Thread.objects.visible_to(request.user).select_related("author", "answer"), pk=pk
    )


def _post_or_404(request, pk: int) -> Post:
    post = get_object_or_404(
        Post.objects.select_related("thread", "thread__category", "author"), pk=pk
    )
    if not permissions.can_view_thread(request.user, post.thread):
        raise Http404
    return post


# ---------------------------------------------------------------------------
# Reading


@require_GET
def category_list(request):
    categories = list(
        Category.objects.visible_to(request.user).with_shown_thread_count(request.user)
    )
    recent = list(
        Thread.objects.visible_to(request.user)
        .with_read_state(request.user)
        .select_related("author", "last_poster")
        .order_by("-last_post_at", "-pk")[:10]
    )
    return render(
        request,
        "forum/category_list.html",
        {
            "categories": categories,
            "recent": recent,
            "is_moderator": permissions.can_moderate(request.user),
        },
    )


@require_GET
def category_detail(request, slug: str):
    category = _category_or_404(request, slug)
    threads = (
        Thread.objects.visible_to(request.user)
        .filter(category=category)
        .with_read_state(request.user)
        .for_list()
    )
    page = Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))
    watching = request.user.is_authenticated and category.watches.filter(user=request.user).exists()
    return render(
        request,
        "forum/category_detail.html",
        {
            "category": category,
            "page": page,
            "watching": watching,
            "can_start": permissions.can_start_thread(request.user, category),
        },
    )


def _decorate_posts(user, thread: Thread, posts, *, unread_after: int | None) -> None:
    """Set up posts for the templates: what this reader may see and do with each.

    Posts numbered above ``unread_after`` are marked unread; None marks none.
    """
    for post in posts:
        post.thread = thread
        post.history = list(post.revisions.all())
        post.show_body = permissions.can_view_post_body(user, post)
        post.can_edit = permissions.can_edit_post(user, post)
        post.can_delete = permissions.can_delete_post(user, post)
        post.can_restore = permissions.can_restore_post(user, post)
        post.can_report = permissions.can_report(user, post)
        post.is_unread = unread_after is not None and post.number > unread_after


def _page_number(request, thread: Thread) -> int | None:
    raw = request.GET.get("page")
    if raw is None:
        return None
    if raw == "last":
        return thread.num_pages
    try:
        number = int(raw)
    except ValueError:
        return 1
    return min(max(number, 1), thread.num_pages)


@require_GET
def thread_detail(request, pk: int, slug: str | None = None):
    thread = _thread_or_404(request, pk)
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
    posts = list(
        Post.objects.on_page(thread, page)
        .select_related("author", "author__organisation")
        .prefetch_related(
            Prefetch(
                "revisions",
                queryset=PostRevision.objects.select_related("replaced_by"),
            )
        )
        .order_by("number")
    )
    unread_after = None
    if user.is_authenticated:
        unread_after = state.last_read_number if state is not None else 0
    _decorate_posts(user, thread, posts, unread_after=unread_after)
    if posts:
        services.thread_mark_read(
            thread=thread,
            user=user,
            number=posts[-1].number,
            position=_last_position(posts),
            state=state,
        )
    is_mod = permissions.can_moderate(user)
    context = {
        "thread": thread,
        "category": thread.category,
        "posts": posts,
        "page_number": page,
        "num_pages": thread.num_pages,
        "page_range": _page_links(page, thread.num_pages),
        "form": PostForm() if permissions.can_reply(user, thread) else None,
        "watching": user.is_authenticated
        and ThreadWatch.objects.filter(user=user, thread=thread).exists(),
        "can_watch": permissions.can_watch(user),
        "can_mark_answer": permissions.can_mark_answer(user, thread),
        "is_moderator": is_mod,
        "move_form": MoveForm(categories=Category.objects.visible_to(user)) if is_mod else None,
        "last_number_shown": posts[-1].number if posts else 0,
        "is_last_page": page == thread.num_pages,
    }
    return render(request, "forum/thread_detail.html", context)


def _last_position(posts) -> int | None:
    """Position of the last visible post shown (None: nothing visible on the page)."""
    return next((p.position for p in reversed(posts) if p.position is not None), None)


def _page_links(current: int, total: int) -> list[int | None]:
    """Page numbers to link: the first, the last and two either side (None is a gap)."""
    wanted = {1, total, *range(current - 2, current + 3)}
    pages, previous = [], 0
    for number in sorted(n for n in wanted if 1 <= n <= total):
        if number - previous > 1:
            pages.append(None)
        pages.append(number)
        previous = number
    return pages


@require_GET
def thread_posts_after(request, pk: int):
    """Rendered posts after a number, for the "N new replies" banner (HTML fragment)."""
    thread = _thread_or_404(request, pk)
    try:
        after = max(int(request.GET.get("after", "0")), 0)
    except ValueError:
        return HttpResponseBadRequest("after must be a post number.")
    posts = list(
        Post.objects.filter(thread=thread, number__gt=after)
        .select_related("author", "author__organisation")
        .prefetch_related(
            Prefetch("revisions", queryset=PostRevision.objects.select_related("replaced_by"))
        )
        .order_by("number")[:POSTS_PER_PAGE]
    )
    user = request.user
    _decorate_posts(user, thread, posts, unread_after=0)
    if posts:
        services.thread_mark_read(thread=thread, user=user, number=posts[-1].number)
    return render(
        request,
        "forum/includes/post_list.html",
        {
            "posts": posts,
            "thread": thread,
            "can_mark_answer": permissions.can_mark_answer(user, thread),
            "is_moderator": permissions.can_moderate(user),
            "form_allowed": permissions.can_reply(user, thread),
        },
    )


@require_GET
def thread_redirect(request, pk: int):
    thread = _thread_or_404(request, pk)
    return redirect(thread.get_absolute_url())


@require_GET
def post_redirect(request, pk: int):
    post = _post_or_404(request, pk)
    return redirect(post.get_absolute_url())


@require_GET
def post_history(request, pk: int):
    post = _post_or_404(request, pk)
    if not permissions.can_view_post_body(request.user, post):
        raise Http404
    revisions = post.revisions.select_related("replaced_by")
    return render(request, "forum/post_history.html", {"post": post, "revisions": revisions})


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = []
    if query:
        results = list(
            Thread.objects.visible_to(request.user)
            .search(query)
            .with_read_state(request.user)
            .select_related("author")
            .order_by("-last_post_at")[:50]
        )
    return render(request, "forum/search.html", {"query": query, "results": results})


@require_GET
def member_autocomplete(request):
    """Members whose name starts with q, for @mentions. Members only."""
    if not permissions.can_watch(request.user):
        return JsonResponse({"error": "Sign in as a member to mention people."}, status=403)
    query = " ".join(request.GET.get("q", "").split())[:60]
    if len(query) < 1:
        return JsonResponse({"results": []})
    User = get_user_model()
    people = (
        User.objects.filter(is_active=True, status=User.Status.CONFIRMED)
        .annotate(lower_name=Lower("name"))
        .filter(lower_name__startswith=query.lower())
        .select_related("organisation")
        .order_by("name")[:8]
    )
    return JsonResponse(
        {
            "results": [
                {
                    "name": person.name,
                    "organisation": person.organisation.name if person.organisation else "",
                }
                for person in people
            ]
        }
    )


# ---------------------------------------------------------------------------
# Writing


def thread_create(request, slug: str):
    category = _category_or_404(request, slug)
    if not permissions.can_start_thread(request.user, category):
        return _forbidden(request, "Only confirmed members can start a discussion.")
    form = ThreadForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                result = services.thread_create(
                    category=category,
                    author=request.user,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                )
            except ValidationError as error:
                _errors_to_form(form, error)
            except RateLimited as error:
                form.add_error(None, error.message)
                status = 429
            else:
                return redirect(result.thread.get_absolute_url())
        if status == 200:
            status = 400
    return render(
        request, "forum/thread_form.html", {"category": category, "form": form}, status=status
    )


def post_create(request, pk: int):
    thread = _thread_or_404(request, pk)
    if request.method == "GET":
        if not permissions.can_reply(request.user, thread):
            return _forbidden(request, "You cannot reply to this discussion.")
        initial = {}
        quote_id = request.GET.get("quote", "")
        if quote_id.isdigit():
            quoted = (
                Post.objects.filter(pk=int(quote_id), thread=thread)
                .select_related("author")
                .first()
            )
            if quoted is not None and quoted.is_visible:
                initial["body"] = services.quote_markdown(quoted)
        return render(
            request, "forum/post_form.html", {"thread": thread, "form": PostForm(initial=initial)}
        )
    if request.method != "POST":
        return HttpResponseBadRequest("Use the reply form.")
    form = PostForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            result = services.post_create(
                thread=thread, author=request.user, body=form.cleaned_data["body"]
            )
        except PermissionDenied as error:
            return _forbidden(request, str(error) or "You cannot reply here.")
        except ValidationError as error:
            _errors_to_form(form, error)
        except RateLimited as error:
            form.add_error(None, error.message)
            status = 429
        else:
            if not result.created:
                messages.info(request, "That reply was already posted, so it is shown once.")
            return redirect(result.post.get_absolute_url())
    return render(request, "forum/post_form.html", {"thread": thread, "form": form}, status=status)


def post_edit(request, pk: int):
    post = _post_or_404(request, pk)
    if not permissions.can_edit_post(request.user, post):
        return _forbidden(request, "You can only edit your own posts.")
    form = PostForm(request.POST or None, initial={"body": post.body})
    form.fields["body"].label = "Your post"
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.post_edit(post=post, user=request.user, body=form.cleaned_data["body"])
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, "Your post was updated; the earlier version is kept.")
                return redirect(post.get_absolute_url())
    return render(request, "forum/post_edit.html", {"post": post, "form": form}, status=status)


def _post_action(request, pk: int, action):
    post = _post_or_404(request, pk)
    try:
        message = action(post)
    except PermissionDenied as error:
        return _forbidden(request, str(error) or "You cannot do that.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(post.get_absolute_url())
    if message:
        messages.success(request, message)
    return redirect(post.get_absolute_url())


@require_POST
def post_delete(request, pk: int):
    def act(post):
        services.post_delete(post=post, user=request.user)
        return "Your post was deleted. You can restore it from the same place."

    return _post_action(request, pk, act)


@require_POST
def post_restore(request, pk: int):
    def act(post):
        services.post_restore(post=post, user=request.user)
        return "The post was restored."

    return _post_action(request, pk, act)


@require_POST
def post_hide(request, pk: int):
    def act(post):
        services.post_hide(post=post, moderator=request.user, reason=request.POST.get("reason", ""))
        return "The post is hidden from members."

    return _post_action(request, pk, act)


@require_POST
def thread_answer(request, pk: int):
    thread = _thread_or_404(request, pk)
    post = None
    raw = request.POST.get("post", "")
    if raw.isdigit():
        post = Post.objects.filter(pk=int(raw)).first()
        if post is None:
            messages.error(request, "That reply no longer exists.")
            return redirect(thread.get_absolute_url())
    try:
        services.thread_mark_answer(thread=thread, post=post, user=request.user)
    except PermissionDenied as error:
        return _forbidden(request, str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(thread.get_absolute_url())
    messages.success(request, "Answer marked." if post else "Answer cleared.")
    return redirect(post.get_absolute_url() if post else thread.get_absolute_url())


@require_POST
def thread_watch(request, pk: int):
    thread = _thread_or_404(request, pk)
    watching = request.POST.get("watch") == "1"
    try:
        services.thread_watch_set(thread=thread, user=request.user, watching=watching)
    except PermissionDenied as error:
        return _forbidden(request, str(error))
    messages.success(
        request,
        "You will be told about new replies." if watching else "You stopped watching.",
    )
    return redirect(f"{thread.get_absolute_url()}?page=1")


@require_POST
def category_watch(request, slug: str):
    category = _category_or_404(request, slug)
    watching = request.POST.get("watch") == "1"
    try:
        services.category_watch_set(category=category, user=request.user, watching=watching)
    except PermissionDenied as error:
        return _forbidden(request, str(error))
    messages.success(
        request,
        "You will be told about new discussions here."
        if watching
        else "You stopped watching this category.",
    )
    return redirect(category.get_absolute_url())


@require_POST
def thread_moderate(request, pk: int):
    thread = _thread_or_404(request, pk)
    action = request.POST.get("action", "")
    user = request.user
    actions = {
        "pin": lambda: services.thread_set_pinned(thread=thread, moderator=user, pinned=True),
        "unpin": lambda: services.thread_set_pinned(thread=thread, moderator=user, pinned=False),
        "lock": lambda: services.thread_set_locked(thread=thread, moderator=user, locked=True),
        "unlock": lambda: services.thread_set_locked(thread=thread, moderator=user, locked=False),
        "hide": lambda: services.thread_set_hidden(thread=thread, moderator=user, hidden=True),
        "show": lambda: services.thread_set_hidden(thread=thread, moderator=user, hidden=False),
    }
    if not permissions.can_moderate(user):
        return _forbidden(request, "Only moderators can do that.")
    try:
        if action == "move":
            form = MoveForm(request.POST, categories=Category.objects.visible_to(user))
            if not form.is_valid():
                messages.error(request, "Choose a category to move the discussion to.")
                return redirect(f"{thread.get_absolute_url()}?page=1")
            services.thread_move(
                thread=thread, moderator=user, category=form.cleaned_data["category"]
            )
        elif action in actions:
            actions[action]()
        else:
            messages.error(request, "Unknown moderation action.")
            return redirect(f"{thread.get_absolute_url()}?page=1")
    except PermissionDenied as error:
        return _forbidden(request, str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"{thread.get_absolute_url()}?page=1")
    messages.success(request, "Done: the action is in the moderation log.")
    return redirect(f"{thread.get_absolute_url()}?page=1")


def post_report(request, pk: int):
    post = _post_or_404(request, pk)
    if not permissions.can_report(request.user, post):
        return _forbidden(request, "You cannot report this post.")
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.post_report(
                    post=post, reporter=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                _errors_to_form(form, error)
            except RateLimited as error:
                form.add_error(None, error.message)
                status = 429
            else:
                messages.success(request, "Thank you: the moderators will look at this post.")
                return redirect(post.get_absolute_url())
    return render(request, "forum/report_form.html", {"post": post, "form": form}, status=status)


# ---------------------------------------------------------------------------
# Moderators' pages


@require_GET
def moderation_queue(request):
    if not permissions.can_moderate(request.user):
        return _forbidden(request, "The moderation queue is for moderators.")
    reports = [
        report
        for report in Report.objects.open()
        .select_related(
            "post", "post__author", "post__thread", "post__thread__category", "reporter"
        )
        .order_by("created_at")[:100]
        if permissions.can_view_thread(request.user, report.post.thread)
    ]
    return render(request, "forum/moderation_queue.html", {"reports": reports})


@require_POST
def report_resolve(request, pk: int):
    if not permissions.can_moderate(request.user):
        return _forbidden(request, "Only moderators can deal with reports.")
    report = get_object_or_404(
        Report.objects.select_related("post", "post__thread", "post__thread__category"), pk=pk
    )
    try:
        services.report_resolve(
            report=report,
            moderator=request.user,
            hide_post=request.POST.get("decision") == "hide",
            outcome=request.POST.get("outcome", ""),
        )
    except PermissionDenied as error:
        return _forbidden(request, str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Report dealt with.")
    return redirect(reverse("forum:moderation_queue"))


@require_GET
def moderation_log(request):
    if not permissions.can_moderate(request.user):
        return _forbidden(request, "The moderation log is for moderators.")
    entries = ModerationLogEntry.objects.select_related(
        "actor", "thread", "thread__category", "post"
    )
    if not permissions.can_read_members_only(request.user):
        entries = entries.filter(thread__category__visibility="public")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "forum/moderation_log.html", {"page": page})
