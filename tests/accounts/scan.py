"""Look for a piece of text in every text, char and JSON column of every table."""

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast


def tables_holding(*needles: str) -> list[str]:
    """'app.Model.field' for every column that still contains any of the needles."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for f in model._meta.local_concrete_fields:
            queryset = model._base_manager.all()
            if isinstance(f, (models.CharField, models.TextField)):
                column = f.attname
            elif isinstance(f, models.JSONField):
                column = f"_scan_{f.attname}"
                queryset = queryset.annotate(**{column: Cast(f.attname, models.TextField())})
            else:
                continue
            q = Q()
            for needle in needles:
                q |= Q(**{f"{column}__icontains": needle})
            if queryset.filter(q).exists():
                found.append(f"{model._meta.label}.{f.name}")
    return found
