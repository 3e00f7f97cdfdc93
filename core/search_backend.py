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


@cache
def _lenient(compiler_class):
    def check(self):
        pass

    return type(f"Lenient{compiler_class.__name__}", (compiler_class,), {"check": check})


@cache
def _weighted_compiler():
    # Imported here: these modules need the SQLite FTS table's model, which
    # exists only on SQLite.
    from modelsearch.backends.database.sqlite.query import BM25, SQLiteFTSIndexEntry
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchQueryCompiler
    from modelsearch.query import Not, Phrase, PlainText

    class WeightedBM25(BM25):
        def as_sql(self, compiler, connection, function=None, template=None):
            return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, {COLUMN_WEIGHTS})", []

    class WeightedCompiler(_lenient(SQLiteSearchQueryCompiler)):
        def build_tsrank(self, vector, query, config=None, boost=1.0):
            if isinstance(query, (Phrase, PlainText, Not)):
                rank = WeightedBM25()
                return rank * boost if boost != 1.0 else rank
            return super().build_tsrank(vector, query, config=config, boost=boost)

    return WeightedCompiler


def SearchBackend(params):  # noqa: N802 (Wagtail imports a backend by this name)
    backend = database_backend(params)
    if type(backend).__name__ == "SQLiteSearchBackend":
        backend.query_compiler_class = _weighted_compiler()
    else:
        backend.query_compiler_class = _lenient(backend.query_compiler_class)
    return backend
