"""Thin views behind the liveblog page's routes: reading, polling, feed and the composer.

Refusals, bad input and limits are answered by the error layer (core.errors):
the composer's fetch requests ask for JSON and get `{"error", "errors"}`;
plain-form posts get the site's 403 page, or the form again with its errors.
"""

import hashlib
import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.html import strip_tags
from django.utils.http import http_date
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cms.privacy import can_view_page, view_restrictions
from core.errors import error_dict, reason, wants_json
from core.forms import form_status, submit
from liveblogs import events, services
from liveblogs.feeds import LiveblogFeed
from liveblogs.forms import EntryForm
from liveblogs.models import Change, Entry, LiveblogPage
from liveblogs.permissions import (
    VIEW_REFUSAL,
    can_edit_liveblog,
    can_view_liveblog,
    check_can_edit,
    is_public_liveblog,
)

PAGE_ENTRIES = 300
EDIT_TEMPLATE = "liveblogs/entry_edit.html"
# How long a browser or shared cache may keep an ended liveblog before asking
# again (with its validators): corrections made after the end show within this.
ENDED_MAX_AGE = 300


def _json_ld(request, page: LiveblogPage, entries) -> str:
    url = page.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": page.title,
        "url": url,
        "description": strip_tags(page.introduction)[:300],
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "headline": strip_tags(entry.body_html)[:110],
                "articleBody": strip_tags(entry.body_html),
                "datePublished": entry.created_at.isoformat(),
                "dateModified": (entry.edited_at or entry.created_at).isoformat(),
                "url": f"{url}#entry-{entry.pk}",
            }
            for entry in entries
        ],
    }
    if page.coverage_start:
        data["coverageStartTime"] = page.coverage_start.isoformat()
    if page.coverage_end:
        data["coverageEndTime"] = page.coverage_end.isoformat()
    event = page.event if page.event_id else None
    # A members-only event is not described to readers who cannot open it.
    if event is not None and can_view_page(request.user, event, session=request.session):
        data["about"] = {
            "@type": "Event",
            "name": event.title,
            "startDate": event.start.isoformat(),
            "endDate": event.end.isoformat(),
            "location": event.place or None,
        }
    text = json.dumps(data, ensure_ascii=False)
    # Inside <script> nothing may close the element early.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def liveblog_context(request, page: LiveblogPage, form=None) -> dict:
    """Everything the liveblog template needs, in a fixed number of queries."""
    key_only = request.GET.get("key") == "1"
    entries = page.entries.for_reading()
    if key_only:
        entries = entries.key_moments()
    entries = list(entries[: PAGE_ENTRIES + 1])
    more = len(entries) > PAGE_ENTRIES
    entries = entries[:PAGE_ENTRIES]
    can_edit = can_edit_liveblog(request.user, page)
    return {
        "entries": entries,
        "more_entries": more,
        "key_only": key_only,
        "last_seq": services.last_seq(page.pk),
        "can_edit": can_edit,
        "form": form if form is not None else (EntryForm() if can_edit else None),
        "json_ld": _json_ld(request, page, entries),
        "is_public": is_public_liveblog(page, view_restrictions(page, request)),
        "socket_path": f"/ws/liveblogs/{page.pk}/",
        "compose_url": compose_url(page),
    }


def compose_url(page: LiveblogPage) -> str:
    """Where the composer posts: the direct endpoint by the liveblog's id (liveblogs.urls)."""
    return reverse("liveblogs:entry_create", args=[page.pk])


def _same_for_every_visitor(request, page: LiveblogPage) -> bool:
    """An ended public liveblog, read by a visitor with no message waiting: one page for all."""
    return (
        request.method in ("GET", "HEAD")
        and page.is_ended
        and not request.user.is_authenticated
        and is_public_liveblog(page, view_restrictions(page, request))
        and not len(messages.get_messages(request))
    )


def _validators(request, page: LiveblogPage) -> tuple[str, int]:
    """ETag and Last-Modified (a timestamp) of what a visitor sees of an ended liveblog."""
    last_change = Change.objects.filter(page_id=page.pk).aggregate(at=Max("created_at"))["at"]
    event = page.event if page.event_id else None
    moments = [page.last_published_at, last_change, event and event.last_published_at]
    last_modified = max(int(moment.timestamp()) for moment in moments if moment)
    version = ":".join(
        str(part)
        for part in (
            page.pk,
            page.latest_revision_id,
            services.last_seq(page.pk),
            event and event.latest_revision_id,
            request.GET.get("key") == "1",
        )
    )
    return f'"{hashlib.sha256(version.encode()).hexdigest()[:32]}"', last_modified


