"""The site search's backend: Wagtail's database index, ranked in one statement.

Indexing is Wagtail's database backend (SQLite FTS5 with the porter stemmer,
PostgreSQL full-text search with the english configuration), with one change on
both: a top-level ``title`` or ``name`` field goes in the title column, so a
council's or a person's name counts as a title does.

Ranking does not go through Wagtail's query compiler, which searches one model
at a time and, on SQLite, scores each match with a subquery that runs the
full-text match again per row. Here one statement runs the match once over the
index, keeps only the rows the reader may open (each section's own visible
queryset, probed by primary key with EXISTS), ranks them with title weights, a
weight per section and a boost for an exact title, and returns one page of rows
with the count per section.
"""

from dataclasses import dataclass
from functools import cache

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils.functional import cached_property
from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.index import SearchField

from core.stamps import restamp

# The FTS5 table's columns are (autocomplete, body, title): titles count five times body text.
COLUMN_WEIGHTS = "0.0, 1.0, 5.0"
# PostgreSQL: a title's rank counts this many times the body's, and both are divided by
# 1 + the log of their length (ts_rank's normalisation 1), so a short title that is all
# match ("Cardiff Council") outranks a long one that mentions the word once, as bm25 does.
PG_TITLE_WEIGHT = 5.0
# An item whose title is exactly the query ("Oldham Council") comes first.
EXACT_TITLE_BOOST = 1_000_000.0
# Fields indexed as an object's title (a council's or a person's name is its title).
TITLE_FIELDS = frozenset({"title", "name"})


def _is_title(field) -> bool:
    return isinstance(field, SearchField) and field.field_name in TITLE_FIELDS


@cache
def _lenient(compiler_class):
    # Both database backends apply the searched queryset's filters through the ORM;
    # the FilterField check exists for Elasticsearch.
    def check(self):
        pass

    return type(f"Lenient{compiler_class.__name__}", (compiler_class,), {"check": check})


@cache
def _titled_sqlite_indexer():
    # Imported here: these modules need the SQLite FTS table's model, which
    # exists only on SQLite.
    from modelsearch.backends.database.sqlite import sqlite

    class TitledIndexer(sqlite.ObjectIndexer):
        """Top-level ``title`` and ``name`` fields go in the title column, the rest in the body."""

        @cached_property
        def title(self):
            return " ".join(
                self.prepare_value(field.get_value(self.obj))
                for field in self.search_fields
                if _is_title(field)
            )

        @cached_property
        def body(self):
            texts = []
            for field in self.search_fields:
                if _is_title(field):
                    continue
                for current_field, value in self.prepare_field(self.obj, field):
                    if isinstance(current_field, SearchField):
                        texts.append(value)
            return " ".join(texts)

    # SQLiteIndex builds its indexers from this module-level name.
    sqlite.ObjectIndexer = TitledIndexer
    return TitledIndexer


@cache
def _titled_postgres_indexer():
    from modelsearch.backends.database.postgres import postgres

    class TitledIndexer(postgres.ObjectIndexer):
        """As on SQLite: top-level ``title`` and ``name`` fields make the title vector."""

        def _texts(self, *, title: bool):
            for field in self.search_fields:
                for current_field, weight, value in self.prepare_field(self.obj, field):
                    if not isinstance(current_field, SearchField):
                        continue
                    # Only a top-level field is a title; a related "name" (a theme) is body.
                    if (field is current_field and _is_title(field)) == title:
                        yield value, weight

        @cached_property
        def title(self):
            return self.as_vector(list(self._texts(title=True)))

        @cached_property
        def body(self):
            return self.as_vector(list(self._texts(title=False)))

        @cached_property
        def title_text(self):
            return " ".join(v.strip() for v, _ in self._texts(title=True) if v.strip())

        @cached_property
        def body_text(self):
            return " ".join(v.strip() for v, _ in self._texts(title=False) if v.strip())

    postgres.ObjectIndexer = TitledIndexer
    return TitledIndexer


# Renewed by every write to the index and to what decides who may open an indexed
# object (core.search.connect_tag_reindexing): cached results carry the stamp they
# were computed under (core.stamps), so none outlives a change.
SEARCH_STAMP_KEY = "search:stamp"


