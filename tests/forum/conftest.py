import pytest

from tests.forum.factories import CategoryFactory


@pytest.fixture(autouse=True)
def _no_post_rate_limit(settings):
    # Tests post quickly; the rate-limit tests set their own rate.
    settings.HUB_POST_RATE = "10000/m"


@pytest.fixture
def public_category(db):
    return CategoryFactory(name="Community energy", slug="community-energy", visibility="public")


@pytest.fixture
def members_category(db):
    return CategoryFactory(name="Officers' lounge", slug="officers-lounge", visibility="members")


@pytest.fixture(scope="session", autouse=True)
def _close_connection_pools(django_db_setup, django_db_blocker):
    """Close PostgreSQL connections left by other threads before the test database is dropped.

    Threads from database_sync_to_async and the concurrency tests hand their
    connections back to the pool, which would otherwise keep the database busy.
    Only sessions on this run's own test database are ended.
    """
    yield
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock():
        for conn in connections.all(initialized_only=True):
            if getattr(conn, "pool", None) is not None:
                conn.close_pool()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
