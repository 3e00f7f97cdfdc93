"""Thin views behind the liveblog page's routes: polling, feed and the composer."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseNotAllowed,
    JsonResponse,
)
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags

from core.ratelimit import RateLimited
from liveblogs import services
from liveblogs.forms import EntryForm
from liveblogs.models import Entry, LiveblogPage
from liveblogs.permissions import can_edit_liveblog, is_public_liveblog, view_restrictions

PAGE_ENTRIES = 300
FEED_ENTRIES = 50


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


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
    if page.event_id:
        event = page.event
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
    }


def updates(request, page: LiveblogPage):
    """Polling fallback: the same change messages the socket sends, after `since`."""
    try:
        since = max(0, int(request.GET.get("since", "0")))
    except ValueError:
        return JsonResponse({"error": "since must be a whole number."}, status=400)
    changes = services.changes_since(page.pk, since)
    response = JsonResponse(
        {"changes": changes, "state": page.state, "last_seq": services.last_seq(page.pk)}
    )
    response["Cache-Control"] = "private, no-cache"
    return response


def feed(request, page: LiveblogPage):
    """Atom feed of a public liveblog's entries; members-only liveblogs have none."""
    if not is_public_liveblog(page, view_restrictions(page, request)):
        raise Http404("This liveblog has no public feed.")
    url = page.get_full_url(request)
    atom = Atom1Feed(
        title=page.title,
        link=url,
        description=strip_tags(page.introduction),
        language="en-gb",
        feed_url=request.build_absolute_uri(),
    )
    for entry in page.entries.current().order_by("-created_at", "-pk")[:FEED_ENTRIES]:
        atom.add_item(
            title=strip_tags(entry.body_html)[:80] or f"Update {entry.pk}",
            link=f"{url}#entry-{entry.pk}",
            description=entry.html,
            pubdate=entry.created_at,
            updateddate=entry.edited_at or entry.created_at,
            unique_id=f"{url}#entry-{entry.pk}",
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    atom.write(response, "utf-8")
    return response


def _refused(request, page, error) -> HttpResponse:
    status = 403 if isinstance(error, PermissionDenied) else 429
    message = getattr(error, "message", None) or str(error) or "You may not do that."
    if _wants_json(request):
        return JsonResponse({"errors": {"__all__": [message]}}, status=status)
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def _invalid(request, page, form, status=400, template=None, entry=None) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"errors": form.errors.get_json_data()}, status=status)
    if template:
        response = TemplateResponse(request, template, {"page": page, "entry": entry, "form": form})
    else:
        response = page.render(request, context_overrides={"form": form})
    response.status_code = status
    return response


def _done(request, page, change_entry: Entry, message: str):
    if _wants_json(request):
        change = change_entry.changes.order_by("-seq").first()
        return JsonResponse({"change": change.as_message() if change else None})
    messages.success(request, message)
    anchor = f"#entry-{change_entry.pk}" if change_entry.deleted_at is None else ""
    return redirect(page.url + anchor)


def _add_service_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def entry_create(request, page: LiveblogPage):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = EntryForm(request.POST)
    if not form.is_valid():
        if not can_edit_liveblog(request.user, page):
            return _refused(request, page, PermissionDenied())
        return _invalid(request, page, form)
    try:
        entry = services.entry_post(page=page, author=request.user, fields=form.to_fields())
    except (PermissionDenied, RateLimited) as error:
        return _refused(request, page, error)
    except ValidationError as error:
        _add_service_errors(form, error)
        return _invalid(request, page, form)
    return _done(request, page, entry, "Entry posted.")


def entry_edit(request, page: LiveblogPage, entry: Entry):
    if not can_edit_liveblog(request.user, page):
        return _refused(request, page, PermissionDenied())
    template = "liveblogs/entry_edit.html"
    if request.method == "GET":
        if _wants_json(request):
            return JsonResponse({"id": entry.pk, "fields": EntryForm.for_entry(entry).initial})
        return TemplateResponse(
            request, template, {"page": page, "entry": entry, "form": EntryForm.for_entry(entry)}
        )
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    form = EntryForm(request.POST)
    if not form.is_valid():
        return _invalid(request, page, form, template=template, entry=entry)
    try:
        entry = services.entry_update(
            entry=entry,
            editor=request.user,
            fields=form.to_fields(image=entry.image, image_alt=entry.image_alt),
        )
    except PermissionDenied as error:
        return _refused(request, page, error)
    except ValidationError as error:
        _add_service_errors(form, error)
        return _invalid(request, page, form, template=template, entry=entry)
    return _done(request, page, entry, "Entry updated.")


def _flag(value):
    if value is None or value == "":
        return None
    return value in ("1", "true", "on")


def entry_flags(request, page: LiveblogPage, entry: Entry):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        entry = services.entry_set_flags(
            entry=entry,
            editor=request.user,
            pinned=_flag(request.POST.get("pinned")),
            key=_flag(request.POST.get("key")),
        )
    except PermissionDenied as error:
        return _refused(request, page, error)
    except ValidationError as error:
        if _wants_json(request):
            return JsonResponse({"errors": {"__all__": error.messages}}, status=400)
        return HttpResponse(" ".join(error.messages), status=400, content_type="text/plain")
    return _done(request, page, entry, "Entry updated.")


def entry_delete(request, page: LiveblogPage, entry: Entry):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        entry = services.entry_delete(entry=entry, editor=request.user)
    except PermissionDenied as error:
        return _refused(request, page, error)
    except ValidationError as error:
        return HttpResponse(" ".join(error.messages), status=400, content_type="text/plain")
    return _done(request, page, entry, "Entry deleted.")