def search_changed(**kwargs) -> None:
    """Every cached search result is stale: now, and once the transaction commits."""
    restamp([SEARCH_STAMP_KEY], stamp_timeout=None)


def _restamping(write):
    def written(*args, **kwargs):
        result = write(*args, **kwargs)
        search_changed()
        return result

    return written


def SearchBackend(params):  # noqa: N802 (Wagtail imports a backend by this name)
    backend = database_backend(params)
    # Writes that skip model signals (add_bulk, an object indexed after update()) count too.
    for name in ("add", "add_bulk", "delete"):
        setattr(backend, name, _restamping(getattr(backend, name)))
    if type(backend).__name__ == "SQLiteSearchBackend":
        _titled_sqlite_indexer()
    elif type(backend).__name__ == "PostgresSearchBackend":
        _titled_postgres_indexer()
    backend.query_compiler_class = _lenient(backend.query_compiler_class)
    return backend


@dataclass(frozen=True)
class Section:
    """What one section may show: the reader's visible queryset, and its weight in the ranking."""

    key: str
    queryset: QuerySet
    weight: float = 1.0


@dataclass(frozen=True)
class Row:
    key: str
    pk: object
    score: float


def _index_table() -> str:
    from modelsearch.conf import get_app_config

    return get_app_config().get_model("IndexEntry")._meta.db_table


def _models_below(model):
    found = [model]
    for sub in model.__subclasses__():
        if not sub._meta.abstract and not sub._meta.proxy:
            found += _models_below(sub)
    return found


def _content_types(model) -> list[int]:
    from django.contrib.contenttypes.models import ContentType

    concrete = model._meta.concrete_model
    found = ContentType.objects.get_for_models(*_models_below(concrete), for_concrete_models=False)
    return sorted(ct.pk for ct in found.values())


def _visible_probe(queryset: QuerySet) -> tuple[str, list]:
    """EXISTS over the visible queryset, for the index row ``m`` (raises EmptyResultSet)."""
    probe = queryset.order_by().filter(pk=RawSQL("CAST(m.oid AS INTEGER)", [])).values("pk")
    sql, params = probe.query.sql_with_params()
    if connection.vendor == "postgresql":
        # OFFSET 0 keeps it a probe per match: otherwise PostgreSQL may hash every
        # visible row first (all 25,000 replies to check a few hundred matches).
        sql += " OFFSET 0"
    return f"EXISTS ({sql})", list(params)


