"""Editing counts as posting: an edit keeps the interval between posts and the posting rates."""

import pytest
from django.core.cache import cache

from core.errors import RateLimited

pytestmark = pytest.mark.django_db


@pytest.fixture
def interval(settings):
    """Five seconds between posts, as in production; the per-minute rate out of the way."""
    settings.HUB_POST_INTERVAL = 5
    settings.HUB_POST_RATE = "1000/m"
    return settings


def _interval_passes(member) -> None:
    cache.delete(f"ratelimit:interval:{member.pk}")  # as when five seconds have gone


def test_editing_an_idea_within_the_interval_is_refused(interval, officer):
    from ideasbank import services

    idea = services.idea_create(
        author=officer, title="Solar on every school", summary="Schools host panels.",
        themes="community energy",
    )  # fmt: skip
    with pytest.raises(RateLimited, match="Wait 5 seconds"):
        services.idea_update(
            idea=idea, actor=officer, title="Solar on every school roof",
            summary="Schools host panels.", themes="community energy", visibility="public",
        )  # fmt: skip
    idea.refresh_from_db()
    assert idea.title == "Solar on every school"
    _interval_passes(officer)
    services.idea_update(
        idea=idea, actor=officer, title="Solar on every school roof",
        summary="Schools host panels.", themes="community energy", visibility="public",
    )  # fmt: skip
    idea.refresh_from_db()
    assert idea.title == "Solar on every school roof"


def test_editing_a_comment_within_the_interval_is_refused(interval, officer):
    from ideasbank import services

    idea = services.idea_create(
        author=officer, title="Food co-ops", summary="Shared buying.", themes="food"
    )
    _interval_passes(officer)
    comment = services.comment_create(idea=idea, author=officer, body="First thought.")
    with pytest.raises(RateLimited):
        services.comment_edit(comment=comment, actor=officer, body="Second thought.")
    comment.refresh_from_db()
    assert comment.body == "First thought."


def test_an_edit_then_a_post_in_another_feature_is_refused(interval, officer):
    from ideasbank import services

    idea = services.idea_create(
        author=officer, title="Food co-ops", summary="Shared buying.", themes="food"
    )
    _interval_passes(officer)
    comment = services.comment_create(idea=idea, author=officer, body="First thought.")
    _interval_passes(officer)
    services.comment_edit(comment=comment, actor=officer, body="Second thought.")
    with pytest.raises(RateLimited):
        services.comment_create(idea=idea, author=officer, body="Third thought.")


def test_editing_a_forum_post_within_the_interval_is_refused(interval, officer):
    from forum.models import Visibility
    from forum.services.posts import post_edit
    from tests.forum.factories import CategoryFactory, thread

    category = CategoryFactory(slug="edits", visibility=Visibility.PUBLIC)
    result = thread(category, officer, title="Energy co-ops")
    post = result.posts.get(number=1)
    with pytest.raises(RateLimited):
        post_edit(post=post, user=officer, body="Changed at once.")
    _interval_passes(officer)
    assert post_edit(post=post, user=officer, body="Changed later.").body == "Changed later."


def test_an_unchanged_forum_post_is_not_counted(interval, officer):
    from forum.models import Visibility
    from forum.services.posts import post_edit
    from tests.forum.factories import CategoryFactory, thread

    category = CategoryFactory(slug="same", visibility=Visibility.PUBLIC)
    result = thread(category, officer, title="Energy co-ops")
    post = result.posts.get(number=1)
    assert post_edit(post=post, user=officer, body=post.body).pk == post.pk


def test_editing_a_placement_within_the_interval_is_refused(interval, lead, officer):
    from mentoring.services.placements import placement_create, placement_update
    from tests.mentoring.conftest import details

    placement = placement_create(actor=lead, details=details(officer))
    with pytest.raises(RateLimited):
        placement_update(actor=lead, placement=placement, details=details(officer, places=3))
    placement.refresh_from_db()
    assert placement.places == 2
    _interval_passes(lead)
    assert placement_update(
        actor=lead, placement=placement, details=details(officer, places=3)
    ).places == 3  # fmt: skip


def test_editing_a_liveblog_entry_counts_against_the_liveblog_rate(settings, editor):
    from cms.demo import home_page
    from liveblogs.models import LiveblogIndexPage, LiveblogPage
    from liveblogs.services import EntryFields, entry_post, entry_update

    settings.HUB_LIVEBLOG_POST_RATE = "1/m"
    index = home_page().add_child(instance=LiveblogIndexPage(title="Liveblogs", slug="lb"))
    page = index.add_child(instance=LiveblogPage(title="Live", slug="live", state="live"))
    entry = entry_post(page=page, author=editor, fields=EntryFields(body="Opening."))
    with pytest.raises(RateLimited, match="posting very fast"):
        entry_update(entry=entry, editor=editor, fields=EntryFields(body="Opening remarks."))
    entry.refresh_from_db()
    assert entry.body == "Opening."
