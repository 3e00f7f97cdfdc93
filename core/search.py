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


def clean_query(query: str) -> str:
    """The words to look for: no control characters, no double quotes, single spaces.

    Search is by words, not phrases; a double quote reaches the SQLite full-text
    query as part of a term and breaks it (an unclosed one is a syntax error).
    """
    return " ".join(strip_control(query).replace('"', " ").split())


def search_everything(user, query: str, limit: int = 10) -> list[tuple[str, list[SearchHit]]]:
    """Results grouped by section, in hook order; empty sections left out."""
    query = clean_query(query)
    if not query:
        return []
    grouped = []
    for provider in hooks.get_hooks(SEARCH_HOOK):
        label, hits = provider(user, query, limit)
        if hits:
            grouped.append((label, hits))
    return grouped
