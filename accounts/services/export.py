"""Download my data: a zip of JSON and a readable summary, prepared in the background."""

import io
import json
import zipfile
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.log_actions import log

from accounts import personal_data
from accounts.models import DataExport
from members.permissions import is_network_editor

User = get_user_model()


def _lifetime() -> timedelta:
    return timedelta(hours=settings.HUB_DATA_EXPORT_HOURS)


def export_request(*, user, requested_by) -> DataExport:
    """Start preparing an export of everything about ``user`` (theirs, or on their request)."""
    if requested_by.pk != user.pk and not is_network_editor(requested_by):
        raise PermissionDenied("Only a network editor can prepare someone else's data.")
    if not user.is_active:
        raise PermissionDenied("This account has been closed.")
    from accounts.tasks import prepare_data_export

    with transaction.atomic():
        # One export at a time per requester: a second click reuses the first.
        preparing = DataExport.objects.filter(
            user=user, requested_by=requested_by, status=DataExport.Status.PREPARING
        ).first()
        if preparing is not None:
            return preparing
        export = DataExport.objects.create(
            user=user, requested_by=requested_by, expires_at=timezone.now() + _lifetime()
        )
        if requested_by.pk != user.pk:
            log(instance=user, action="accounts.export", user=requested_by)
        transaction.on_commit(lambda: prepare_data_export.enqueue(export_id=export.pk))
    return export


def export_prepare(*, export_id: int) -> None:
    """Build the archive for one export (run by the background task)."""
    export = DataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None or export.status != DataExport.Status.PREPARING:
        return
    try:
        archive = build_archive(export.user, prepared_at=timezone.now())
    except Exception:
        DataExport.objects.filter(pk=export.pk).update(status=DataExport.Status.FAILED)
        raise
    now = timezone.now()
    DataExport.objects.filter(pk=export.pk).update(
        status=DataExport.Status.READY,
        archive=archive,
        size=len(archive),
        ready_at=now,
        expires_at=now + _lifetime(),
    )


def export_for_download(*, export_id: int, user) -> DataExport:
    """The export, if this person may download it now (the member, or the editor who asked)."""
    export = DataExport.objects.filter(pk=export_id).first()
    if export is None or user.pk not in (export.user_id, export.requested_by_id):
        raise Http404
    if not export.is_downloadable:
        raise Http404("This download has expired or is not ready yet.")
    return export


def collect(user) -> dict:
    """Everything the hub holds about ``user`` and everything they wrote, as plain data."""
    profile = {
        "name": user.name,
        "email": user.email,
        "job_title": user.job_title,
        "bio": user.bio,
        "themes_of_expertise": sorted(user.expertise.names()),
        "date_joined": personal_data.jsonable(user.date_joined),
        "last_login": personal_data.jsonable(user.last_login),
    }
    membership = {
        "organisation": user.organisation.name if user.organisation_id else None,
        "status": user.get_status_display(),
        "decided_at": personal_data.jsonable(user.decided_at),
        "roles": sorted(user.groups.values_list("name", flat=True)),
    }
    preferences = {"notification_email": user.get_email_frequency_display()}
    sections = {}
    for section in personal_data.SECTIONS + personal_data.other_sections():
        rows = personal_data.rows_for(section, user)
        if rows is None:
            continue
        sections[section.key] = {
            "title": section.title,
            "rows": [personal_data.serialise(obj, user, section.exclude) for obj in rows],
        }
    return {
        "about": "Everything the CCIN network hub holds about you and everything you wrote.",
        "profile": profile,
        "membership": membership,
        "email_preferences": preferences,
        "sections": sections,
    }


def build_archive(user, *, prepared_at) -> bytes:
    data = collect(user)
    data["prepared_at"] = prepared_at.isoformat()
    headings = {s.key: s.heading for s in personal_data.SECTIONS}
    summary = render_to_string(
        "accounts/export_summary.html",
        {
            "data": data,
            "prepared_at": prepared_at,
            "sections": [
                {
                    "key": key,
                    "title": section["title"],
                    "count": len(section["rows"]),
                    "headings": [
                        str(row.get(headings.get(key)))[:120]
                        for row in section["rows"]
                        if headings.get(key) and row.get(headings.get(key))
                    ][:200],
                }
                for key, section in data["sections"].items()
            ],
        },
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, indent=2, ensure_ascii=False))
        archive.writestr("summary.html", summary)
    return buffer.getvalue()
