"""Moderators' buttons on a thread and a post, and the moderation log page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from forum import audit, permissions
from forum.forms import MoveForm
from forum.models import Category
from forum.services import moderation
from forum.views.lookups import post_or_404, thread_or_404

LOG_ENTRIES_PER_PAGE = 50


def _require_moderator(request, message: str) -> None:
    if not permissions.can_moderate(request.user):
        raise PermissionDenied(message)


@require_POST
def thread_moderate(request, pk: int):
    """One of the moderation buttons on a thread: pin, lock, hide (or undo them) or move."""
    thread = thread_or_404(request, pk)
    user = request.user
    _require_moderator(request, "Only moderators can do that.")
    action = request.POST.get("action", "")
    switches = {
        "pin": (moderation.thread_set_pinned, "pinned", True),
        "unpin": (moderation.thread_set_pinned, "pinned", False),
        "lock": (moderation.thread_set_locked, "locked", True),
        "unlock": (moderation.thread_set_locked, "locked", False),
        "hide": (moderation.thread_set_hidden, "hidden", True),
        "show": (moderation.thread_set_hidden, "hidden", False),
    }
    if action == "move":
        form = MoveForm(request.POST, categories=Category.objects.visible_to(user))
        if not form.is_valid():
            raise ValidationError("Choose a category to move the discussion to.")
        moderation.thread_move(
            thread=thread, moderator=user, category=form.cleaned_data["category"]
        )
    elif action in switches:
        service, flag, value = switches[action]
        service(thread=thread, moderator=user, **{flag: value})
    else:
        raise ValidationError("Unknown moderation action.")
    messages.success(request, "Done: the action is in the moderation log.")
    return redirect(f"{thread.get_absolute_url()}?page=1")


@require_POST
def post_hide(request, pk: int):
    post = post_or_404(request, pk)
    moderation.post_hide(post=post, moderator=request.user, reason=request.POST.get("reason", ""))
    messages.success(request, "The post is hidden from members.")
    return redirect(post.get_absolute_url())


@require_GET
def moderation_log(request):
    """Every moderation action in the discussions, newest first, from Wagtail's audit log."""
    _require_moderator(request, "The moderation log is for moderators.")
    entries = audit.log_entries_for(request.user)
    page = Paginator(entries, LOG_ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "forum/moderation_log.html", {"page": page})
