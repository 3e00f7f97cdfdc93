"""One search over the whole hub, fed by each app through a Wagtail hook.

Each app registers a provider in its wagtail_hooks.py:

    @hooks.register(SEARCH_HOOK, order=20)
    def search_ideas(user, query, limit) -> tuple[str, list[SearchHit]]: ...

It returns its section's label and hits drawn only from what that user may
see (the app's own visible_to() queryset). The search page never filters
afterwards, so a provider that forgets a permission is a bug in that
provider, and each provider is tested per role.
"""

from dataclasses import dataclass

from wagtail import hooks

from core.validators import strip_control

SEARCH_HOOK = "hub_search_provider"


@dataclass(frozen=True)
class SearchHit:
    title: str
    url: str
    kind: str
    summary: str = ""


def search_everything(user, query: str, limit: int = 10) -> list[tuple[str, list[SearchHit]]]:
    """Results grouped by section, in hook order; empty sections left out."""
    query = strip_control(query).strip()
    if not query:
        return []
    grouped = []
    for provider in hooks.get_hooks(SEARCH_HOOK):
        label, hits = provider(user, query, limit)
        if hits:
            grouped.append((label, hits))
    return grouped
