"""The header's unread count: counted once, cached per member, fresh after every change."""

import pytest
from django.core.cache import cache

from notifications import unread
from notifications.services import notification_mark_read, notifications_mark_all_read, notify

pytestmark = pytest.mark.django_db


def test_the_count_is_read_from_the_cache_once_counted(officer, django_assert_num_queries):
    notify(recipients=[officer], kind="t", title="One")
    with django_assert_num_queries(1):
        assert unread.unread_count(officer) == 1
    with django_assert_num_queries(0):
        assert unread.unread_count(officer) == 1


def test_new_and_read_notifications_change_the_count_at_once(officer, other_officer):
    assert unread.unread_count(officer) == 0
    first, *_ = notify(recipients=[officer, other_officer], kind="t", title="One")
    notify(recipients=[officer], kind="t", title="Two")
    assert unread.unread_count(officer) == 2
    assert unread.unread_count(other_officer) == 1
    notification_mark_read(user=officer, notification_id=first.pk)
    assert unread.unread_count(officer) == 1
    notifications_mark_all_read(user=officer)
    assert unread.unread_count(officer) == 0
    assert unread.unread_count(other_officer) == 1


def test_marking_someone_elses_notification_changes_nothing(officer, other_officer):
    (theirs,) = notify(recipients=[other_officer], kind="t", title="Theirs")
    assert unread.unread_count(other_officer) == 1
    assert notification_mark_read(user=officer, notification_id=theirs.pk) is None
    assert unread.unread_count(other_officer) == 1


def test_a_count_taken_before_a_change_and_stored_after_it_is_never_read(officer):
    assert unread.unread_count(officer) == 0
    # A request reads the stamp and counts (0) just before a notification commits...
    stamp = cache.get(unread._stamp_key(officer.pk))
    notify(recipients=[officer], kind="t", title="One")
    # ...and stores its count only afterwards.
    cache.set(unread._count_key(officer.pk), (stamp, 0))
    assert unread.unread_count(officer) == 1


def test_the_count_is_renewed_again_when_the_change_commits(
    officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        notify(recipients=[officer], kind="t", title="One")
        stamp = cache.get(unread._stamp_key(officer.pk))
    for callback in callbacks:
        callback()
    assert cache.get(unread._stamp_key(officer.pk)) != stamp


def test_a_lost_stamp_only_costs_a_count(officer, django_assert_num_queries):
    notify(recipients=[officer], kind="t", title="One")
    assert unread.unread_count(officer) == 1
    cache.delete(unread._stamp_key(officer.pk))
    with django_assert_num_queries(1):
        assert unread.unread_count(officer) == 1


def test_the_header_shows_the_readers_own_count(client_for, officer, other_officer):
    notify(recipients=[officer], kind="t", title="One")
    assert 'aria-label="1 unread"' in client_for(officer).get("/notifications/").content.decode()
    html = client_for(other_officer).get("/notifications/").content.decode()
    assert 'aria-label="0 unread"' in html
