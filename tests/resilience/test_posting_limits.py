"""Posting keeps a minimum interval per member across features; each address has a request limit."""

import pytest

from core.errors import RateLimited
from core.ratelimit import enforce

pytestmark = pytest.mark.django_db


@pytest.fixture
def interval(settings):
    settings.HUB_POST_INTERVAL = 5
    settings.HUB_POST_RATE = "1000/m"
    return settings


def test_a_second_post_within_the_interval_is_refused_in_any_feature(interval):
    enforce("forum-post:7", interval.HUB_POST_RATE)
    with pytest.raises(RateLimited, match="Wait 5 seconds"):
        enforce("ideas-post:7", interval.HUB_POST_RATE)


def test_the_interval_is_per_member(interval):
    enforce("forum-post:7", interval.HUB_POST_RATE)
    enforce("forum-post:8", interval.HUB_POST_RATE)


def test_the_interval_passes(interval):
    from django.core.cache import cache

    enforce("forum-post:7", interval.HUB_POST_RATE)
    cache.delete("ratelimit:interval:7")  # as when five seconds have gone
    enforce("mentoring-post:7", interval.HUB_POST_RATE)


def test_a_second_thread_within_five_seconds_is_refused_by_the_service(interval, officer):
    from forum.models import Visibility
    from tests.forum.factories import CategoryFactory, thread

    category = CategoryFactory(slug="interval", visibility=Visibility.PUBLIC)
    thread(category, officer, title="First post")
    with pytest.raises(RateLimited):
        thread(category, officer, title="Second post at once")


def test_the_sixth_request_past_the_address_limit_gets_a_429_page(client, settings):
    settings.HUB_REQUEST_RATE = "5/m"
    statuses = [client.get("/search/?q=energy").status_code for _ in range(6)]
    assert statuses[:5] == [200] * 5
    assert statuses[5] == 429
    page = client.get("/search/?q=energy")
    assert page.status_code == 429
    assert b"Too many requests" in page.content


def test_static_files_and_the_health_check_are_not_counted(client, settings):
    settings.HUB_REQUEST_RATE = "2/m"
    for _ in range(5):
        assert client.get("/healthz/").status_code == 200
    assert client.get("/search/?q=energy").status_code == 200


def test_addresses_are_counted_apart(settings):
    from django.test import Client

    settings.HUB_REQUEST_RATE = "2/m"
    first = Client(REMOTE_ADDR="198.51.100.1")
    for _ in range(3):
        first.get("/search/?q=a")
    assert first.get("/search/?q=a").status_code == 429
    assert Client(REMOTE_ADDR="198.51.100.2").get("/search/?q=a").status_code == 200
