"""Reporting a post, and the moderators' queue of open reports."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.forms import form_status, submit
from forum import permissions
from forum.forms import ReportForm
from forum.models import Report
from forum.services import reports
from forum.views.lookups import post_or_404

QUEUE_LENGTH = 100


@require_http_methods(["GET", "POST"])
def post_report(request, pk: int):
    post = post_or_404(request, pk)
    if not permissions.can_report(request.user, post):
        raise PermissionDenied("You cannot report this post.")
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report = submit(
            form,
            reports.post_report,
            post=post,
            reporter=request.user,
            reason=form.cleaned_data["reason"],
        )
        if report is not None:
            messages.success(request, "Thank you: the moderators will look at this post.")
            return redirect(post.get_absolute_url())
    return render(
        request, "forum/report_form.html", {"post": post, "form": form}, status=form_status(form)
    )


@require_GET
def moderation_queue(request):
    if not permissions.can_moderate(request.user):
        raise PermissionDenied("The moderation queue is for moderators.")
    open_reports = (
        Report.objects.open()
        .select_related(
            "post", "post__author", "post__thread", "post__thread__category", "reporter"
        )
        .order_by("created_at")[:QUEUE_LENGTH]
    )
    visible = [r for r in open_reports if permissions.can_view_thread(request.user, r.post.thread)]
    return render(request, "forum/moderation_queue.html", {"reports": visible})


@require_POST
def report_resolve(request, pk: int):
    if not permissions.can_moderate(request.user):
        raise PermissionDenied("Only moderators can deal with reports.")
    report = get_object_or_404(
        Report.objects.select_related("post", "post__thread", "post__thread__category"), pk=pk
    )
    reports.report_resolve(
        report=report,
        moderator=request.user,
        hide_post=request.POST.get("decision") == "hide",
        outcome=request.POST.get("outcome", ""),
    )
    messages.success(request, "Report dealt with.")
    return redirect(reverse("forum:moderation_queue"))
