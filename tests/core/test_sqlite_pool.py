"""The SQLite backend keeps closed connections for the next request, and only clean ones."""

import os
import sqlite3

import pytest
from django.db import connection

from core.db.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the pool is the embedded setup's SQLite backend"
)


@pytest.fixture(autouse=True)
def _own_files(django_db_blocker):
    # These tests open their own database files, not the test database.
    with django_db_blocker.unblock():
        yield


def wrapper(path):
    """A connection to another database file, configured as the site's own."""
    settings = {**connection.settings_dict, "NAME": str(path), "TEST": {}}
    return DatabaseWrapper(settings, alias=f"pool-{path.name}")


def opened(path):
    db = wrapper(path)
    db.ensure_connection()
    return db


def test_a_closed_connection_is_taken_by_the_next_one(tmp_path):
    first = opened(tmp_path / "a.sqlite3")
    raw = first.connection
    first.close()
    assert first.connection is None
    second = opened(tmp_path / "a.sqlite3")
    assert second.connection is raw
    # Django's own settings hold on the reused connection.
    assert second.connection.execute("PRAGMA foreign_keys").fetchone() == (1,)
    second.close()


def test_an_open_transaction_is_rolled_back_before_the_connection_is_reused(tmp_path):
    first = opened(tmp_path / "b.sqlite3")
    first.connection.execute("BEGIN")
    first.connection.execute("CREATE TABLE half_done (x)")
    first.close()
    second = opened(tmp_path / "b.sqlite3")
    assert not second.connection.in_transaction
    tables = second.connection.execute("SELECT name FROM sqlite_master").fetchall()
    assert ("half_done",) not in tables
    second.close()


def test_a_connection_closed_inside_an_atomic_block_is_not_kept(tmp_path):
    first = opened(tmp_path / "c.sqlite3")
    raw = first.connection
    first.in_atomic_block = True  # as Django marks it inside transaction.atomic()
    first.close()
    first.in_atomic_block = False
    second = opened(tmp_path / "c.sqlite3")
    assert second.connection is not raw
    second.close()


def test_a_database_file_made_again_gets_new_connections(tmp_path):
    path = tmp_path / "d.sqlite3"
    first = opened(path)
    raw = first.connection
    first.close()
    os.remove(path)
    fresh = sqlite3.connect(path)
    fresh.execute("CREATE TABLE marker (x)")
    fresh.close()
    second = opened(path)
    assert second.connection is not raw
    assert second.connection.execute("SELECT count(*) FROM marker").fetchone() == (0,)
    second.close()


def test_connections_to_other_files_are_never_shared(tmp_path):
    first = opened(tmp_path / "e.sqlite3")
    raw = first.connection
    first.close()
    other = opened(tmp_path / "f.sqlite3")
    assert other.connection is not raw
    other.close()
