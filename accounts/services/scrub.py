"""Replace every remaining copy of a person's name and email address in the database.

Notifications sent to others ("Jane Smith replied ..."), rendered HTML,
queued emails, audit-log labels and search text keep copies of a name; after
an erasure they read "a former member" instead.
"""

import json
import re
from html import escape as html_escape

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast
from django.utils.html import escape as django_escape

from core.auth import users_changed

MIN_NAME_LENGTH = 3


def _variants(text: str) -> set[str]:
    """The text as stored raw, HTML-escaped two ways, and inside JSON with ASCII escapes."""
    return {
        text,
        django_escape(text),
        html_escape(text, quote=True),
        json.dumps(text)[1:-1],
    }


def _replacements(names, emails, name_as: str, email_as: str) -> list[tuple[str, str]]:
    pairs = []
    for email in emails:
        pairs += [(v, email_as) for v in _variants(email) if v]
    for name in names:
        if name and len(name.strip()) >= MIN_NAME_LENGTH:
            pairs += [(v, name_as) for v in _variants(name.strip())]
    # Longest first, so an address is replaced before a name inside it.
    return sorted(set(pairs), key=lambda p: -len(p[0]))


def _pattern(needle: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", re.IGNORECASE)


def _replace_text(value: str, compiled) -> str:
    for pattern, replacement in compiled:
        value = pattern.sub(replacement, value)
    return value


def _replace_json(value, compiled):
    if isinstance(value, str):
        return _replace_text(value, compiled)
    if isinstance(value, list):
        return [_replace_json(v, compiled) for v in value]
    if isinstance(value, dict):
        return {k: _replace_json(v, compiled) for k, v in value.items()}
    return value


def _searchable_fields(model):
    text, structured = [], []
    for f in model._meta.local_concrete_fields:
        if f.primary_key or f.unique or f.is_relation or f.choices:
            continue
        if isinstance(f, (models.CharField, models.TextField)):
            text.append(f)
        elif isinstance(f, models.JSONField):
            structured.append(f)
    return text, structured


def scrub_everywhere(*, names, emails, name_as: str, email_as: str) -> int:
    """Replace the person's names and addresses in every text and JSON column; rows changed."""
    pairs = _replacements(names, emails, name_as, email_as)
    if not pairs:
        return 0
    compiled = [(_pattern(needle), replacement) for needle, replacement in pairs]
    needles = {needle for needle, _ in pairs}
    changed_rows = 0
    user_model = get_user_model()
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed or model is Session:
            continue
        text, structured = _searchable_fields(model)
        if not (text or structured):
            continue
        queryset = model._base_manager.all()
        q = Q()
        for f in text:
            for needle in needles:
                q |= Q(**{f"{f.attname}__icontains": needle})
        for f in structured:
            alias = f"_scrub_{f.attname}"
            queryset = queryset.annotate(**{alias: Cast(f.attname, models.TextField())})
            for needle in needles:
                q |= Q(**{f"{alias}__icontains": needle})
        names_to_load = ["pk"] + [f.attname for f in text + structured]
        for row in queryset.filter(q).values(*names_to_load).iterator():
            updates = {}
            for f in text:
                value = row[f.attname]
                if value:
                    new = _replace_text(value, compiled)
                    if new != value:
                        updates[f.attname] = new
            for f in structured:
                value = row[f.attname]
                if value is not None:
                    new = _replace_json(value, compiled)
                    if new != value:
                        updates[f.attname] = new
            if updates:
                model._base_manager.filter(pk=row["pk"]).update(**updates)
                if model is user_model:
                    users_changed([row["pk"]])  # update() tells no cache
                changed_rows += 1
    return changed_rows
