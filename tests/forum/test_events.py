"""The shape of each real-time event, and that services send them only once committed."""

import pytest

from core import realtime
from forum import events
from forum.services.moderation import thread_move, thread_set_hidden
from forum.services.posts import post_create
from tests.forum.factories import thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(monkeypatch):
    calls = []
    monkeypatch.setattr(realtime, "broadcast", lambda group, event: calls.append((group, event)))
    return calls


def test_thread_group_name():
    assert events.thread_group(42) == "forum-thread.42"


def test_post_created_on_commit(sent, django_capture_on_commit_callbacks, public_category, officer):
    t = thread(public_category, officer)
    with django_capture_on_commit_callbacks() as callbacks:
        post = post_create(thread=t, author=officer, body="A reply").post
    assert sent == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()
    event = {"type": "post.created", "thread": t.pk, "post": post.pk, "number": 2}
    assert sent == [(f"forum-thread.{t.pk}", event)]
    assert events.post_created(post) == event


def test_what_a_reader_receives_for_a_new_post():
    event = {"type": "post.created", "thread": 7, "post": 70, "number": 3}
    assert events.post_created_frame(event) == {"type": "post.created", "number": 3}


@pytest.mark.parametrize("how", ["hide", "move"])
def test_access_changed_when_a_thread_is_hidden_or_moved(
    how,
    sent,
    django_capture_on_commit_callbacks,
    public_category,
    members_category,
    officer,
    moderator,
):
    t = thread(public_category, officer)
    with django_capture_on_commit_callbacks(execute=True):
        if how == "hide":
            thread_set_hidden(thread=t, moderator=moderator, hidden=True)
        else:
            thread_move(thread=t, moderator=moderator, category=members_category)
    event = {"type": "access.changed", "thread": t.pk}
    assert sent == [(f"forum-thread.{t.pk}", event)]
    assert events.access_changed(t) == event


def test_a_refused_reply_sends_nothing(
    sent, django_capture_on_commit_callbacks, public_category, officer, pending
):
    from django.core.exceptions import PermissionDenied

    t = thread(public_category, officer)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        post_create(thread=t, author=pending, body="Hello")
    assert sent == []
