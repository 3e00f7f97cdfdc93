"""One ranked search over the whole hub, fed by each app through a Wagtail hook.

Each app registers a provider in its wagtail_hooks.py:

    @hooks.register(SEARCH_HOOK, order=20)
    def ideas_source(user) -> SearchSource | None:
        return SearchSource(key="ideas", label="Ideas",
                            queryset=Idea.objects.visible_to(user), hit=idea_hit)

The queryset holds only what that user may open (the app's own visible_to()
or cms.privacy.pages_visible_to), so permission is applied BEFORE searching;
the search never filters afterwards. Searching is Wagtail's database backend
(SQLite FTS5, PostgreSQL full-text search), ranked by relevance, and every
section's scores are merged into one list.
"""

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed
from wagtail import hooks
from wagtail.search import index
from wagtail.search.backends import get_search_backend

from core.search_backend import SQLiteRanked
from core.validators import strip_control

logger = logging.getLogger(__name__)

SEARCH_HOOK = "hub_search_provider"
MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
PER_PAGE = 20
# Deeper pages of the merged list cost a fetch of every section up to them.
MAX_PAGES = 25

_WORD = re.compile(r"\w+", re.UNICODE)
# Words too common to rank by (PostgreSQL's English configuration drops them too).
STOPWORDS = frozenset(
    "a an and are as at be but by for from has have in into is it its of on or not no "
    "that the their there this to was we were what when where which who will with".split()
)


@dataclass(frozen=True)
class SearchHit:
    title: str
    url: str
    kind: str
    summary: str = ""


@dataclass(frozen=True)
class SearchSource:
    """One section of the search: a key for the type filter, its label, what the
    user may open, and how one object becomes a hit."""

    key: str
    label: str
    queryset: QuerySet
    hit: Callable[[Any], SearchHit]


def clean_query(query: str) -> tuple[str, str]:
    """(the words to look for, a message for the reader or "").

    Only words reach the search backend: quotes, brackets and operators such as
    AND, OR, NOT, - and * are dropped, so no input can break the backend's
    query syntax. Long queries are cut, with a message saying so.
    """
    query = strip_control(query or "")
    message = ""
    if len(query) > MAX_QUERY_LENGTH:
        query = query[:MAX_QUERY_LENGTH]
        message = (
            f"Search for at most {MAX_QUERY_LENGTH} characters: "
            f"these results are for the first {MAX_QUERY_LENGTH}."
        )
    return " ".join(query.split()), message


def search_terms(query: str) -> str:
    """Lower-case words only (FTS5 reads AND/OR/NOT as operators); common words dropped."""
    words = _WORD.findall(query.lower())
    kept = [word for word in words if word not in STOPWORDS] or words
    return " ".join(kept[:MAX_WORDS])


def _rank(score) -> float:
    # SQLite's bm25() is negative, better when lower; PostgreSQL's ts_rank the reverse.
    score = score or 0.0
    return -score if connection.vendor == "sqlite" else score


def ranked(queryset: QuerySet, query: str, *, operator: str = "and"):
    """The queryset's objects matching the words, best first, each with ``_score``.

    An empty list when nothing matches or the backend refuses the query.
    """
    terms = search_terms(query)
    if not terms:
        return queryset.none()
    if connection.vendor == "sqlite":
        return SQLiteRanked(queryset, terms.split(), operator)
    backend = get_search_backend()
    return backend.search(terms, queryset, operator=operator).annotate_score("_score")


def _safe_count(results) -> int:
    try:
        return results.count()
    except DatabaseError:
        logger.warning("search count failed", exc_info=True)
        return 0


def _safe_list(results, stop: int) -> list:
    try:
        return list(results[:stop])
    except DatabaseError:
        logger.warning("search failed", exc_info=True)
        return []


def sources_for(user) -> list[SearchSource]:
    sources = []
    for provider in hooks.get_hooks(SEARCH_HOOK):
        source = provider(user)
        if source is not None:
            sources.append(source)
    return sources


class _Merged:
    """All sections' results as one sequence ordered by rank, for the Paginator."""

    def __init__(self, sections, query: str = ""):
        self.sections = sections  # [(source, results, count)]
        self.query = search_terms(query)

    def __len__(self):
        return min(sum(count for _, _, count in self.sections), PER_PAGE * MAX_PAGES)

    def __getitem__(self, item):
        stop = item.stop if isinstance(item, slice) else item + 1
        scored = []
        for source, results, count in self.sections:
            if not count:
                continue
            for obj in _safe_list(results, stop):
                # An object named exactly as searched comes first ("Oldham Council").
                exact = search_terms(str(obj)) == self.query
                scored.append(((exact, _rank(getattr(obj, "_score", 0))), source, obj))
        scored.sort(key=lambda row: row[0], reverse=True)
        return [(source, obj) for _, source, obj in scored][item]


class _Single:
    def __init__(self, source, results, count):
        self.source, self.results, self.count = source, results, count

    def __len__(self):
        return self.count

    def __getitem__(self, item):
        rows = _safe_list(self.results, item.stop if isinstance(item, slice) else item + 1)
        return [(self.source, obj) for obj in rows][item]


@dataclass
class SearchPage:
    query: str
    message: str
    facets: list  # [(key, label, count)]
    selected: str
    page: Any  # a Paginator page of (SearchHit, label)
    paginator: Any
    total: int


def search_site(user, raw_query: str, *, kind: str = "", page_number=1) -> SearchPage:
    """One page of ranked results for that user, with a count per type."""
    query, message = clean_query(raw_query)
    sections = []
    if search_terms(query):
        for source in sources_for(user):
            results = ranked(source.queryset, query)
            count = _safe_count(results)
            if not count:
                # Every word must match; when nothing does, any word may.
                results = ranked(source.queryset, query, operator="or")
                count = _safe_count(results)
            sections.append((source, results, count))
    facets = [(s.key, s.label, count) for s, _, count in sections if count]
    chosen = [row for row in sections if row[0].key == kind and row[2]]
    sequence = _Single(*chosen[0]) if chosen else _Merged(sections, query)
    paginator = Paginator(sequence, PER_PAGE)
    page = paginator.get_page(page_number)
    page.object_list = [(source.hit(obj), source.label) for source, obj in page.object_list]
    return SearchPage(
        query=query,
        message=message,
        facets=facets,
        selected=kind if chosen else "",
        page=page,
        paginator=paginator,
        total=sum(count for _, _, count in sections),
    )


def search_everything(user, query: str, limit: int = 10) -> list[tuple[str, list[SearchHit]]]:
    """Results grouped by section (label, hits), best first within each."""
    query, _ = clean_query(query)
    grouped = []
    if not search_terms(query):
        return grouped
    for source in sources_for(user):
        hits = [source.hit(obj) for obj in _safe_list(ranked(source.queryset, query), limit)]
        if hits:
            grouped.append((source.label, hits))
    return grouped


def _reindex_after_tags_change(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, index.Indexed):
        index.insert_or_update_object(instance)


def connect_tag_reindexing() -> None:
    """Themes are set after an object's save; index it again when they change."""
    from taggit.managers import TaggableManager

    for model in index.get_indexed_models():
        for field in [*model._meta.private_fields, *model._meta.many_to_many]:
            if isinstance(field, TaggableManager):
                m2m_changed.connect(
                    _reindex_after_tags_change, sender=field.remote_field.through, weak=False
                )
