"""The shape of every liveblog event, and that services send each one only on commit."""

import json

import pytest
from django.db import transaction
from wagtail.models import PageViewRestriction

from liveblogs import events, services
from liveblogs.models import LiveblogPage
from liveblogs.services import EntryFields

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(monkeypatch):
    """What reaches the channel layer: (group, event), in order."""
    sent = []
    monkeypatch.setattr("core.realtime.broadcast", lambda group, event: sent.append((group, event)))
    return sent


def frame_of(event: dict) -> dict:
    assert set(event) == {"type", "seq", "frame"} and event["type"] == "liveblog.frame"
    return json.loads(event["frame"])


def test_group_name():
    assert events.liveblog_group(12) == "liveblog.12"


def test_ready_message():
    assert events.ready_message(7) == {"type": "ready", "seq": 7}


def test_entry_created(liveblog, editor, sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        entry = services.entry_post(
            page=liveblog, author=editor, fields=EntryFields(body="Welcome", is_key=True)
        )
        assert sent == []  # nothing before the commit
    [(group, event)] = sent
    assert group == f"liveblog.{liveblog.pk}"
    assert event["seq"] == 1
    assert frame_of(event) == {
        "type": "entry",
        "op": "created",
        "seq": 1,
        "id": entry.pk,
        "html": entry.html,
        "pinned": False,
        "key": True,
    }
    # Compact, so that every reader's frame is small and the same bytes.
    assert event["frame"] == json.dumps(frame_of(event), separators=(",", ":"))


def test_entry_updated_and_flagged(liveblog, editor, sent, django_capture_on_commit_callbacks):
    entry = services.entry_post(page=liveblog, author=editor, fields=EntryFields(body="Welcome"))
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_update(entry=entry, editor=editor, fields=EntryFields(body="Welcome all"))
        services.entry_set_flags(entry=entry, editor=editor, pinned=True)
    updated, flagged = (frame_of(event) for _, event in sent)
    assert updated == {
        "type": "entry",
        "op": "updated",
        "seq": 2,
        "id": entry.pk,
        "html": updated["html"],
        "pinned": False,
        "key": False,
    }
    assert "Welcome all" in updated["html"]
    assert (flagged["op"], flagged["seq"], flagged["pinned"]) == ("updated", 3, True)
    assert [event["seq"] for _, event in sent] == [2, 3]


def test_entry_deleted(liveblog, editor, sent, django_capture_on_commit_callbacks):
    entry = services.entry_post(page=liveblog, author=editor, fields=EntryFields(body="Oops"))
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_delete(entry=entry, editor=editor)
    [(_, event)] = sent
    assert frame_of(event) == {
        "type": "entry",
        "op": "deleted",
        "seq": 2,
        "id": entry.pk,
        "html": "",
        "pinned": False,
        "key": False,
    }


def test_state_changed_when_a_liveblog_is_published(
    liveblog, sent, django_capture_on_commit_callbacks
):
    liveblog.state = LiveblogPage.State.ENDED
    with django_capture_on_commit_callbacks(execute=True):
        liveblog.save_revision().publish()
        assert sent == []
    [(group, event)] = sent
    assert group == f"liveblog.{liveblog.pk}"
    assert event["seq"] == 0
    assert frame_of(event) == {"type": "state", "state": "ended"}


def test_no_state_change_is_sent_for_a_publish_rolled_back(liveblog, sent):
    liveblog.state = LiveblogPage.State.ENDED
    with pytest.raises(RuntimeError), transaction.atomic():
        liveblog.save_revision().publish()
        raise RuntimeError("the publish fails after Wagtail's signal")
    assert sent == []


def test_access_changed_when_a_restriction_is_added(
    liveblog, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=liveblog, restriction_type=PageViewRestriction.LOGIN
        )
    assert sent == [(f"liveblog.{liveblog.pk}", {"type": "liveblog.access", "access": True})]


def test_nothing_is_sent_for_a_write_that_fails(liveblog, editor, officer, sent):
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(ValidationError):
        services.entry_post(page=liveblog, author=editor, fields=EntryFields(body=" "))
    with pytest.raises(PermissionDenied):
        services.entry_post(page=liveblog, author=officer, fields=EntryFields(body="Hi"))
    assert sent == []
