"""One ranked search over the whole hub, fed by each app through a Wagtail hook.

Each app registers a provider in its wagtail_hooks.py:

    @hooks.register(SEARCH_HOOK, order=20)
    def ideas_source(user) -> SearchSource | None:
        return SearchSource(key="ideas", label="Ideas",
                            queryset=Idea.objects.visible_to(user), hit=idea_hit)

The queryset holds only what that user may open (the app's own visible_to()
or cms.privacy.pages_visible_to), so permission is applied inside the search
statement itself; nothing is filtered afterwards. Searching is Wagtail's
database index (SQLite FTS5, PostgreSQL full-text search, both stemmed), ranked
in one statement over every section (core.search_backend.RankedSearch): one
page of results and a count per type, then one query per type on the page.

A page of results is cached (search_results, search_page_html) under the
search stamp, which every write to an indexed object or to what decides who
may open one renews (connect_search_stamp), and keyed on the reader's
visibility key: exactly the facts the sections' visible querysets depend on.
"""

import hashlib
import logging
import re
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

from django.apps import apps
from django.core.paginator import Paginator
from django.db import DatabaseError, connection, transaction
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.template.loader import render_to_string
from wagtail import hooks
from wagtail.search import index

from core import pages
from core.search_backend import SEARCH_STAMP_KEY, RankedSearch, Section, search_changed
from core.stamps import stamped
from core.validators import strip_control

logger = logging.getLogger(__name__)

SEARCH_HOOK = "hub_search_provider"
# An app whose visible querysets read facts about the reader registers a function
# of the user returning them as a string: they become part of the results' cache key.
VISIBILITY_HOOK = "hub_search_visibility_facts"
# An app with a model that decides who may open indexed objects, without being
# indexed itself, registers a function returning its label ("app.Model"): a write
# to it renews the search stamp.
VISIBILITY_MODELS_HOOK = "hub_search_visibility_models"
MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
PER_PAGE = 20
# Results are paged no deeper than this (500 results).
MAX_PAGES = 25
SUMMARY_LENGTH = 200

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
    user may open, how one object becomes a hit, and its weight in the ranking
    (below 1 for items that are usually less wanted than others with the same words)."""

    key: str
    label: str
    queryset: QuerySet
    hit: Callable[[Any], SearchHit]
    weight: float = 1.0


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


def _run(search: RankedSearch, **kwargs):
    """(rows, counts); nothing when the database refuses the query, which is logged."""
    try:
        if connection.in_atomic_block:
            # A failed statement must not break the rest of the request's transaction.
            with transaction.atomic():
                return search.page(**kwargs)
        return search.page(**kwargs)
    except DatabaseError:
        logger.warning("search failed", exc_info=True)
        return [], {}


def _searches(sections: list[Section], query: str, operator: str = "and", *, prefix=True):
    """Every word must match; when nothing does, any word may."""
    words = search_terms(query).split()
    first = RankedSearch(sections, words, operator=operator, exact=query, prefix=prefix)
    if operator == "and" and len(words) > 1:
        return first, RankedSearch(sections, words, operator="or", exact=query, prefix=prefix)
    return first, None


def ranked(queryset: QuerySet, query: str, *, limit: int = 10, operator: str = "and") -> list:
    """Up to ``limit`` of the queryset's objects matching the words, best first."""
    if not search_terms(query):
        return []
    first, fallback = _searches([Section("only", queryset)], query, operator)
    rows, counts = _run(first, limit=limit)
    if not counts and fallback is not None:
        rows, counts = _run(fallback, limit=limit)
    objects = queryset.order_by().in_bulk([row.pk for row in rows])
    return [objects[row.pk] for row in rows if row.pk in objects]


# What the providers of one sources_for() call share (see once_per_search).
_shared: ContextVar[dict | None] = ContextVar("search_shared", default=None)


def once_per_search(key: str, compute: Callable[[], Any]) -> Any:
    """compute(), once for all the providers building one reader's sections (sources_for):
    for what several of them read, such as the page view restrictions (cms.search)."""
    shared = _shared.get()
    if shared is None:
        return compute()
    if key not in shared:
        shared[key] = compute()
    return shared[key]


def sources_for(user) -> list[SearchSource]:
    sources = []
    token = _shared.set({})
    try:
        for provider in hooks.get_hooks(SEARCH_HOOK):
            source = provider(user)
            if source is not None:
                sources.append(source)
    finally:
        _shared.reset(token)
    return sources


