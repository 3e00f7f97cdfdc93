"""Every moderation action lands in Wagtail's audit log; the moderators' log page reads it."""

import pytest
from django.urls import reverse
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from forum.audit import ACTIONS
from forum.services.moderation import (
    post_hide,
    thread_move,
    thread_set_hidden,
    thread_set_locked,
    thread_set_pinned,
)
from forum.services.posts import post_restore
from forum.services.reports import post_report, report_resolve
from tests import factories
from tests.forum.factories import reply, thread

MIGRATION_BEFORE = ("forum", "0002_clear_opening_text_of_hidden_opening_posts")
MIGRATION_AFTER = ("forum", "0004_delete_moderation_log_entry")


def forum_log():
    return ModelLogEntry.objects.filter(action__startswith="forum.").order_by("pk")


@pytest.mark.django_db
def test_every_moderation_action_is_logged_with_who_what_and_where(
    public_category, members_category, officer, other_officer, moderator
):
    t = thread(public_category, officer, title="Solar co-ops")
    post = reply(t, other_officer, body="Off topic")
    thread_set_pinned(thread=t, moderator=moderator, pinned=True)
    thread_set_pinned(thread=t, moderator=moderator, pinned=False)
    thread_set_locked(thread=t, moderator=moderator, locked=True)
    thread_set_locked(thread=t, moderator=moderator, locked=False)
    thread_set_hidden(thread=t, moderator=moderator, hidden=True, reason="Checking")
    thread_set_hidden(thread=t, moderator=moderator, hidden=False)
    thread_move(thread=t, moderator=moderator, category=members_category)
    post_hide(post=post, moderator=moderator, reason="Off topic")
    post_restore(post=post, user=moderator)
    report = post_report(post=post, reporter=officer, reason="Rude")
    report_resolve(report=report, moderator=moderator, hide_post=False, outcome="Fine")
    entries = list(forum_log())
    assert [e.action for e in entries] == [
        "forum.pin",
        "forum.unpin",
        "forum.lock",
        "forum.unlock",
        "forum.hide_thread",
        "forum.show_thread",
        "forum.move",
        "forum.hide_post",
        "forum.restore_post",
        "forum.resolve_report",
    ]
    assert {e.user_id for e in entries} == {moderator.pk}
    assert {e.data["thread"] for e in entries} == {t.pk}
    move, hide = entries[6], entries[7]
    assert move.content_type.model == "thread" and move.object_id == str(t.pk)
    assert move.data["detail"] == "From Community energy to Officers' lounge"
    assert hide.content_type.model == "post" and hide.object_id == str(post.pk)
    assert (hide.data["post"], hide.data["number"], hide.data["detail"]) == (
        post.pk,
        2,
        "Off topic",
    )
    assert entries[-1].data["detail"] == "Fine"


@pytest.mark.django_db
def test_an_author_restoring_their_own_post_is_not_moderation(
    public_category, officer, other_officer
):
    from forum.services.posts import post_delete

    post = reply(thread(public_category, officer), other_officer)
    post_delete(post=post, user=other_officer)
    post_restore(post=post, user=other_officer)
    assert not forum_log().exists()


def test_forum_actions_are_registered_with_wagtail():
    for action, (label, _message) in ACTIONS.items():
        assert log_registry.action_exists(action)
        assert log_registry.get_action_label(action) == label
    assert ACTIONS["forum.lock"][1] == "Locked thread"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["visitor", "pending", "officer", "lead"])
def test_the_log_page_is_for_moderators_only(who, request, client_for):
    user = None if who == "visitor" else request.getfixturevalue(who)
    response = client_for(user).get(reverse("forum:moderation_log"))
    if who == "visitor":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 403
        assert "The moderation log is for moderators." in response.content.decode()


@pytest.mark.django_db
def test_the_log_page_shows_entries_newest_first_in_pages(
    client_for, public_category, officer, other_officer, moderator
):
    t = thread(public_category, officer, title="Busy thread")
    post = reply(t, other_officer)
    post_hide(post=post, moderator=moderator, reason="Spam link")
    for n in range(50):
        thread_set_pinned(thread=t, moderator=moderator, pinned=n % 2 == 0)
    client = client_for(moderator)
    first = client.get(reverse("forum:moderation_log")).content.decode()
    assert first.count("<tr>") == 51  # the header and 50 entries
    assert "Unpinned thread" in first and "Marcus Moderator" in first and "Busy thread" in first
    assert "Spam link" not in first
    second = client.get(reverse("forum:moderation_log"), {"page": 2}).content.decode()
    assert "Hid post" in second and "Spam link" in second and "Post #2" in second
    assert reverse("forum:post", args=[post.pk]) in second


@pytest.mark.django_db
def test_a_moderator_who_cannot_read_members_only_sees_only_public_entries(
    client_for, public_category, members_category, council, officer, other_officer, moderator
):
    open_thread = thread(public_category, officer, title="Open thread")
    secret = thread(members_category, officer, title="Secret thread")
    post_hide(post=reply(secret, other_officer), moderator=moderator)
    post_hide(post=reply(open_thread, other_officer), moderator=moderator)
    thread_set_locked(thread=open_thread, moderator=moderator, locked=True)
    thread_set_locked(thread=secret, moderator=moderator, locked=True)
    lapsed = factories.moderator(council, name="Lapsed Moderator", status="pending")
    page = client_for(lapsed).get(reverse("forum:moderation_log")).content.decode()
    assert "Open thread" in page and "Secret thread" not in page
    assert page.count("<tr>") == 3
    full = client_for(moderator).get(reverse("forum:moderation_log")).content.decode()
    assert full.count("<tr>") == 5 and "Secret thread" in full


@pytest.mark.django_db(transaction=True)
def test_the_old_moderation_log_is_copied_into_the_audit_log(public_category, officer, moderator):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.utils import timezone

    t = thread(public_category, officer, title="Old thread")
    post = reply(t, officer, body="Old post")
    executor = MigrationExecutor(connection)
    executor.migrate([MIGRATION_BEFORE])
    old = executor.loader.project_state([MIGRATION_BEFORE]).apps
    log = old.get_model("forum", "ModerationLogEntry").objects
    now = timezone.now()
    log.create(actor_id=moderator.pk, action="pin", thread_id=t.pk, created_at=now)
    log.create(
        actor_id=moderator.pk,
        action="hide-post",
        thread_id=t.pk,
        post_id=post.pk,
        detail="Spam",
        created_at=now,
    )

    executor = MigrationExecutor(connection)
    executor.migrate([MIGRATION_AFTER])

    pin, hide = forum_log()
    assert (pin.action, pin.content_type.model, pin.object_id, pin.label) == (
        "forum.pin",
        "thread",
        str(t.pk),
        "Old thread",
    )
    assert (pin.user_id, pin.timestamp) == (moderator.pk, now)
    assert (hide.action, hide.content_type.model, hide.object_id) == (
        "forum.hide_post",
        "post",
        str(post.pk),
    )
    assert hide.data == {
        "thread": t.pk,
        "thread_title": "Old thread",
        "post": post.pk,
        "number": 2,
        "detail": "Spam",
    }
