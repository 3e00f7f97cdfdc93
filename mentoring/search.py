"""Placements in the hub's search, drawn only from what the reader may see."""

from core.search import SearchHit, SearchSource, ranked
from mentoring.models import Placement


def placement_hit(placement) -> SearchHit:
    return SearchHit(
        title=placement.title,
        url=placement.get_absolute_url(),
        kind="Shadowing placement",
        summary=f"{placement.host_council.name} · {placement.get_state_display()}",
    )


def visible_placements(user):
    return Placement.objects.visible_to(user).select_related("host_council")


def placements_source(user) -> SearchSource:
    return SearchSource(
        key="placements",
        label="Shadowing placements",
        queryset=visible_placements(user),
        hit=placement_hit,
    )


def search_placements(user, query: str, limit: int) -> list[SearchHit]:
    return [placement_hit(p) for p in ranked(visible_placements(user), query, limit=limit)]
