"""The site search's backend: Wagtail's database backend, with titles weighted on SQLite.

On SQLite, Wagtail ranks with FTS5's ``bm25()`` over every column alike, so a
word in a long body outranks the same word in a title. Here titles count five
times body text, as the PostgreSQL backend already weights them.

Both database backends apply the searched queryset's filters through the ORM,
so each app's visible_to() queryset is searched as it is; the FilterField
check, which exists for Elasticsearch, is left out.
"""

from functools import cache

from modelsearch.backends.database import SearchBackend as database_backend

# The FTS5 table's columns are (autocomplete, body, title).
COLUMN_WEIGHTS = "0.0, 1.0, 5.0"
# Counts stop here on SQLite (the search pages no deeper than 25 pages of 20).
COUNT_CAP = 500
# Fields indexed as an object's title (a council's or a person's name is its title).
TITLE_FIELDS = frozenset({"title", "name"})


@cache
def _lenient(compiler_class):
    def check(self):
        pass

    return type(f"Lenient{compiler_class.__name__}", (compiler_class,), {"check": check})


@cache
def _weighted_compiler():
    # Imported here: these modules need the SQLite FTS table's model, which
    # exists only on SQLite.
    from django.utils.functional import cached_property
    from modelsearch.backends.database.sqlite import sqlite
    from modelsearch.backends.database.sqlite.query import BM25, SQLiteFTSIndexEntry
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchQueryCompiler
    from modelsearch.index import SearchField
    from modelsearch.query import Not, Phrase, PlainText

    class TitledIndexer(sqlite.ObjectIndexer):
        """Top-level ``title`` and ``name`` fields go in the title column, the rest in the body."""

        def _is_title(self, field):
            return isinstance(field, SearchField) and field.field_name in TITLE_FIELDS

        @cached_property
        def title(self):
            return " ".join(
                self.prepare_value(field.get_value(self.obj))
                for field in self.search_fields
                if self._is_title(field)
            )

        @cached_property
        def body(self):
            texts = []
            for field in self.search_fields:
                if self._is_title(field):
                    continue
                for current_field, value in self.prepare_field(self.obj, field):
                    if isinstance(current_field, SearchField):
                        texts.append(value)
            return " ".join(texts)

    # SQLiteIndex builds its indexers from this module-level name.
    sqlite.ObjectIndexer = TitledIndexer

    class WeightedBM25(BM25):
        def as_sql(self, compiler, connection, function=None, template=None):
            return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, {COLUMN_WEIGHTS})", []

    class WeightedCompiler(_lenient(SQLiteSearchQueryCompiler)):
        def build_tsrank(self, vector, query, config=None, boost=1.0):
            if isinstance(query, (Phrase, PlainText, Not)):
                rank = WeightedBM25()
                return rank * boost if boost != 1.0 else rank
            return super().build_tsrank(vector, query, config=config, boost=boost)

        def _build_rank_expression(self, vectors, config):
            # One bm25 with column weights; Wagtail's own multiplies it by a title-length
            # norm that lets any short title ("Oldham Council") outrank the best match.
            return self.build_tsrank(None, self.query, config=config)

    return WeightedCompiler


def SearchBackend(params):  # noqa: N802 (Wagtail imports a backend by this name)
    backend = database_backend(params)
    if type(backend).__name__ == "SQLiteSearchBackend":
        backend.query_compiler_class = _weighted_compiler()
    else:
        backend.query_compiler_class = _lenient(backend.query_compiler_class)
    return backend


class SQLiteRanked:
    """Ranked matches of a queryset on SQLite in one pass over the FTS table.

    Wagtail's SQLite backend scores each match with a correlated subquery that
    runs the full-text match again per row, which grows with the square of the
    matches; here the match runs once, joined to the visible objects' ids, and
    only one page of objects is fetched. Quacks like search results: count()
    and slicing, each object with ``_score`` (bm25, lower is better).
    """

    def __init__(self, queryset, words: list[str], operator: str = "and"):
        from django.contrib.contenttypes.models import ContentType

        self.queryset = queryset
        joiner = " AND " if operator == "and" else " OR "
        quoted = [f'"{word}"' for word in words]
        if quoted:
            quoted[-1] += "*"  # the last word may be half typed
        self.match = "{title body} : (" + joiner.join(quoted) + ")"
        model = queryset.model
        concrete = model._meta.concrete_model
        self.content_types = [
            ct.pk
            for ct in ContentType.objects.get_for_models(
                *_models_below(concrete), for_concrete_models=False
            ).values()
        ]

    def _sql(self, select: str, tail: str = ""):
        visible_sql, visible_params = self.queryset.order_by().values("pk").query.sql_with_params()
        marks = ", ".join(["%s"] * len(self.content_types)) or "NULL"
        # Only fixed text and Django's compiled SQL are formatted in; values are parameters.
        sql = (
            f"SELECT {select} FROM wagtailsearch_indexentry_fts "  # noqa: S608
            "JOIN wagtailsearch_indexentry e ON e.id = wagtailsearch_indexentry_fts.rowid "
            f"WHERE wagtailsearch_indexentry_fts MATCH %s AND e.content_type_id IN ({marks}) "
            f"AND e.object_id IN (SELECT CAST(v.pk AS TEXT) FROM ({visible_sql}) v) {tail}"
        )
        return sql, [self.match, *self.content_types, *visible_params]

    def count(self) -> int:
        from django.core.exceptions import EmptyResultSet
        from django.db import connection

        try:
            # Counted up to COUNT_CAP with the ranked query's own shape: SQLite plans
            # a bare COUNT over this join far worse (seconds rather than milliseconds).
            sql, params = self._sql(
                f"e.object_id, bm25(wagtailsearch_indexentry_fts, {COLUMN_WEIGHTS}) AS score",
                "ORDER BY score LIMIT %s",
            )
            sql = f"SELECT COUNT(*) FROM ({sql})"  # noqa: S608
            params = [*params, COUNT_CAP]
        except EmptyResultSet:  # the reader may open none of them
            return 0
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()[0]

    def __getitem__(self, item):
        from django.core.exceptions import EmptyResultSet
        from django.db import connection

        start = (item.start or 0) if isinstance(item, slice) else item
        stop = item.stop if isinstance(item, slice) else item + 1
        try:
            sql, params = self._sql(
                f"e.object_id, bm25(wagtailsearch_indexentry_fts, {COLUMN_WEIGHTS}) AS score",
                "ORDER BY score, e.object_id LIMIT %s OFFSET %s",
            )
        except EmptyResultSet:
            return []
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, stop - start, start])
            rows = cursor.fetchall()
        pk_field = self.queryset.model._meta.pk
        scores = {pk_field.to_python(object_id): score for object_id, score in rows}
        objects = {obj.pk: obj for obj in self.queryset.filter(pk__in=list(scores))}
        found = []
        for pk, score in scores.items():
            if pk in objects:
                objects[pk]._score = score
                found.append(objects[pk])
        return found if isinstance(item, slice) else found[0]


def _models_below(model):
    found = [model]
    for sub in model.__subclasses__():
        if not sub._meta.abstract and not sub._meta.proxy:
            found += _models_below(sub)
    return found
