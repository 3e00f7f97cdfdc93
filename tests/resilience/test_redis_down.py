"""Redis stops and comes back: pages, sign-in and posts hold, /healthz/ says what is down.

The test starts its own redis-server (never the machine's shared one) and gives
the site the cache, sessions and channel layer that config/settings.py builds
for a REDIS_URL, pointed at it. Then it stops that server, browses and posts,
starts it again on the same port and posts once more.
"""

import os
import runpy
from pathlib import Path

import pytest
from channels.layers import channel_layers
from django.test import Client, override_settings
from wagtail.models import Page

from cms.demo import home_page
from ideasbank import services as ideas
from ideasbank.models import Visibility
from liveblogs.models import Entry, LiveblogIndexPage, LiveblogPage
from tests import factories
from tests.deploy.servers import RedisServer

pytestmark = pytest.mark.django_db(transaction=True)

SETTINGS_FILE = Path(__file__).resolve().parents[2] / "config" / "settings.py"


def redis_settings(url: str) -> dict:
    """CACHES, CHANNEL_LAYERS and SESSION_ENGINE exactly as the settings build them for url."""
    saved = os.environ.get("REDIS_URL")
    os.environ["REDIS_URL"] = url
    try:
        built = runpy.run_path(str(SETTINGS_FILE))
    finally:
        if saved is None:
            del os.environ["REDIS_URL"]
        else:
            os.environ["REDIS_URL"] = saved
    layers = built["CHANNEL_LAYERS"]
    layers["default"]["CONFIG"]["prefix"] = "hub-redis-down"
    return {
        "CACHES": built["CACHES"],
        "CHANNEL_LAYERS": layers,
        "SESSION_ENGINE": built["SESSION_ENGINE"],
    }


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def on_own_redis(redis_server):
    with override_settings(**redis_settings(redis_server.url)):
        channel_layers.backends.clear()
        yield redis_server
    channel_layers.backends.clear()


def _liveblog():
    index = LiveblogIndexPage.objects.first()
    if index is None:
        index = LiveblogIndexPage(title="Liveblogs", slug="liveblogs")
        home_page().add_child(instance=index)
        index.save_revision().publish()
    page = LiveblogPage(title="Assembly live", slug="assembly-live", state=LiveblogPage.State.LIVE)
    index.add_child(instance=page)
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


def _client(user=None) -> Client:
    # A 500 must show as a 500 here, not as the exception re-raised into the test.
    client = Client(raise_request_exception=False)
    if user is not None:
        assert client.login(email=user.email, password=factories.PASSWORD)
    return client


def _post_entry(client, page, body):
    return client.post(
        f"{page.url}entries/",
        {"body": body},
        HTTP_ACCEPT="application/json",
    )


def _page_ok(response) -> bool:
    """200, or a clear 503 page; never a 500."""
    if response.status_code == 503:
        return b"<html" in response.content.lower() or b"<!doctype" in response.content.lower()
    return response.status_code == 200


