"""A hidden or deleted opening post leaves the feed and search; restoring brings it back."""

import pytest
from django.urls import reverse

from forum.services.moderation import post_hide
from forum.services.posts import post_delete, post_restore
from tests.forum.factories import reply, thread

pytestmark = pytest.mark.django_db

WORD = "Quillfeather"
TITLE = "Heat networks"


def _feed(client, category):
    return client.get(reverse("forum:category_feed", args=[category.slug])).content.decode()


def _site_search(client):
    return client.get("/search/", {"q": WORD}).content.decode()


def _forum_search(client):
    return client.get(reverse("forum:search"), {"q": WORD}).content.decode()


def _found(client, category) -> dict[str, bool]:
    """Whether the opening text shows in the feed, and the thread is a hit for it in search.

    The search pages repeat the query, so a hit there is the thread's title.
    """
    return {
        "feed": WORD in _feed(client, category),
        "site search": TITLE in _site_search(client),
        "forum search": TITLE in _forum_search(client),
    }


@pytest.mark.parametrize("how", ["hide", "delete"])
def test_hidden_or_deleted_opening_post_leaves_the_feed_and_search(
    how, client_for, public_category, officer, moderator
):
    t = thread(public_category, officer, title=TITLE, body=f"Our {WORD} pilot")
    visitor = client_for(None)
    assert _found(visitor, public_category) == dict.fromkeys(
        ["feed", "site search", "forum search"], True
    )
    opening = t.posts.get(number=1)
    if how == "hide":
        post_hide(post=opening, moderator=moderator)
    else:
        post_delete(post=opening, user=officer)
    assert _found(visitor, public_category) == dict.fromkeys(
        ["feed", "site search", "forum search"], False
    )
    post_restore(post=opening, user=moderator if how == "hide" else officer)
    t.refresh_from_db()
    assert t.opening_text == f"Our {WORD} pilot"
    assert _found(visitor, public_category) == dict.fromkeys(
        ["feed", "site search", "forum search"], True
    )


def test_hiding_a_reply_keeps_the_opening_text(public_category, officer, other_officer, moderator):
    t = thread(public_category, officer, body=f"Opening {WORD}")
    post = reply(t, other_officer, body="A reply")
    post_hide(post=post, moderator=moderator)
    post_restore(post=post, user=moderator)
    t.refresh_from_db()
    assert t.opening_text == f"Opening {WORD}"
