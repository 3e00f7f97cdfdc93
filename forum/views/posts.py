"""Writing: start a thread, reply or quote, edit, delete, restore, mark the answer, @mentions."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models.functions import Lower
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.forms import form_status, submit
from core.validators import strip_control
from forum import permissions
from forum.forms import PostForm, ThreadForm
from forum.models import Post
from forum.services import posts, threads
from forum.services.text import quote_markdown
from forum.views.lookups import (
    category_or_404,
    number_or_400,
    post_or_404,
    small_int,
    thread_or_404,
)

MAX_NAME_QUERY = 60


@require_http_methods(["GET", "POST"])
def thread_create(request, slug: str):
    category = category_or_404(request, slug)
    if not permissions.can_start_thread(request.user, category):
        raise PermissionDenied("Only confirmed members can start a discussion.")
    form = ThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = submit(
            form, threads.thread_create, category=category, author=request.user, **form.cleaned_data
        )
        if result is not None:
            return redirect(result.thread.get_absolute_url())
    return render(
        request,
        "forum/thread_form.html",
        {"category": category, "form": form},
        status=form_status(form),
    )


def _quote_initial(request, thread) -> dict:
    raw = request.GET.get("quote")
    if not raw:
        return {}
    number = small_int(raw)
    if number is None:
        raise Http404("No such post to quote.")
    quoted = Post.objects.filter(pk=number, thread=thread).select_related("author").first()
    if quoted is None or not quoted.is_visible:
        return {}
    return {"body": quote_markdown(quoted)}


@require_http_methods(["GET", "POST"])
def post_create(request, pk: int):
    thread = thread_or_404(request, pk)
    if request.method == "GET":
        if not permissions.can_reply(request.user, thread):
            raise PermissionDenied("You cannot reply to this discussion.")
        form = PostForm(initial=_quote_initial(request, thread))
    else:
        form = PostForm(request.POST)
        if form.is_valid():
            result = submit(
                form,
                posts.post_create,
                thread=thread,
                author=request.user,
                body=form.cleaned_data["body"],
            )
            if result is not None:
                if not result.created:
                    messages.info(request, "That reply was already posted, so it is shown once.")
                return redirect(result.post.get_absolute_url())
    return render(
        request, "forum/post_form.html", {"thread": thread, "form": form}, status=form_status(form)
    )


@require_http_methods(["GET", "POST"])
def post_edit(request, pk: int):
    post = post_or_404(request, pk)
    if not permissions.can_edit_post(request.user, post):
        raise PermissionDenied("You can only edit your own posts.")
    form = PostForm(request.POST or None, initial={"body": post.body})
    form.fields["body"].label = "Your post"
    if request.method == "POST" and form.is_valid():
        edited = submit(
            form, posts.post_edit, post=post, user=request.user, body=form.cleaned_data["body"]
        )
        if edited is not None:
            messages.success(request, "Your post was updated; the earlier version is kept.")
            return redirect(post.get_absolute_url())
    return render(
        request, "forum/post_edit.html", {"post": post, "form": form}, status=form_status(form)
    )


@require_POST
def post_delete(request, pk: int):
    post = post_or_404(request, pk)
    posts.post_delete(post=post, user=request.user)
    messages.success(request, "Your post was deleted. You can restore it from the same place.")
    return redirect(post.get_absolute_url())


@require_POST
def post_restore(request, pk: int):
    post = post_or_404(request, pk)
    posts.post_restore(post=post, user=request.user)
    messages.success(request, "The post was restored.")
    return redirect(post.get_absolute_url())


@require_POST
def thread_answer(request, pk: int):
    """Mark a reply as the answer (its id in ``post``), or clear it (``post`` empty)."""
    thread = thread_or_404(request, pk)
    post = None
    raw = request.POST.get("post", "")
    if raw:
        post = Post.objects.filter(pk=number_or_400(raw, name="post")).first()
        if post is None:
            messages.error(request, "That reply no longer exists.")
            return redirect(thread.get_absolute_url())
    threads.thread_mark_answer(thread=thread, post=post, user=request.user)
    messages.success(request, "Answer marked." if post else "Answer cleared.")
    return redirect(post.get_absolute_url() if post else thread.get_absolute_url())


@require_GET
def member_autocomplete(request):
    """Members whose name starts with q, for @mentions (JSON). Members only."""
    if not permissions.can_watch(request.user):
        raise PermissionDenied("Sign in as a member to mention people.")
    query = " ".join(strip_control(request.GET.get("q", "")).split())[:MAX_NAME_QUERY]
    if not query:
        return JsonResponse({"results": []})
    people = (
        get_user_model()
        .objects.confirmed_members()
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
