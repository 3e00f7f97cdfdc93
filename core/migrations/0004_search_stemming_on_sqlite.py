"""Stemming for the site search on SQLite: rebuild the FTS5 table with the porter tokenizer.

Wagtail creates ``wagtailsearch_indexentry_fts`` with FTS5's default tokenizer,
which does not stem, so "idea" never finds "ideas". PostgreSQL stems already
(the 'english' search configuration); this does nothing there.
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry_fts"


def porter_tokenizer(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name=%s", [TABLE]
        )
        if not cursor.fetchone()[0]:
            return
        cursor.execute(f"DROP TABLE {TABLE}")
        cursor.execute(
            f"CREATE VIRTUAL TABLE {TABLE} USING fts5(autocomplete, body, title, "
            "tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        cursor.execute(
            f"INSERT INTO {TABLE}(rowid, title, body, autocomplete) "
            "SELECT id, title, body, autocomplete FROM wagtailsearch_indexentry"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_notification_moves_to_notifications_app"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(porter_tokenizer, migrations.RunPython.noop)]
