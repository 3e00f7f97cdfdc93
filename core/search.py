"""One search over the whole hub.

Each app registers a provider in its AppConfig.ready(): a function taking
(user, query, limit) and returning SearchHit objects drawn only from what that
user may see (the app's own visible_to() queryset). The search page never
filters afterwards, so a provider that forgets a permission is a bug in that
provider, and each provider is tested per role.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class SearchHit:
    title: str
    url: str
    kind: str
    summary: str = ""


Provider = Callable[[object, str, int], list[SearchHit]]
_providers: dict[str, tuple[int, str, Provider]] = {}


def register_search_provider(name: str, order: int, label: str, provider: Provider) -> None:
    _providers[name] = (order, label, provider)


def search_everything(user, query: str, limit: int = 10) -> list[tuple[str, list[SearchHit]]]:
    """Results grouped by section, in section order; empty sections left out."""
    query = query.strip()
    if not query:
        return []
    grouped = []
    for _order, label, provider in sorted(_providers.values(), key=lambda p: p[0]):
        hits = provider(user, query, limit)
        if hits:
            grouped.append((label, hits))
    return grouped
