"""Councils and affiliates in the hub's search: public for everyone."""

from core.search import SearchHit, SearchSource, ranked
from members.models import Organisation


def organisation_hit(organisation) -> SearchHit:
    kind = "Council" if organisation.is_council else "Affiliate"
    return SearchHit(
        title=organisation.name,
        url=organisation.get_absolute_url(),
        kind=kind,
        summary=organisation.summary,
    )


def organisations_source(user) -> SearchSource:
    return SearchSource(
        key="councils",
        label="Councils and affiliates",
        queryset=Organisation.objects.all(),
        hit=organisation_hit,
    )


def search_organisations(user, query: str, limit: int) -> list[SearchHit]:
    return [organisation_hit(o) for o in ranked(Organisation.objects.all(), query)[:limit]]
