"""Thin views: parse the request, call one service or queryset, render."""

import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST
from taggit.models import Tag
from wagtail.models import Page, PageViewRestriction

from core.navigation import safe_next
from core.ratelimit import RateLimited
from ideasbank import permissions, services
from ideasbank.forms import (
    CommentForm,
    DuplicateForm,
    EvidenceForm,
    IdeaFilterForm,
    IdeaForm,
    ReportForm,
    StageForm,
)
from ideasbank.models import Comment, Idea, Report, Vote
from members.models import Organisation

PAGE_SIZE = 20
CACHE_SECONDS = 300


def _visible(user):
    return Idea.objects.visible_to(user)


def _get_idea(request, pk: int) -> Idea:
    """The idea if this reader may see it; otherwise 404, so its existence stays private."""
    idea = get_object_or_404(Idea.objects.select_related("council", "author"), pk=pk)
    if not permissions.can_view_idea(request.user, idea):
        raise Http404("No such idea.")
    return idea


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _audience(user) -> str:
    """Which ideas this reader may see: members-only ones, hidden ones. Anything
    cached from the visible ideas is keyed on it."""
    return f"{int(permissions.can_view_members_only(user))}{int(permissions.is_moderator(user))}"


def _visible_tags(user):
    """Themes used on ideas this reader may see."""
    return Tag.objects.filter(
        ideasbank_ideatheme_items__content_object__in=_visible(user).values("pk")
    ).distinct()


def _filter_choices(user) -> tuple[list, list]:
    """Themes and organisations of the ideas this reader may see, cached per
    audience until ideas change."""
    key = f"ideasbank:filter-choices:{services.list_version()}:{_audience(user)}"
    choices = cache.get(key)
    if choices is None:
        themes = list(_visible_tags(user).order_by("name").values_list("slug", "name"))
        councils = list(
            Organisation.objects.filter(pk__in=_visible(user).values("council_id"))
            .order_by("name")
            .values_list("slug", "name")
        )
        choices = (themes, councils)
        cache.set(key, choices, CACHE_SECONDS)
    return choices


def _filtered_ideas(user, data: dict):
    ideas = _visible(user).search(data.get("q", ""))
    if data.get("theme"):
        ideas = ideas.filter(themes__slug=data["theme"])
    if data.get("council"):
        ideas = ideas.filter(council__slug=data["council"])
    if data.get("stage"):
        ideas = ideas.filter(stage=data["stage"])
    if user.is_authenticated and data.get("mine"):
        ideas = ideas.filter(author=user)
    if user.is_authenticated and data.get("backed"):
        ideas = ideas.filter(Exists(Vote.objects.filter(idea=OuterRef("pk"), user=user)))
    return ideas.sorted_by(data.get("sort") or "top")


class _IdWindow:
    """The ordered ids of a filtered list: the first pages come from the cache,
    later ones from the database. Paginator needs only len() and slices."""

    CACHED = PAGE_SIZE * 10

    def __init__(self, make_queryset, key: str):
        self.make_queryset = make_queryset
        cached = cache.get(key)
        if cached is None:
            queryset = make_queryset()
            ids = list(queryset.values_list("pk", flat=True)[: self.CACHED])
            count = len(ids) if len(ids) < self.CACHED else queryset.count()
            cached = (count, ids)
            cache.set(key, cached, CACHE_SECONDS)
        self.total, self.ids = cached

    def __len__(self):
        return self.total

    def __getitem__(self, window: slice):
        if window.stop is not None and window.stop <= len(self.ids):
            return self.ids[window]
        return list(self.make_queryset().values_list("pk", flat=True)[window])


