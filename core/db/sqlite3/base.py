"""Django's SQLite backend, with closed connections kept for the next request.

Under daphne every request runs in a thread of its own, so Django opens a new
SQLite connection for each request that touches the database and closes it at
the end. A new SQLite connection parses the whole schema (here some 130 tables
and 320 indexes) on its first query: about a millisecond on the project's
machines, more than a minimal view costs, paid by every signed-in page before
its first row. Here a closed connection goes back to a small pool in the
process, and the next request takes it with its schema already parsed.

A connection is pooled only when nothing is left open on it (no transaction,
not closed inside an atomic block), and reused only in the process that opened
it, for the same settings and the same database file (a file deleted and made
again, as test databases are, gets new connections). In-memory databases are
never pooled.
"""

import os
import threading

from django.db.backends.sqlite3 import base

POOL_SIZE = 8

_lock = threading.Lock()
# (process, connection settings) -> [(connection, file identity)]
_pools: dict[tuple, list[tuple]] = {}


def _file_identity(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


class DatabaseWrapper(base.DatabaseWrapper):
    def _pool_key(self, conn_params: dict) -> tuple | None:
        if self.is_in_memory_db():
            return None
        settings = sorted((key, repr(value)) for key, value in conn_params.items())
        return (os.getpid(), tuple(settings), self.transaction_mode, tuple(self.init_commands))

    def get_new_connection(self, conn_params):
        key = self._pool_key(conn_params)
        self._hub_pool = None
        if key is None:
            return super().get_new_connection(conn_params)
        identity = _file_identity(str(conn_params["database"]))
        connection = None
        with _lock:
            pool = _pools.get(key, [])
            while pool and connection is None:
                candidate, candidate_identity = pool.pop()
                if candidate_identity == identity and identity is not None:
                    connection = candidate
                else:
                    candidate.close()
        if connection is None:
            connection = super().get_new_connection(conn_params)
            # The file exists once connected, if it did not before.
            identity = identity or _file_identity(str(conn_params["database"]))
        else:
            # What Django sets on each new connection; none of it reads the schema.
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA legacy_alter_table = OFF")
            for init_command in self.init_commands:
                if init_command := init_command.strip():
                    connection.execute(init_command)
        self._hub_pool = (key, identity)
        return connection

    def _close(self):
        connection, pool = self.connection, getattr(self, "_hub_pool", None)
        if connection is None or pool is None or self.in_atomic_block:
            return super()._close()
        key, identity = pool
        self._hub_pool = None
        try:
            if connection.in_transaction:
                connection.rollback()
        except Exception:
            return super()._close()
        with _lock:
            kept = _pools.setdefault(key, [])
            if identity is not None and len(kept) < POOL_SIZE:
                kept.append((connection, identity))
                return None
        return super()._close()
