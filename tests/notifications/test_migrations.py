"""Moving Notification from core to its own app keeps the table and every row in it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from notifications.models import Notification
from notifications.services import notify


def rows_in_table() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM core_notification")
        return cursor.fetchone()[0]


def test_the_model_keeps_the_core_table():
    assert Notification._meta.db_table == "core_notification"


@pytest.mark.django_db(transaction=True)
def test_migrating_back_to_core_and_forward_again_keeps_every_notification(officer):
    notify(recipients=[officer], kind="t", title="Kept across the move")
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate([("core", "0002_initial")])
        assert rows_in_table() == 1
        executor = MigrationExecutor(connection)
        state = executor.loader.project_state([("core", "0002_initial")])
        assert ("core", "notification") in state.models
        assert ("notifications", "notification") not in state.models
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(leaves)
    assert Notification.objects.get().title == "Kept across the move"
    assert rows_in_table() == 1