class _Results:
    """The ranked rows as a sequence for the Paginator: its length is the count, and
    the page asked for was fetched with the counts, in the same statement."""

    def __init__(self, search, key, offset, rows, total):
        self.search, self.key, self.total = search, key, total
        self.fetched = {offset: rows}

    def __len__(self):
        return min(self.total, PER_PAGE * MAX_PAGES)

    def __getitem__(self, item):
        start = item.start or 0
        stop = item.stop if item.stop is not None else start + PER_PAGE
        if start not in self.fetched:
            self.fetched[start] = _run(self.search, key=self.key, offset=start, limit=PER_PAGE)[0]
        return self.fetched[start][: stop - start]


class _Counted:
    """Only a length, for the Paginator of a page whose hits are already loaded."""

    def __init__(self, count: int):
        self.count = count

    def __len__(self):
        return self.count

    def __getitem__(self, item):
        return []


@dataclass
class SearchPage:
    query: str
    message: str
    facets: list  # [(key, label, count)]
    selected: str
    page: Any  # a Paginator page of (SearchHit, label)
    paginator: Any
    total: int


def _page_number(value) -> int:
    try:
        number = int(str(value))
    except ValueError:
        return 1
    return min(max(number, 1), MAX_PAGES)


def _hits(sources: dict[str, SearchSource], rows) -> list:
    """(hit, label) for each row, in order: one query per type on the page."""
    wanted: dict[str, list] = {}
    for row in rows:
        wanted.setdefault(row.key, []).append(row.pk)
    # Unordered: in_bulk returns a dict, so compiling an ordering would be work for nothing.
    loaded = {key: sources[key].queryset.order_by().in_bulk(pks) for key, pks in wanted.items()}
    found = []
    for row in rows:
        obj = loaded[row.key].get(row.pk)
        if obj is not None:
            source = sources[row.key]
            found.append((_shortened(source.hit(obj)), source.label))
    return found


def _shortened(hit: SearchHit) -> SearchHit:
    # Cut here rather than with |truncatechars, which costs a translation lookup per hit.
    if len(hit.summary) <= SUMMARY_LENGTH:
        return hit
    return replace(hit, summary=hit.summary[: SUMMARY_LENGTH - 1].rstrip() + "…")


def search_site(user, raw_query: str, *, kind: str = "", page_number=1) -> SearchPage:
    """One page of ranked results for that user, with a count per type.

    The query is submitted whole, so its last word is matched as a word, not as a
    prefix: on PostgreSQL a prefix scans every index entry that starts so.
    """
    query, message = clean_query(raw_query)
    sources = {source.key: source for source in sources_for(user)}
    sections = [Section(s.key, s.queryset, s.weight) for s in sources.values()]
    kind = kind if kind in sources else ""
    number = _page_number(page_number)
    search, rows, counts = None, [], {}
    if search_terms(query):
        for search in filter(None, _searches(sections, query, prefix=False)):
            rows, counts = _run(search, key=kind or None, offset=(number - 1) * PER_PAGE)
            if counts:
                break
        if kind and kind not in counts:
            # Nothing of the chosen type: show every type.
            kind = ""
            rows, counts = _run(search, offset=(number - 1) * PER_PAGE)
    total = sum(counts.values())
    shown = min(counts.get(kind, 0) if kind else total, PER_PAGE * MAX_PAGES)
    if rows == [] and shown and number > 1:
        # Past the last page: show the last one, as Paginator.get_page does.
        number = (shown - 1) // PER_PAGE + 1
        rows = _run(search, key=kind or None, offset=(number - 1) * PER_PAGE)[0]
    sequence = _Results(search, kind or None, (number - 1) * PER_PAGE, rows, shown)
    hits = _hits(sources, Paginator(sequence, PER_PAGE).get_page(number).object_list)
    # The page kept holds only the hits and the count, so it can be cached.
    paginator = Paginator(_Counted(len(sequence)), PER_PAGE)
    page = paginator.get_page(number)
    page.object_list = hits
    return SearchPage(
        query=query,
        message=message,
        facets=[(key, s.label, counts[key]) for key, s in sources.items() if counts.get(key)],
        selected=kind,
        page=page,
        paginator=paginator,
        total=total,
    )


# How long a page of results is kept; any write to what it shows renews the stamp sooner.
RESULTS_SECONDS = 300
TEMPLATE = "core/search.html"


def visibility_key(user) -> str:
    """Every fact about the reader that decides what the sections let them open.

    The providers' visible querysets read only these: signed in, active,
    superuser, and what each app adds through VISIBILITY_HOOK (members: confirmed
    member, their groups, their council and, when their own profile is hidden,
    who they are). Readers with the same key get the same SQL
    (tests/search/test_results_cache.py checks it by role).
    """
    if not getattr(user, "is_authenticated", False):
        return "visitor"
    facts = [str(int(user.is_active)), str(int(user.is_superuser))]
    facts += [facts_for(user) for facts_for in hooks.get_hooks(VISIBILITY_HOOK)]
    return ":".join(facts)


