"""Members report ideas and comments; moderators see reports and the log, and hide or restore."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET
from wagtail.models import ModelLogEntry

from core.forms import form_status, submit
from core.navigation import safe_next
from ideasbank import permissions, services
from ideasbank.forms import ReportForm
from ideasbank.models import Comment, Idea, Report
from ideasbank.views.ideas import idea_page
from ideasbank.views.lookups import get_visible_idea, idea_action


@idea_action
def idea_report(request, pk: int):
    idea = get_visible_idea(request, pk)
    form = ReportForm(request.POST, idea=idea)
    if form.is_valid():
        report = submit(
            form, services.report_create, idea=idea, reporter=request.user, **form.cleaned_data
        )
        if report is not None:
            messages.success(request, "Thank you: the moderators have been told.")
            return redirect(idea)
    return idea_page(request, idea, report_form=form, status=form_status(form))


def _moderators_only(request, refusal: str) -> None:
    if not permissions.is_moderator(request.user):
        raise PermissionDenied(refusal)


@require_GET
def moderation(request):
    _moderators_only(request, "Only moderators can see reports.")
    reports = Report.objects.filter(resolved_at__isnull=True).select_related(
        "idea", "comment__idea", "reporter"
    )
    log = ModelLogEntry.objects.filter(action__startswith="ideasbank.").select_related("user")
    hidden = Idea.objects.filter(is_hidden=True).order_by("-updated_at")[:50]
    return render(
        request,
        "ideasbank/moderation.html",
        {"reports": reports, "log": log[:50], "hidden_ideas": hidden},
    )


@idea_action
def moderate(request, pk: int):
    _moderators_only(request, "Only moderators hide and restore content.")
    idea = get_object_or_404(Idea, pk=pk)
    action = request.POST.get("action")
    if action not in ("hide", "restore"):
        raise ValidationError("Choose whether to hide or restore it.")
    comment = None
    comment_id = request.POST.get("comment", "")
    if comment_id:
        if not (comment_id.isascii() and comment_id.isdigit()):
            raise Http404("No such comment.")
        comment = get_object_or_404(Comment, pk=int(comment_id), idea=idea)
    hidden = action == "hide"
    services.moderation_set_hidden(
        actor=request.user,
        idea=idea,
        comment=comment,
        hidden=hidden,
        note=request.POST.get("note", ""),
    )
    what = "comment" if comment else "idea"
    messages.success(request, f"The {what} is {'hidden' if hidden else 'restored'}.")
    return redirect(safe_next(request, idea.get_absolute_url()))
