"""The one set-up of posts for a page, shared by the thread page and the new-posts fragment."""

import pytest
from django.contrib.auth.models import AnonymousUser

from forum.models import Post
from forum.services.moderation import post_hide
from forum.views.threads import decorate_posts
from tests.forum.factories import reply, thread

pytestmark = pytest.mark.django_db


def test_decorate_posts_sets_up_each_post_for_the_reader(
    public_category, officer, other_officer, moderator
):
    t = thread(public_category, officer)
    reply(t, officer)
    theirs = reply(t, other_officer)
    post_hide(post=theirs, moderator=moderator)
    posts = list(Post.objects.filter(thread=t).order_by("number"))
    # The officer has read up to post 2.
    decorate_posts(officer, t, posts, unread_after=2)
    assert [p.is_unread for p in posts] == [False, False, True]
    assert [p.can_edit for p in posts] == [True, True, False]
    assert [p.show_body for p in posts] == [True, True, False]
    assert [p.can_report for p in posts] == [False, False, True]
    assert all(p.thread is t and p.history == [] for p in posts)
    decorate_posts(AnonymousUser(), t, posts, unread_after=None)
    assert not any(p.is_unread for p in posts)