def _list_body(request) -> str:
    """The list's HTML below the page header, cached per query, audience and the
    votes shown on it; CSRF and return-address slots are left for the caller."""
    user = request.user
    member = permissions.can_post(user)
    query = request.GET.copy()
    query.pop("page", None)
    digest = hashlib.sha256(query.urlencode().encode()).hexdigest()
    version = services.list_version()
    data, filter_html = _parse_filters(
        request, member, f"{version}:{int(member)}:{_audience(user)}:{digest}"
    )
    # Who may see what decides the list; "mine" and "backed" make it personal.
    audience = f"{int(user.is_authenticated)}{int(member)}{int(permissions.is_moderator(user))}"
    personal = user.pk if (data.get("mine") or data.get("backed")) else 0
    key = f"ideasbank:ids:{version}:{audience}:{personal}:{digest}"
    window = _IdWindow(lambda: _filtered_ideas(user, data), key)
    page = Paginator(window, PAGE_SIZE).get_page(request.GET.get("page"))
    page_ids = list(page.object_list)
    voted = _voted_ids(user, version) & set(page_ids) if member else set()
    body_key = f"ideasbank:body:{version}:{audience}:{personal}:{digest}:{page.number}:" + ",".join(
        str(pk) for pk in sorted(voted)
    )
    body = cache.get(body_key)
    if body is None:
        body = render_to_string(
            "ideasbank/includes/list_body.html",
            {
                "filter_html": filter_html,
                "page": page,
                "cards": _cards(request, page_ids, voted),
                "querystring": query.urlencode(),
                "can_post": member,
                "user": user,
            },
        )
        cache.set(body_key, body, CACHE_SECONDS)
    return body


def _voted_ids(user, version: int) -> set[int]:
    key = f"ideasbank:voted:{version}:{user.pk}"
    voted = cache.get(key)
    if voted is None:
        voted = set(Vote.objects.filter(user=user).values_list("idea_id", flat=True))
        cache.set(key, voted, CACHE_SECONDS)
    return voted


def _parse_filters(request, member: bool, key: str) -> tuple[dict, str]:
    """The list's filters, parsed and rendered once per query string and version.

    A filter value that does not parse is dropped rather than failing the page.
    """
    cached = cache.get(f"ideasbank:filter:{key}")
    if cached is None:
        themes, councils = _filter_choices(request.user)
        form = IdeaFilterForm(request.GET, themes=themes, councils=councils, member=member)
        form.is_valid()
        html = render_to_string("ideasbank/includes/filter_form.html", {"form": form})
        cached = (dict(form.cleaned_data), html)
        cache.set(f"ideasbank:filter:{key}", cached, CACHE_SECONDS)
    data, html = cached
    return data, mark_safe(html)


# Cards and the filter form are most of a list's rendering time, and neither
# depends on who reads them beyond "signed in" and "voted for it", so they are
# cached as HTML until any idea, vote or comment changes. The CSRF field and
# the return address differ per request and are filled into these slots.
CSRF_SLOT = "<!--ideasbank:csrf-->"
NEXT_SLOT = "<!--ideasbank:next-->"


def _cards(request, ids: list[int], voted: set[int]) -> list[str]:
    version = services.list_version()
    signed_in = request.user.is_authenticated
    can_vote = permissions.can_post(request.user)
    keys = {
        pk: f"ideasbank:card:{version}:{pk}:{int(signed_in)}{int(can_vote)}:{int(pk in voted)}"
        for pk in ids
    }
    found = cache.get_many(keys.values())
    missing = [pk for pk in ids if keys[pk] not in found]
    if missing:
        fresh = {
            keys[idea.pk]: render_to_string(
                "ideasbank/includes/idea_card.html",
                {
                    "idea": idea,
                    "has_voted": idea.pk in voted,
                    "can_vote": can_vote,
                    "user": request.user,
                    "card_slots": True,
                },
            )
            for idea in Idea.objects.filter(pk__in=missing)
            .select_related("council")
            .prefetch_related("themes")
            .defer("body", "body_html")
        }
        cache.set_many(fresh, CACHE_SECONDS)
        found.update(fresh)
    return [mark_safe(found[keys[pk]]) for pk in ids if keys[pk] in found]


