"""An idea's page, posting and editing an idea, and following it."""

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from cms.privacy import can_view_page, view_restrictions
from core.forms import form_status, submit
from ideasbank import permissions, services
from ideasbank.forms import (
    CommentForm,
    DuplicateForm,
    EvidenceForm,
    IdeaForm,
    ReportForm,
    StageForm,
)
from ideasbank.models import Idea, Vote
from ideasbank.views.lookups import (
    CACHE_SECONDS,
    audience,
    get_visible_idea,
    idea_action,
    similar_ideas,
    visible_themes,
)


@require_GET
def idea_detail(request, pk: int):
    return idea_page(request, get_visible_idea(request, pk))


def idea_page(request, idea: Idea, *, status: int = 200, **forms):
    """The idea's page; a form posted from it and refused comes back in `forms`."""
    user = request.user
    member = permissions.can_post(user)
    context = {
        "idea": idea,
        "themes": list(idea.themes.all()),
        "comments": list(
            idea.comments.filter(parent=None)
            .select_related("author", "author__organisation")
            .prefetch_related("replies__author__organisation")
        ),
        "stage_changes": list(idea.stage_changes.select_related("actor")),
        "evidence": list(idea.evidence.select_related("council")),
        "duplicate_of": _visible_original(user, idea),
        "project_page": _visible_project_page(request, idea),
        "can_post": member,
        "can_vote": member,
        "has_voted": member and Vote.objects.filter(idea=idea, user=user).exists(),
        "is_following": member and idea.follows.filter(user=user).exists(),
        "can_edit": permissions.can_edit_idea(user, idea),
        "can_change_stage": permissions.can_change_stage(user),
        "can_record_evidence": member and permissions.can_record_evidence(user),
        "is_moderator": permissions.is_moderator(user),
        "comment_form": CommentForm(idea=idea),
    }
    if member:
        context["report_form"] = ReportForm(idea=idea)
    if context["can_record_evidence"]:
        mine = next((e for e in context["evidence"] if e.council_id == user.organisation_id), None)
        initial = (
            {"status": mine.status, "note": mine.note, "outcome": mine.outcome} if mine else None
        )
        context["evidence_form"] = EvidenceForm(prefix="evidence", initial=initial)
    if context["can_change_stage"]:
        context["stage_form"] = StageForm(
            prefix="stage", initial={"stage": idea.stage, "project_page": idea.project_page_id}
        )
        context["duplicate_form"] = DuplicateForm(prefix="duplicate")
    context.update(forms)
    return render(request, "ideasbank/idea_detail.html", context, status=status)


def _visible_original(user, idea: Idea) -> Idea | None:
    """The idea this one duplicates, if this reader may see it."""
    if not idea.duplicate_of_id:
        return None
    original = Idea.objects.filter(pk=idea.duplicate_of_id).first()
    if original is None or not permissions.can_view_idea(user, original):
        return None
    return original


def _visible_project_page(request, idea: Idea):
    """The idea's project page when it is live and this reader may open it."""
    page = idea.project_page if idea.project_page_id else None
    if page is None or not page.live:
        return None
    restrictions = view_restrictions(page, request)
    if not can_view_page(request.user, page, session=request.session, restrictions=restrictions):
        return None
    return page


def _popular_themes(user, limit: int = 30) -> list[str]:
    key = f"ideasbank:popular-themes:{services.list_version()}:{audience(user)}"
    names = cache.get(key)
    if names is None:
        names = list(visible_themes(user).order_by("name").values_list("name", flat=True)[:limit])
        cache.set(key, names, CACHE_SECONDS)
    return names


def idea_create(request):
    if not permissions.can_post(request.user):
        raise PermissionDenied("Only confirmed members can post ideas.")
    form = IdeaForm(request.POST or None)
    similar = None
    if request.method == "POST":
        # Without JavaScript, similar ideas appear after "Check for similar
        # ideas" or a refused submit, before anything is posted.
        if "check" not in request.POST and form.is_valid():
            idea = submit(form, services.idea_create, author=request.user, **form.cleaned_data)
            if idea is not None:
                messages.success(request, "Your idea has been posted.")
                return redirect(idea)
        similar = similar_ideas(request.user, request.POST.get("title", ""))
    context = {"form": form, "similar": similar, "popular_themes": _popular_themes(request.user)}
    status = 200 if "check" in request.POST else form_status(form)
    return render(request, "ideasbank/idea_form.html", context, status=status)


def idea_edit(request, pk: int):
    idea = get_visible_idea(request, pk)
    if not permissions.can_edit_idea(request.user, idea):
        raise PermissionDenied("Only the author or a network editor can change this idea.")
    initial = {
        "title": idea.title,
        "summary": idea.summary,
        "body": idea.body,
        "themes": [t.name for t in idea.themes.all()],
        "visibility": idea.visibility,
    }
    form = IdeaForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = submit(
            form, services.idea_update, idea=idea, actor=request.user, **form.cleaned_data
        )
        if done is not None:
            messages.success(request, "Your changes have been saved.")
            return redirect(idea)
    context = {"form": form, "idea": idea, "popular_themes": _popular_themes(request.user)}
    return render(request, "ideasbank/idea_form.html", context, status=form_status(form))


@idea_action
def idea_follow(request, pk: int):
    idea = get_visible_idea(request, pk)
    follow = request.POST.get("follow") == "1"
    services.idea_follow_set(idea=idea, user=request.user, follow=follow)
    messages.success(
        request,
        "You will be told about changes to this idea." if follow else "You no longer follow it.",
    )
    return redirect(idea)