def test_redis_down_pages_and_sign_in_hold_healthz_says_so_and_the_first_post_after_is_stored_once(
    on_own_redis, settings
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    member = factories.officer(name="Rita Member")
    editor = factories.network_editor(name="Nadia Editor")
    idea = ideas.idea_create(
        author=member,
        title="Shared procurement of school meals",
        summary="Councils buy together.",
        body="Buying together saves money.",
        themes="procurement",
        visibility=Visibility.PUBLIC,
    )
    page = _liveblog()
    # Signed in while Redis is up: the session is in Redis and in the database.
    reader = _client(member)
    writer = _client(editor)
    assert _post_entry(writer, page, "Before the outage").status_code == 200
    assert reader.get("/healthz/").status_code == 200

    on_own_redis.stop()

    visitor = _client()
    for client, path in [
        (visitor, "/"),
        (visitor, f"/ideas/{idea.pk}/"),
        (visitor, "/ideas/"),
        (visitor, page.url),
        (reader, "/"),
        (reader, f"/ideas/{idea.pk}/"),
        (reader, "/members/account/"),
        (reader, "/notifications/"),
    ]:
        response = client.get(path)
        assert _page_ok(response), (path, response.status_code)
    # Still signed in: the session came from the database.
    account = reader.get("/members/account/")
    assert account.status_code == 200
    assert member.email in account.content.decode()

    health = visitor.get("/healthz/")
    assert health.status_code == 503
    checks = health.json()["checks"]
    assert checks["cache"] == "down"
    assert checks["channel_layer"] == "down"
    assert checks["database"] == "ok"

    # Signing in works without Redis (allauth's limits fail open, not shut).
    late = _client()
    response = late.post(
        "/accounts/login/", {"login": member.email, "password": factories.PASSWORD}
    )
    assert response.status_code == 302, response.status_code
    assert late.get("/members/account/").status_code == 200

    # A post while Redis is down is saved and says so; its broadcast is logged.
    during = _post_entry(writer, page, "During the outage")
    assert during.status_code == 200, during.content[:300]
    assert during.json()["change"]["seq"] == 2

    on_own_redis.start()

    first = _post_entry(writer, page, "First after Redis returned")
    assert first.status_code == 200, first.content[:300]
    assert first.json()["change"]["seq"] == 3
    bodies = list(Entry.objects.filter(page=page).order_by("pk").values_list("body", flat=True))
    assert bodies == ["Before the outage", "During the outage", "First after Redis returned"]
    assert visitor.get("/healthz/").status_code == 200
    assert _page_ok(reader.get("/members/account/"))


def test_with_redis_down_a_signed_in_page_never_answers_500(on_own_redis, settings):
    """Every signed-in page type a member opens most, with Redis gone from the start."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    member = factories.officer(name="Rita Member")
    ideas.idea_create(
        author=member,
        title="Shared procurement of school meals",
        summary="Councils buy together.",
        body="Buying together saves money.",
        themes="procurement",
        visibility=Visibility.PUBLIC,
    )
    home_page()
    on_own_redis.stop()
    client = _client(member)
    for path in [
        "/",
        "/ideas/",
        "/ideas/new/",
        "/discussions/",
        "/members/people/",
        "/search/?q=x",
    ]:
        response = client.get(path)
        assert _page_ok(response), (path, response.status_code)


def test_the_cache_answers_a_miss_when_redis_is_away(caplog):
    """Each cache call the site makes, against a Redis that is not there: no exception."""
    from core.cache import FailSoftRedisCache

    options = redis_settings("redis://127.0.0.1:1/0")["CACHES"]["default"]
    cache = FailSoftRedisCache(options["LOCATION"], dict(options))
    FailSoftRedisCache._last_warning = 0.0  # warnings are spaced out; start afresh
    with caplog.at_level("WARNING", logger="core.cache"):
        assert cache.get("k") is None
        assert cache.get("k", "fallback") == "fallback"
        assert cache.get_many(["a", "b"]) == {}
        # add() reports success, so a lock or an interval does not hold anyone up.
        assert cache.add("k", 1) is True
        assert cache.set("k", 1) is None
        assert cache.set_many({"a": 1}) == []
        assert cache.incr("k") == 1
        assert cache.get_or_set("k", 5) == 5
        assert cache.delete("k") is False
        assert cache.touch("k") is False
    assert "serving without the cache" in caplog.text


def _connections(url: str) -> int:
    import redis

    with redis.Redis.from_url(url) as client:
        return client.info("clients")["connected_clients"] - 1  # less this one


def test_the_cache_objects_of_many_requests_share_one_connection(redis_server):
    # Under ASGI each request has its own cache object (Django's caches are
    # context-local); they must not each open a connection to Redis.
    from django.utils.module_loading import import_string

    config = redis_settings(redis_server.url)["CACHES"]["default"]
    backend = import_string(config["BACKEND"])
    before = _connections(redis_server.url)
    for n in range(20):
        cache = backend(config["LOCATION"], config)
        cache.set(f"request-{n}", n)
        assert cache.get(f"request-{n}") == n
    assert _connections(redis_server.url) - before <= 1


def test_a_rate_counter_counts_expires_and_fails_open(redis_server):
    import redis
    from django.utils.module_loading import import_string

    config = redis_settings(redis_server.url)["CACHES"]["default"]
    cache = import_string(config["BACKEND"])(config["LOCATION"], config)
    assert [cache.count("posts", timeout=61) for _ in range(3)] == [1, 2, 3]
    with redis.Redis.from_url(redis_server.url) as client:
        (key,) = client.keys("*posts")
        assert 0 < client.ttl(key) <= 61
    redis_server.stop()
    # With Redis away the limit fails open, like every other cache call.
    assert cache.count("posts", timeout=61) == 1
    redis_server.start()
    assert cache.count("posts", timeout=61) == 1  # a new Redis: the window starts again