def _results_key(user, raw_query: str, kind: str, page_number) -> str:
    query, message = clean_query(raw_query)
    facts = [visibility_key(user), query, str(bool(message)), kind, str(_page_number(page_number))]
    digest = hashlib.sha256("\x1f".join(facts).encode()).hexdigest()
    return f"search:results:{digest}"


def search_results(user, raw_query: str, *, kind: str = "", page_number=1) -> SearchPage:
    """search_site's page, cached for every reader with the same visibility key."""
    return stamped(
        SEARCH_STAMP_KEY,
        _results_key(user, raw_query, kind, page_number),
        lambda: search_site(user, raw_query, kind=kind, page_number=page_number),
        timeout=RESULTS_SECONDS,
        stamp_timeout=None,
    )


def _context(result: SearchPage) -> dict:
    params = {"q": result.query}
    if result.selected:
        params["type"] = result.selected
    return {
        "query": result.query,
        "search_query": result.query,
        "message": result.message,
        "result": result,
        "page": result.page,
        "querystring": urlencode(params),
        "query_only": urlencode({"q": result.query}),
        "max_length": MAX_QUERY_LENGTH,
    }


def search_page_html(request) -> tuple[str, int]:
    """The search page for this request and its status (400 for a query cut short).

    A signed-in reader with no message waiting gets the page rendered once for
    everyone with their visibility key and header (core.pages), with their own
    CSRF token and unread count filled in; anyone else gets it rendered from
    the cached results.
    """
    kind = strip_control(request.GET.get("type", ""))[:30]
    query, number = request.GET.get("q", ""), request.GET.get("page")
    user = request.user

    def result() -> SearchPage:
        return search_results(user, query, kind=kind, page_number=number)

    if pages.can_share(request):
        key = f"{_results_key(user, query, kind, number)}:page:{pages.header_variant(request)}"

        def render_shared() -> tuple[str, int]:
            found = result()
            html = pages.render_shared(request, TEMPLATE, _context(found))
            return html, _status(found)

        html, status = stamped(
            SEARCH_STAMP_KEY, key, render_shared, timeout=RESULTS_SECONDS, stamp_timeout=None
        )
        return pages.fill(request, html), status
    found = result()
    return render_to_string(TEMPLATE, _context(found), request), _status(found)


def _status(result: SearchPage) -> int:
    return 400 if result.message else 200


# Models that decide who may open an indexed object without being indexed
# themselves: page privacy and logged actions (a placement's state, which decides
# who sees it, is changed with update() and logged), and what apps register
# through VISIBILITY_MODELS_HOOK.
VISIBILITY_MODELS = (
    "wagtailcore.PageViewRestriction",
    "wagtailcore.ModelLogEntry",
    "wagtailcore.PageLogEntry",
)
# Saves that change nothing found or shown by the search (a sign-in).
QUIET_FIELDS = frozenset({"last_login"})


def _decides_search(instance) -> bool:
    return isinstance(instance, index.Indexed) or any(
        isinstance(instance, model) for model in _visibility_models()
    )


def _visibility_models() -> tuple:
    found = []
    labels = [*VISIBILITY_MODELS, *(label() for label in hooks.get_hooks(VISIBILITY_MODELS_HOOK))]
    for label in labels:
        try:
            found.append(apps.get_model(label))
        except LookupError:
            continue
    return tuple(found)


def _restamp_after_write(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields and set(update_fields) <= QUIET_FIELDS):
        return
    if _decides_search(instance):
        search_changed()


def _after_m2m_change(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and _decides_search(instance):
        search_changed()


def _reindex_after_tags_change(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, index.Indexed):
        index.insert_or_update_object(instance)


def connect_tag_reindexing() -> None:
    """Keep the index and the cached results in step with writes: index an object again when
    its themes change (they are set after its save), and renew the search stamp on every
    write that can change a result or who may open it."""
    from taggit.managers import TaggableManager

    for model in index.get_indexed_models():
        for field in [*model._meta.private_fields, *model._meta.many_to_many]:
            if isinstance(field, TaggableManager):
                m2m_changed.connect(
                    _reindex_after_tags_change, sender=field.remote_field.through, weak=False
                )
    m2m_changed.connect(_after_m2m_change, dispatch_uid="core.search.m2m", weak=False)
    post_save.connect(_restamp_after_write, dispatch_uid="core.search.save", weak=False)
    post_delete.connect(_restamp_after_write, dispatch_uid="core.search.delete", weak=False)