def read(request, page: LiveblogPage):
    """The liveblog page. An ended public liveblog is cacheable for visitors, with validators
    (a conditional GET answers 304); anyone signed in, and every members-only liveblog,
    gets a private answer that no shared cache may keep."""
    if not _same_for_every_visitor(request, page):
        response = page.render(request)
        if request.user.is_authenticated or not is_public_liveblog(
            page, view_restrictions(page, request)
        ):
            patch_cache_control(response, private=True)
        return response
    etag, last_modified = _validators(request, page)
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = page.render(request)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=ENDED_MAX_AGE)
    return response


@require_safe
def updates(request, page: LiveblogPage):
    """Polling fallback: the same change messages the socket sends, after `since`."""
    since = services.parse_seq(request.GET.get("since", "0"))
    if since is None:
        # A JSON endpoint: bad input is JSON whatever the client accepts.
        error = ValidationError({"since": "since must be a whole number of 0 or more."})
        return JsonResponse({"error": reason(error), "errors": error_dict(error)}, status=400)
    changes = services.changes_since(page.pk, since)
    response = JsonResponse(
        {"changes": changes, "state": page.state, "last_seq": services.last_seq(page.pk)}
    )
    response["Cache-Control"] = "private, no-cache"
    return response


def feed(request, page: LiveblogPage):
    """Atom feed of a public liveblog's entries."""
    return LiveblogFeed()(request, page=page)


def _done(request, page: LiveblogPage, entry: Entry, message: str):
    """After a write: the change for the composer's script, or back to the page."""
    if wants_json(request):
        # The service leaves the change it recorded on the entry: no query to find it.
        return JsonResponse({"change": events.entry_message(entry.recorded_change)})
    messages.success(request, message)
    anchor = f"#entry-{entry.pk}" if entry.deleted_at is None else ""
    return redirect(page.url + anchor)


def _invalid(form: EntryForm) -> ValidationError:
    """The form's errors as the error layer's exception (the composer's JSON answer)."""
    return ValidationError(form.errors.as_data())


@require_POST
def entry_create_by_id(request, page_id: int):
    """The composer's endpoint (liveblogs.urls): the page by its id, with the same checks
    the page's own route makes (privacy, then the editing right), and no tree walk."""
    try:
        page = LiveblogPage.objects.live().get(pk=page_id)
    except LiveblogPage.DoesNotExist:
        raise Http404("No such liveblog.") from None
    if not can_view_liveblog(request.user, page, request.session):
        raise PermissionDenied(VIEW_REFUSAL)
    return entry_create(request, page)


@require_POST
def entry_create(request, page: LiveblogPage):
    check_can_edit(request.user, page)
    form = EntryForm(request.POST)
    write = {"page": page, "author": request.user}
    if wants_json(request):
        if not form.is_valid():
            raise _invalid(form)
        entry = services.entry_post(**write, fields=form.to_fields())
        return _done(request, page, entry, "Entry posted.")
    if form.is_valid():
        entry = submit(form, services.entry_post, **write, fields=form.to_fields())
        if entry is not None:
            return _done(request, page, entry, "Entry posted.")
    response = page.render(request, context_overrides={"form": form})
    response.status_code = form_status(form)
    return response


@require_http_methods(["GET", "POST"])
def entry_edit(request, page: LiveblogPage, entry: Entry):
    check_can_edit(request.user, page)
    if request.method == "GET":
        form = EntryForm.for_entry(entry)
        if wants_json(request):
            return JsonResponse({"id": entry.pk, "fields": form.initial})
        return TemplateResponse(
            request, EDIT_TEMPLATE, {"page": page, "entry": entry, "form": form}
        )
    form = EntryForm(request.POST)
    write = {"entry": entry, "editor": request.user}
    if wants_json(request):
        if not form.is_valid():
            raise _invalid(form)
        fields = form.to_fields(image=entry.image, image_alt=entry.image_alt)
        return _done(request, page, services.entry_update(**write, fields=fields), "Entry updated.")
    if form.is_valid():
        fields = form.to_fields(image=entry.image, image_alt=entry.image_alt)
        if submit(form, services.entry_update, **write, fields=fields) is not None:
            return _done(request, page, entry, "Entry updated.")
    context = {"page": page, "entry": entry, "form": form}
    return TemplateResponse(request, EDIT_TEMPLATE, context, status=form_status(form))


def _flag(value):
    if value is None or value == "":
        return None
    return value in ("1", "true", "on")


@require_POST
def entry_flags(request, page: LiveblogPage, entry: Entry):
    entry = services.entry_set_flags(
        entry=entry,
        editor=request.user,
        pinned=_flag(request.POST.get("pinned")),
        key=_flag(request.POST.get("key")),
    )
    return _done(request, page, entry, "Entry updated.")


@require_POST
def entry_delete(request, page: LiveblogPage, entry: Entry):
    entry = services.entry_delete(entry=entry, editor=request.user)
    return _done(request, page, entry, "Entry deleted.")