def _fill_slots(request, html: str) -> str:
    csrf_field = format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
    )
    return html.replace(CSRF_SLOT, csrf_field).replace(NEXT_SLOT, escape(request.get_full_path()))


@require_GET
def idea_list(request):
    if request.user.is_authenticated:
        body = _fill_slots(request, _list_body(request))
        return render(request, "ideasbank/idea_list.html", {"cached_body": mark_safe(body)})
    # Visitors all see the same list for the same query. Without a session or
    # pending messages the whole page is cached, rendered with no CSRF token
    # (nothing on it posts), so no visitor's token is ever served to another.
    whole_page = (
        settings.SESSION_COOKIE_NAME not in request.COOKIES and "messages" not in request.COOKIES
    )
    digest = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()
    page_key = f"ideasbank:page:{services.list_version()}:{digest}"
    if whole_page:
        content = cache.get(page_key)
        if content is not None:
            return HttpResponse(content)
    context = {"cached_body": mark_safe(_list_body(request))}
    if whole_page:
        context["csrf_token"] = ""
    response = render(request, "ideasbank/idea_list.html", context)
    if whole_page:
        cache.set(page_key, response.content, CACHE_SECONDS)
    return response


@require_GET
def idea_detail(request, pk: int):
    idea = _get_idea(request, pk)
    user = request.user
    comments = list(
        idea.comments.filter(parent=None)
        .select_related("author", "author__organisation")
        .prefetch_related("replies__author__organisation")
    )
    context = {
        "idea": idea,
        "themes": list(idea.themes.all()),
        "comments": comments,
        "stage_changes": list(idea.stage_changes.select_related("actor")),
        "evidence": list(idea.evidence.select_related("council")),
        "duplicate_of": _visible_original(user, idea),
        "project_page": _visible_project_page(user, idea),
        "has_voted": False,
        "can_vote": permissions.can_post(user),
        "is_following": False,
        "can_post": permissions.can_post(user),
        "can_edit": permissions.can_edit_idea(user, idea),
        "can_change_stage": permissions.can_change_stage(user),
        "can_record_evidence": False,
        "is_moderator": permissions.is_moderator(user),
        "comment_form": CommentForm(),
    }
    if context["can_post"]:
        context["has_voted"] = Vote.objects.filter(idea=idea, user=user).exists()
        context["is_following"] = idea.follows.filter(user=user).exists()
        context["can_record_evidence"] = permissions.can_record_evidence(user)
        context["report_form"] = ReportForm()
    if context["can_record_evidence"]:
        mine = next((e for e in context["evidence"] if e.council_id == user.organisation_id), None)
        context["evidence_form"] = EvidenceForm(
            prefix="evidence",
            initial={"status": mine.status, "note": mine.note, "outcome": mine.outcome}
            if mine
            else None,
        )
    if context["can_change_stage"]:
        context["stage_form"] = StageForm(
            prefix="stage", initial={"stage": idea.stage, "project_page": idea.project_page_id}
        )
        context["duplicate_form"] = DuplicateForm(prefix="duplicate")
    return render(request, "ideasbank/idea_detail.html", context)


def _visible_original(user, idea: Idea) -> Idea | None:
    """The idea this one duplicates, if this reader may see it."""
    if not idea.duplicate_of_id:
        return None
    original = Idea.objects.filter(pk=idea.duplicate_of_id).first()
    if original is None or not permissions.can_view_idea(user, original):
        return None
    return original


def _visible_project_page(user, idea: Idea):
    """The idea's project page when it is live and this reader may open it:
    public pages for everyone, pages behind sign-in for members too. Pages
    needing a password or a group are not linked."""
    page = idea.project_page if idea.project_page_id else None
    if page is None or not page.live:
        return None
    restrictions = list(page.get_view_restrictions())
    if not restrictions:
        return page
    if permissions.can_view_members_only(user) and all(
        r.restriction_type == PageViewRestriction.LOGIN for r in restrictions
    ):
        return page
    return None


