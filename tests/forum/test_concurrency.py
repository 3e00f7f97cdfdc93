"""Posting at the same moment, against PostgreSQL with real threads."""

import pytest

from forum.models import Post
from forum.services.posts import post_create
from tests import factories
from tests.concurrency import raised, run_together
from tests.forum.factories import thread

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_concurrent_replies_get_distinct_consecutive_numbers(public_category, council):
    people = [factories.officer(council) for _ in range(8)]
    t = thread(public_category, people[0])
    errors = raised(
        run_together(
            [lambda p=p: post_create(thread=t, author=p, body=f"From {p.email}") for p in people]
        )
    )
    assert errors == []
    numbers = sorted(Post.objects.filter(thread=t).values_list("number", flat=True))
    assert numbers == list(range(1, 10))
    t.refresh_from_db()
    assert (t.last_number, t.visible_count) == (9, 9)
    positions = sorted(Post.objects.filter(thread=t).values_list("position", flat=True))
    assert positions == list(range(1, 10))


def test_a_double_submit_at_the_same_moment_is_stored_once(public_category, officer):
    t = thread(public_category, officer)
    errors = raised(
        run_together([lambda: post_create(thread=t, author=officer, body="Same") for _ in range(4)])
    )
    assert errors == []
    assert Post.objects.filter(thread=t, body="Same").count() == 1
