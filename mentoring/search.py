"""Placements in the hub's search, drawn only from what the reader may see."""

from django.db.models import Q

from core.search import SearchHit
from mentoring.models import Placement


def search_placements(user, query: str, limit: int) -> list[SearchHit]:
    matches = (
        Placement.objects.visible_to(user)
        .filter(
            Q(title__icontains=query)
            | Q(description__icontains=query)
            | Q(themes__name__iexact=query)
            | Q(host_council__name__icontains=query)
        )
        .select_related("host_council")
        .distinct()
        .order_by("-state", "closing_date", "pk")[:limit]
    )
    return [
        SearchHit(
            title=placement.title,
            url=placement.get_absolute_url(),
            kind="Shadowing placement",
            summary=f"{placement.host_council.name} · {placement.get_state_display()}",
        )
        for placement in matches
    ]
