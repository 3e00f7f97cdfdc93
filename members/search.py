"""Councils and affiliates in the hub's search: public for everyone."""

from django.db.models import Q

from core.search import SearchHit
from members.models import Organisation


def search_organisations(user, query: str, limit: int) -> list[SearchHit]:
    matches = Organisation.objects.filter(
        Q(name__icontains=query) | Q(summary__icontains=query) | Q(approaches__icontains=query)
    )[:limit]
    return [
        SearchHit(title=o.name, url=o.get_absolute_url(), kind="council", summary=o.summary)
        for o in matches
    ]