def _similar(user, title: str, exclude_pk=None):
    return list(_visible(user).similar_to(title, exclude_pk=exclude_pk))


def idea_create(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not permissions.can_post(request.user):
        raise PermissionDenied("Only confirmed members can post ideas.")
    similar = None
    form = IdeaForm(request.POST or None)
    if request.method == "POST":
        checking = "check" in request.POST
        if form.is_valid() and not checking:
            try:
                idea = services.idea_create(author=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            except RateLimited as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, "Your idea has been posted.")
                return redirect(idea)
        # Without JavaScript, similar ideas appear after "Check for similar
        # ideas" or a failed submit, before anything is posted.
        similar = _similar(request.user, request.POST.get("title", ""))
    return render(
        request,
        "ideasbank/idea_form.html",
        {"form": form, "similar": similar, "popular_themes": _popular_themes(request.user)},
    )


def _popular_themes(user, limit: int = 30) -> list[str]:
    key = f"ideasbank:popular-themes:{services.list_version()}:{_audience(user)}"
    names = cache.get(key)
    if names is None:
        names = list(_visible_tags(user).order_by("name").values_list("name", flat=True)[:limit])
        cache.set(key, names, CACHE_SECONDS)
    return names


def idea_edit(request, pk: int):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    idea = _get_idea(request, pk)
    if not permissions.can_edit_idea(request.user, idea):
        raise PermissionDenied("Only the author or a network editor can change this idea.")
    if request.method == "POST":
        form = IdeaForm(request.POST)
        if form.is_valid():
            try:
                services.idea_update(idea=idea, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Your changes have been saved.")
                return redirect(idea)
    else:
        form = IdeaForm(
            initial={
                "title": idea.title,
                "summary": idea.summary,
                "body": idea.body,
                "themes": ", ".join(t.name for t in idea.themes.all()),
                "visibility": idea.visibility,
            }
        )
    return render(
        request,
        "ideasbank/idea_form.html",
        {"form": form, "idea": idea, "popular_themes": _popular_themes(request.user)},
    )


@require_POST
def idea_vote(request, pk: int):
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("ideasbank:detail", args=[pk]))
    idea = _get_idea(request, pk)
    wanted = request.POST.get("voted")
    voted = {"1": True, "0": False}.get(wanted)
    error = ""
    try:
        result = services.idea_vote_toggle(idea=idea, user=request.user, voted=voted)
        has_voted = result.voted
    except (ValidationError, PermissionDenied, RateLimited) as exc:
        error = (
            exc.message
            if isinstance(exc, RateLimited)
            else _error_text(exc)
            if isinstance(exc, ValidationError)
            else str(exc) or "You cannot vote on this idea."
        )
        has_voted = Vote.objects.filter(idea=idea, user=request.user).exists()
        status = 403 if isinstance(exc, PermissionDenied) else 400
        if not request.htmx:
            messages.error(request, error)
            return redirect(safe_next(request, idea.get_absolute_url()))
    if request.htmx:
        html = render_to_string(
            "ideasbank/includes/vote_widget.html",
            {
                "idea": idea,
                "has_voted": has_voted,
                "can_vote": permissions.can_post(request.user),
                "vote_error": error,
                "user": request.user,
            },
            request=request,
        )
        return HttpResponse(html, status=status if error else 200)
    if not error:
        messages.success(
            request, "Your vote has been counted." if has_voted else "Your vote has been removed."
        )
    return redirect(safe_next(request, idea.get_absolute_url()))


def _member_post(request, pk: int):
    """Common start of member POST views: sign-in first, then the idea they may see."""
    if not request.user.is_authenticated:
        return None, redirect_to_login(reverse("ideasbank:detail", args=[pk]))
    return _get_idea(request, pk), None


@require_POST
def idea_stage(request, pk: int):
    idea, response = _member_post(request, pk)
    if response:
        return response
    if not permissions.can_change_stage(request.user):
        raise PermissionDenied("Only network editors change an idea's stage.")
    form = StageForm(request.POST, prefix="stage")
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(idea)
    data = form.cleaned_data
    page = None
    if data.get("project_page"):
        page = Page.objects.filter(pk=data["project_page"]).first()
        if page is None:
            messages.error(request, "There is no page with that ID.")
            return redirect(idea)
    try:
        services.idea_stage_change(
            idea=idea,
            actor=request.user,
            stage=data["stage"],
            note=data["note"],
            closed_reason=data["closed_reason"],
            project_page=page,
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, f"The idea is now at “{idea.get_stage_display()}”.")
    return redirect(idea)


def _form_errors(form) -> str:
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.append(f"{label or 'Form'}: {' '.join(errors)}")
    return " ".join(parts)


@require_POST
def idea_duplicate(request, pk: int):
    idea, response = _member_post(request, pk)
    if response:
        return response
    if not permissions.can_change_stage(request.user):
        raise PermissionDenied("Only network editors mark duplicates.")
    form = DuplicateForm(request.POST, prefix="duplicate")
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(idea)
    original = Idea.objects.filter(pk=form.cleaned_data["original"]).first()
    if original is None:
        messages.error(request, "There is no idea with that number.")
        return redirect(idea)
    try:
        services.idea_mark_duplicate(
            idea=idea, original=original, actor=request.user, note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(idea)
    messages.success(request, f"Closed as a duplicate; its votes moved to “{original}”.")
    return redirect(original)


@require_POST
def comment_create(request, pk: int):
    idea, response = _member_post(request, pk)
    if response:
        return response
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(f"{idea.get_absolute_url()}#comments")
    parent = None
    if form.cleaned_data.get("parent"):
        parent = Comment.objects.filter(pk=form.cleaned_data["parent"], idea=idea).first()
        if parent is None:
            messages.error(request, "The comment you replied to no longer exists.")
            return redirect(f"{idea.get_absolute_url()}#comments")
    try:
        comment = services.comment_create(
            idea=idea, author=request.user, body=form.cleaned_data["body"], parent=parent
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(f"{idea.get_absolute_url()}#comments")
    except RateLimited as error:
        messages.error(request, error.message)
        return redirect(f"{idea.get_absolute_url()}#comments")
    except PermissionDenied:
        raise
    messages.success(request, "Your comment has been posted.")
    return redirect(comment.get_absolute_url())


def _own_comment(request, pk: int, comment_pk: int):
    idea = _get_idea(request, pk)
    comment = get_object_or_404(Comment, pk=comment_pk, idea=idea)
    if not permissions.can_edit_comment(request.user, comment):
        raise PermissionDenied("You can only change your own comments.")
    return idea, comment


def comment_edit(request, pk: int, comment_pk: int):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    idea, comment = _own_comment(request, pk, comment_pk)
    form = CommentForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_edit(
                comment=comment, actor=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your comment has been updated.")
            return redirect(comment.get_absolute_url())
    return render(
        request, "ideasbank/comment_form.html", {"form": form, "idea": idea, "comment": comment}
    )


@require_POST
def comment_delete(request, pk: int, comment_pk: int):
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("ideasbank:detail", args=[pk]))
    idea, comment = _own_comment(request, pk, comment_pk)
    services.comment_delete(comment=comment, actor=request.user)
    messages.success(request, "Your comment has been deleted.")
    return redirect(f"{idea.get_absolute_url()}#comments")


@require_POST
def evidence_record(request, pk: int):
    idea, response = _member_post(request, pk)
    if response:
        return response
    form = EvidenceForm(request.POST, prefix="evidence")
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(f"{idea.get_absolute_url()}#evidence")
    try:
        services.evidence_record(idea=idea, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, "Your council's position has been recorded.")
    return redirect(f"{idea.get_absolute_url()}#evidence")


@require_POST
def idea_follow(request, pk: int):
    idea, response = _member_post(request, pk)
    if response:
        return response
    follow = request.POST.get("follow") == "1"
    services.idea_follow_set(idea=idea, user=request.user, follow=follow)
    messages.success(
        request,
        "You will be told about changes to this idea." if follow else "You no longer follow it.",
    )
    return redirect(idea)


@require_POST
def idea_report(request, pk: int):
    idea, response = _member_post(request, pk)
    if response:
        return response
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(idea)
    comment = None
    if form.cleaned_data.get("comment"):
        comment = Comment.objects.filter(pk=form.cleaned_data["comment"], idea=idea).first()
        if comment is None:
            messages.error(request, "That comment no longer exists.")
            return redirect(idea)
    try:
        services.report_create(
            idea=idea, reporter=request.user, reason=form.cleaned_data["reason"], comment=comment
        )
    except (ValidationError, RateLimited) as error:
        messages.error(request, getattr(error, "message", None) or _error_text(error))
    else:
        messages.success(request, "Thank you: the moderators have been told.")
    return redirect(idea)


def moderation(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not permissions.is_moderator(request.user):
        raise PermissionDenied("Only moderators can see reports.")
    reports = Report.objects.filter(resolved_at__isnull=True).select_related(
        "idea", "comment__idea", "reporter"
    )
    from ideasbank.models import ModerationLog

    log = ModerationLog.objects.select_related("actor", "idea", "comment")[:50]
    hidden = Idea.objects.filter(is_hidden=True).order_by("-updated_at")[:50]
    return render(
        request,
        "ideasbank/moderation.html",
        {"reports": reports, "log": log, "hidden_ideas": hidden},
    )


@require_POST
def moderate(request, pk: int):
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("ideasbank:detail", args=[pk]))
    if not permissions.is_moderator(request.user):
        raise PermissionDenied("Only moderators hide and restore content.")
    idea = get_object_or_404(Idea, pk=pk)
    action = request.POST.get("action")
    if action not in ("hide", "restore"):
        messages.error(request, "Choose whether to hide or restore it.")
        return redirect(safe_next(request, idea.get_absolute_url()))
    comment = None
    comment_id = request.POST.get("comment", "")
    if comment_id:
        if not (comment_id.isascii() and comment_id.isdigit()):
            raise Http404("No such comment.")
        comment = get_object_or_404(Comment, pk=int(comment_id), idea=idea)
    hidden = action == "hide"
    try:
        services.moderation_set_hidden(
            actor=request.user,
            idea=idea,
            comment=comment,
            hidden=hidden,
            note=request.POST.get("note", ""),
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        what = "comment" if comment else "idea"
        messages.success(request, f"The {what} is {'hidden' if hidden else 'restored'}.")
    return redirect(safe_next(request, idea.get_absolute_url()))


@require_GET
def theme_suggestions(request):
    """Existing themes starting with (then containing) the typed text, as JSON."""
    text = " ".join(request.GET.get("q", "").split())[:50]
    if not text:
        return JsonResponse({"themes": []})
    tags = _visible_tags(request.user)
    starts = list(
        tags.filter(name__istartswith=text).order_by("name").values_list("name", flat=True)[:10]
    )
    if len(starts) < 10:
        starts += list(
            tags.filter(name__icontains=text)
            .exclude(name__istartswith=text)
            .order_by("name")
            .values_list("name", flat=True)[: 10 - len(starts)]
        )
    return JsonResponse({"themes": starts})


@require_GET
def similar_ideas(request):
    """Fragment listing visible ideas like the title being written (htmx)."""
    exclude = request.GET.get("exclude")
    similar = _similar(
        request.user,
        request.GET.get("title", "")[:200],
        exclude_pk=int(exclude) if exclude and exclude.isascii() and exclude.isdigit() else None,
    )
    return render(request, "ideasbank/includes/similar_ideas.html", {"similar": similar})
