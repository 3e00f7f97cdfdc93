"""Unread counts: visible posts after my last read position, kept by subtraction."""

import pytest

from forum.models import Post, ReadState, Thread
from forum.services.moderation import post_hide, thread_move
from forum.services.posts import post_delete, post_restore
from forum.services.read_state import thread_mark_read
from tests.forum.factories import reply, thread

pytestmark = pytest.mark.django_db


def unread(user, t):
    """The count the lists show, read back the way the lists read it."""
    return Thread.objects.with_read_state(user).get(pk=t.pk).unread_count


def visible_posts(t):
    return Post.objects.filter(thread=t, deleted_at__isnull=True, hidden_at__isnull=True)


def true_unread(user, t):
    """The definition, by brute force: visible posts after my last read number."""
    state = ReadState.objects.filter(user=user, thread=t).first()
    after = state.last_read_number if state else 0
    return visible_posts(t).filter(number__gt=after).count()


def read_all(user, t):
    t.refresh_from_db()
    thread_mark_read(thread=t, user=user, number=t.last_number)


def test_a_thread_never_opened_has_no_read_state_and_shows_as_new(
    public_category, officer, other_officer
):
    t = thread(public_category, officer)
    assert unread(other_officer, t) is None
    assert unread(officer, t) == 0  # the author has read their own opening post


def test_replies_by_others_are_unread_and_reading_clears_them(
    public_category, officer, other_officer
):
    t = thread(public_category, officer)
    read_all(other_officer, t)
    reply(t, officer)
    reply(t, officer)
    assert unread(other_officer, t) == 2 == true_unread(other_officer, t)
    read_all(other_officer, t)
    assert unread(other_officer, t) == 0


def test_my_own_reply_marks_everything_before_it_read(public_category, officer, other_officer):
    t = thread(public_category, officer)
    read_all(other_officer, t)
    reply(t, officer)
    reply(t, other_officer)
    assert unread(other_officer, t) == 0
    assert unread(officer, t) == 1 == true_unread(officer, t)


def test_reading_part_way_counts_the_rest(public_category, officer, other_officer):
    t = thread(public_category, officer)
    for _ in range(5):
        reply(t, officer)
    thread_mark_read(thread=t, user=other_officer, number=3)
    assert unread(other_officer, t) == 3 == true_unread(other_officer, t)
    thread_mark_read(thread=t, user=other_officer, number=2)  # never backwards
    assert unread(other_officer, t) == 3


def test_deleting_an_unread_reply_lowers_the_count(public_category, officer, other_officer, lead):
    t = thread(public_category, officer)
    read_all(lead, t)
    doomed = reply(t, other_officer)
    reply(t, officer)
    assert unread(lead, t) == 2
    post_delete(post=doomed, user=other_officer)
    assert unread(lead, t) == 1 == true_unread(lead, t)
    post_restore(post=doomed, user=other_officer)
    assert unread(lead, t) == 2 == true_unread(lead, t)


def test_deleting_a_read_reply_leaves_the_count_alone(
    public_category, officer, other_officer, lead
):
    t = thread(public_category, officer)
    doomed = reply(t, other_officer)
    read_all(lead, t)
    reply(t, officer)
    post_delete(post=doomed, user=other_officer)
    assert unread(lead, t) == 1 == true_unread(lead, t)
    post_restore(post=doomed, user=other_officer)
    assert unread(lead, t) == 1 == true_unread(lead, t)
    # Reading to the end afterwards counts the restored post as read.
    read_all(lead, t)
    assert unread(lead, t) == 0


def test_hiding_and_reading_between_hidden_posts_keep_counts_exact(
    public_category, officer, other_officer, lead, moderator
):
    t = thread(public_category, officer)
    posts = [reply(t, other_officer) for _ in range(6)]  # numbers 2..7
    post_hide(post=posts[1], moderator=moderator)  # number 3
    post_delete(post=posts[4], user=other_officer)  # number 6
    thread_mark_read(thread=t, user=lead, number=4)
    assert unread(lead, t) == true_unread(lead, t) == 2  # 5 and 7
    post_restore(post=posts[4], user=other_officer)
    assert unread(lead, t) == true_unread(lead, t) == 3
    post_restore(post=posts[1], user=moderator)  # before my position: read
    assert unread(lead, t) == true_unread(lead, t) == 3
    positions = list(visible_posts(t).values_list("position", flat=True))
    assert positions == list(range(1, 8))


def test_moving_a_thread_keeps_its_unread_count(
    public_category, members_category, officer, other_officer, moderator
):
    t = thread(public_category, officer)
    read_all(other_officer, t)
    reply(t, officer)
    thread_move(thread=t, moderator=moderator, category=members_category)
    assert unread(other_officer, t) == 1
    listed = Thread.objects.visible_to(other_officer).filter(category=members_category)
    assert list(listed.with_read_state(other_officer)) == [t]
    assert listed.with_read_state(other_officer).get().unread_count == 1


def test_opening_a_thread_jumps_to_my_first_unread_reply(
    client_for, public_category, officer, other_officer
):
    t = thread(public_category, officer)
    for _ in range(24):
        reply(t, officer)  # numbers 2..25
    thread_mark_read(thread=t, user=other_officer, number=21)
    response = client_for(other_officer).get(t.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == f"{t.get_absolute_url()}?page=2#post-22"


def test_a_thread_read_to_the_end_opens_at_the_start_without_redirect(
    client_for, public_category, officer
):
    t = thread(public_category, officer)
    response = client_for(officer).get(t.get_absolute_url())
    assert response.status_code == 200


def test_viewing_a_page_marks_it_read_and_lists_show_it(
    client_for, public_category, officer, other_officer
):
    t = thread(public_category, officer)
    for _ in range(30):
        reply(t, officer)  # 31 posts: two pages
    client = client_for(other_officer)
    client.get(f"{t.get_absolute_url()}?page=1")
    assert unread(other_officer, t) == 11
    page = client.get(public_category.get_absolute_url()).content.decode()
    assert "11 unread" in page
    client.get(f"{t.get_absolute_url()}?page=2")
    assert unread(other_officer, t) == 0
