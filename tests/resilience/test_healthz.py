"""/healthz/ reports each dependency, so a load balancer can take a broken process out."""

import os

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

NOWHERE = "redis://127.0.0.1:1/0"
BROKEN_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": NOWHERE}
}
BROKEN_LAYER = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {"hosts": [{"address": NOWHERE}]},
    }
}
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_all_dependencies_up_answers_200_with_each_listed(client):
    with override_settings(TASKS=DB_TASKS):
        response = client.get("/healthz/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["task_queue"] == "ok"


def test_a_redis_cache_that_is_down_answers_503_and_names_it(client):
    with override_settings(CACHES=BROKEN_CACHE):
        response = client.get("/healthz/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert body["checks"]["cache"] == "down"
    assert body["checks"]["database"] == "ok"


def test_a_redis_channel_layer_that_is_down_answers_503_and_names_it(client):
    with override_settings(CHANNEL_LAYERS=BROKEN_LAYER):
        response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["checks"]["channel_layer"] == "down"
    assert response.json()["checks"]["database"] == "ok"


def test_a_database_that_fails_answers_503(client, monkeypatch):
    from core import health

    def broken():
        raise RuntimeError("the database is gone")

    monkeypatch.setattr(health, "_database", broken)
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "down"


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (set REDIS_URL)")
def test_with_redis_up_cache_and_layer_are_ok(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json()["checks"]["cache"] == "ok"
    assert response.json()["checks"]["channel_layer"] == "ok"