class RankedSearch:
    """The visible objects of several sections that match every word (or any word), ranked.

    ``page(key=None, offset=0, limit=20)`` returns ``(rows, counts)``: one page of
    ``Row``s best first (all sections, or one), and how many match in each section.
    """

    def __init__(
        self, sections: list[Section], words: list[str], *, operator="and", exact="", prefix=True
    ):
        self.sections = sections
        self.words = words
        self.operator = operator
        self.exact = exact.lower()
        # The last word may be half typed (similar ideas while writing a title): match it
        # as a prefix. On PostgreSQL a prefix is a scan of every index entry starting so.
        self.prefix = prefix

    def _match(self) -> tuple[str, list]:
        """The CTE ``m``: matching index rows of the sections' content types, with a rank."""
        table = _index_table()
        cts = sorted({ct for s in self.sections for ct in _content_types(s.queryset.model)})
        marks = ", ".join(["%s"] * len(cts))
        if connection.vendor == "sqlite":
            joiner = " AND " if self.operator == "and" else " OR "
            quoted = [f'"{word}"' for word in self.words]
            if self.prefix:
                quoted[-1] += "*"
            match = "{title body} : (" + joiner.join(quoted) + ")"
            fts = f"{table}_fts"
            # Only fixed text and table names are formatted in; values are parameters.
            sql = (
                f"SELECT e.content_type_id AS ct, e.object_id AS oid, "  # noqa: S608
                f"-bm25({fts}, {COLUMN_WEIGHTS}) AS rank, "
                f"CASE WHEN lower({fts}.title) = %s THEN 1 ELSE 0 END AS exact "
                f"FROM {fts} JOIN {table} e ON e.id = {fts}.rowid "
                f"WHERE {fts} MATCH %s AND e.content_type_id IN ({marks})"
            )
            return sql, [self.exact, match, *cts]
        from modelsearch.backends.database.postgres.weights import get_sql_weights
        from wagtail.search.backends import get_search_backend

        joiner = " & " if self.operator == "and" else " | "
        terms = [f"'{word}'" for word in self.words]
        if self.prefix:
            terms[-1] += ":*"
        config = get_search_backend().config or "simple"
        sql = (
            f"SELECT e.content_type_id AS ct, e.object_id AS oid, "  # noqa: S608
            f"(ts_rank(%s::float4[], e.title, q.q, 1) * {PG_TITLE_WEIGHT} "
            f"+ ts_rank(%s::float4[], e.body, q.q, 1)) AS rank, "
            f"CASE WHEN lower(e.title_text) = %s THEN 1 ELSE 0 END AS exact "
            f"FROM {table} e, (SELECT to_tsquery(%s::regconfig, %s) AS q) q "
            f"WHERE (e.title @@ q.q OR e.body @@ q.q) AND e.content_type_id IN ({marks})"
        )
        weights = get_sql_weights()
        return sql, [weights, weights, self.exact, config, joiner.join(terms), *cts]

    def _visible(self) -> tuple[str, list, list[Section]]:
        """The CTE ``v``: each matching row's section (its index), where the reader may open it."""
        cases, params, kept = [], [], []
        for section in self.sections:
            try:
                probe, probe_params = _visible_probe(section.queryset)
            except EmptyResultSet:  # the reader may open none of them
                continue
            cts = _content_types(section.queryset.model)
            marks = ", ".join(["%s"] * len(cts))
            cases.append(f"WHEN m.ct IN ({marks}) AND {probe} THEN %s")
            params += [*cts, *probe_params, len(kept)]
            kept.append(section)
        if not kept:
            raise EmptyResultSet
        weights = " ".join(f"WHEN {n} THEN {float(s.weight)!r}" for n, s in enumerate(kept))
        boost = EXACT_TITLE_BOOST
        # Only fixed text, numbers and Django's compiled SQL are formatted in.
        # No WHERE here, and a fence against inlining the subquery: either would make
        # the database evaluate the CASE (and its probes) twice.
        # SQLite flattens a subquery without OFFSET into its outer query, which
        # copies the CASE into the score and runs each match's probe twice.
        fence = " OFFSET 0" if connection.vendor == "postgresql" else " LIMIT -1 OFFSET 0"
        sql = (
            f"SELECT src, oid, exact * {boost} + rank * CASE src {weights} END AS score "  # noqa: S608
            f"FROM (SELECT m.oid, m.rank, m.exact, CASE {' '.join(cases)} END AS src "
            f"FROM m{fence}) s"
        )
        return sql, params, kept

    def page(self, *, key: str | None = None, offset: int = 0, limit: int = 20):
        if not self.words or not self.sections:
            return [], {}
        try:
            match_sql, match_params = self._match()
            visible_sql, visible_params, kept = self._visible()
        except EmptyResultSet:
            return [], {}
        chosen = [n for n, s in enumerate(kept) if s.key == key]
        where = f"WHERE src = {chosen[0]}" if chosen else "WHERE src IS NOT NULL"
        materialized = "AS MATERIALIZED" if connection.vendor == "postgresql" else "AS"
        # One statement, so the full-text match runs once: a page of rows, then a count per section.
        sql = (
            f"WITH m {materialized} ({match_sql}), v {materialized} ({visible_sql}) "  # noqa: S608
            f"SELECT * FROM (SELECT src, oid, score, 0 AS n FROM v {where} "
            "ORDER BY score DESC, oid LIMIT %s OFFSET %s) page "
            "UNION ALL SELECT src, NULL, NULL, COUNT(*) FROM v WHERE src IS NOT NULL GROUP BY src"
        )
        params = [*match_params, *visible_params, limit, offset]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            result = cursor.fetchall()
        rows, counts = [], {}
        for src, oid, score, n in result:
            section = kept[src]
            if oid is None:
                counts[section.key] = n
            else:
                pk = section.queryset.model._meta.pk.to_python(oid)
                rows.append(Row(section.key, pk, score))
        rows.sort(key=lambda row: -row.score)
        return rows, counts
