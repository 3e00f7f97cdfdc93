"""Writes through forum.services, per role, including the bad paths."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from core.ratelimit import RateLimited
from forum.models import Post, PostRevision, Report, Thread, ThreadWatch
from forum.services.moderation import (
    post_hide,
    thread_move,
    thread_set_hidden,
    thread_set_locked,
    thread_set_pinned,
)
from forum.services.posts import post_create, post_delete, post_edit, post_restore
from forum.services.reports import post_report, report_resolve
from forum.services.threads import thread_create, thread_mark_answer
from forum.services.watching import category_watch_set
from notifications.models import Notification
from tests import factories
from tests.forum.factories import reply, thread

pytestmark = pytest.mark.django_db


def forum_log():
    return ModelLogEntry.objects.filter(action__startswith="forum.")


def test_posts_get_consecutive_numbers_and_the_thread_counts_them(
    public_category, officer, other_officer
):
    t = thread(public_category, officer)
    first = reply(t, other_officer)
    second = reply(t, officer)
    assert [first.number, second.number] == [2, 3]
    assert [first.position, second.position] == [2, 3]
    assert (t.last_number, t.visible_count, t.reply_count) == (3, 3, 2)
    public_category.refresh_from_db()
    assert public_category.thread_count == 1


def test_posting_renders_markdown_once_and_sanitises_it(public_category, officer):
    t = thread(public_category, officer, body="**Bold** <script>alert(1)</script>")
    post = t.posts.get()
    assert "<strong>Bold</strong>" in post.body_html
    assert "<script" not in post.body_html


def test_author_watches_the_thread_they_post_in(public_category, officer, other_officer):
    t = thread(public_category, officer)
    reply(t, other_officer)
    assert ThreadWatch.objects.filter(thread=t, user=other_officer).exists()


def test_watchers_are_notified_of_replies_but_not_the_replier(
    public_category, officer, other_officer
):
    t = thread(public_category, officer)
    reply(t, other_officer)
    assert Notification.objects.filter(recipient=officer, kind="forum.reply").count() == 1
    assert not Notification.objects.filter(recipient=other_officer).exists()


def test_category_watchers_hear_of_new_threads(public_category, officer, other_officer):
    category_watch_set(category=public_category, user=other_officer, watching=True)
    thread(public_category, officer)
    assert Notification.objects.filter(recipient=other_officer, kind="forum.thread").exists()


def test_members_only_category_watcher_who_lost_membership_hears_nothing(
    members_category, officer, other_officer
):
    category_watch_set(category=members_category, user=other_officer, watching=True)
    other_officer.status = "refused"
    other_officer.save()
    thread(members_category, officer)
    assert not Notification.objects.filter(recipient=other_officer).exists()


def test_mention_by_full_name_notifies_the_member(public_category, officer, other_officer):
    t = thread(public_category, officer)
    post = reply(t, officer, body="Thanks @Leah Officer, could you share the contract?")
    assert list(post.mentioned.all()) == [other_officer]
    note = Notification.objects.get(recipient=other_officer, kind="forum.mention")
    assert "mentioned you" in note.title
    assert note.url.endswith(f"#post-{post.number}")


def test_mention_is_case_insensitive_and_survives_punctuation(
    public_category, officer, other_officer
):
    t = thread(public_category, officer)
    post = reply(t, officer, body="Over to you, @leah officer.")
    assert list(post.mentioned.all()) == [other_officer]


def test_mention_of_nobody_is_refused_and_changes_nothing(public_category, officer):
    t = thread(public_category, officer)
    with pytest.raises(ValidationError) as error:
        post_create(thread=t, author=officer, body="Ask @Nobody Here about it")
    assert "No member is called @Nobody" in str(error.value)
    t.refresh_from_db()
    assert t.last_number == 1 and Post.objects.count() == 1


def test_email_addresses_are_not_mentions(public_category, officer):
    t = thread(public_category, officer)
    post = reply(t, officer, body="Write to energy@oldham.gov.uk for the toolkit")
    assert post.mentioned.count() == 0


def test_members_only_mention_of_a_pending_person_is_refused(members_category, officer, pending):
    t = thread(members_category, officer)
    with pytest.raises(ValidationError):
        post_create(thread=t, author=officer, body="@Pending Person see this")


@pytest.mark.parametrize(
    ("body", "message"),
    [("", "Write something"), ("   \n ", "Write something"), ("x" * 1_000_000, "at most 20,000")],
)
def test_bad_bodies_are_refused_with_a_clear_message(public_category, officer, body, message):
    t = thread(public_category, officer)
    with pytest.raises(ValidationError) as error:
        post_create(thread=t, author=officer, body=body)
    assert message in str(error.value)
    assert Post.objects.count() == 1


def test_empty_title_is_refused(public_category, officer):
    with pytest.raises(ValidationError):
        thread_create(category=public_category, author=officer, title=" ", body="Hi")
    assert not Thread.objects.exists()


def test_reply_to_a_locked_thread_is_refused(public_category, officer, other_officer, moderator):
    t = thread(public_category, officer)
    thread_set_locked(thread=t, moderator=moderator, locked=True)
    with pytest.raises(ValidationError) as error:
        post_create(thread=t, author=other_officer, body="Me too")
    assert "locked" in str(error.value)
    assert Post.objects.count() == 1


def test_same_reply_twice_in_a_row_is_stored_once(public_category, officer, other_officer):
    t = thread(public_category, officer)
    first = post_create(thread=t, author=other_officer, body="We used a community share offer.")
    again = post_create(thread=t, author=other_officer, body="We used a community share offer.")
    assert first.created and not again.created
    assert again.post.pk == first.post.pk
    t.refresh_from_db()
    assert t.last_number == 2


def test_same_thread_twice_is_stored_once(public_category, officer):
    a = thread_create(category=public_category, author=officer, title="T", body="B")
    b = thread_create(category=public_category, author=officer, title="T", body="B")
    assert a.created and not b.created and a.thread.pk == b.thread.pk
    assert Thread.objects.count() == 1


def test_posting_faster_than_the_rate_gets_a_clear_message(settings, public_category, officer):
    settings.HUB_POST_RATE = "2/m"
    t = thread(public_category, officer)
    reply(t, officer, body="second")
    with pytest.raises(RateLimited) as error:
        post_create(thread=t, author=officer, body="third")
    assert "too often" in error.value.message
    assert Post.objects.count() == 2


def test_visitor_and_pending_member_cannot_post(public_category, officer, pending):
    t = thread(public_category, officer)
    from django.contrib.auth.models import AnonymousUser

    for person in (AnonymousUser(), pending):
        with pytest.raises(PermissionDenied):
            post_create(thread=t, author=person, body="Hello")
        with pytest.raises(PermissionDenied):
            thread_create(category=public_category, author=person, title="T", body="B")


def test_edit_keeps_the_previous_version(public_category, officer):
    t = thread(public_category, officer, body="First words")
    post = t.posts.get()
    post_edit(post=post, user=officer, body="Better words")
    post.refresh_from_db()
    assert post.body == "Better words" and post.edited_at is not None
    revision = PostRevision.objects.get(post=post)
    assert revision.body == "First words" and "First words" in revision.body_html
    t.refresh_from_db()
    assert "Better words" in t.opening_text


def test_member_cannot_edit_or_delete_another_members_post(
    public_category, officer, other_officer, moderator
):
    post = thread(public_category, officer).posts.get()
    for person in (other_officer, moderator):
        with pytest.raises(PermissionDenied):
            post_edit(post=post, user=person, body="Rewritten")
    with pytest.raises(PermissionDenied):
        post_delete(post=post, user=other_officer)
    post.refresh_from_db()
    assert post.body.startswith("Opening") and post.deleted_at is None


def test_author_deletes_and_restores_own_post(public_category, officer, other_officer):
    t = thread(public_category, officer)
    post = reply(t, other_officer)
    post_delete(post=post, user=other_officer)
    post.refresh_from_db()
    assert post.deleted_at is not None and post.position is None
    post_restore(post=post, user=other_officer)
    post.refresh_from_db()
    assert post.is_visible and post.position == 2


def test_author_cannot_restore_a_post_a_moderator_hid(
    public_category, officer, other_officer, moderator
):
    t = thread(public_category, officer)
    post = reply(t, other_officer)
    post_hide(post=post, moderator=moderator)
    with pytest.raises(PermissionDenied):
        post_restore(post=post, user=other_officer)
    post_restore(post=post, user=moderator)
    post.refresh_from_db()
    assert post.is_visible


def test_only_moderators_moderate(public_category, members_category, officer, other_officer, lead):
    t = thread(public_category, officer)
    post = reply(t, other_officer)
    for person in (officer, other_officer, lead):
        with pytest.raises(PermissionDenied):
            thread_set_pinned(thread=t, moderator=person, pinned=True)
        with pytest.raises(PermissionDenied):
            thread_set_locked(thread=t, moderator=person, locked=True)
        with pytest.raises(PermissionDenied):
            thread_move(thread=t, moderator=person, category=members_category)
        with pytest.raises(PermissionDenied):
            post_hide(post=post, moderator=person)
    assert not forum_log().exists()


def test_every_moderation_action_is_logged(public_category, members_category, officer, moderator):
    t = thread(public_category, officer)
    post = reply(t, officer, body="Off topic")
    thread_set_pinned(thread=t, moderator=moderator, pinned=True)
    thread_set_locked(thread=t, moderator=moderator, locked=True)
    thread_move(thread=t, moderator=moderator, category=members_category)
    post_hide(post=post, moderator=moderator, reason="Off topic")
    post_restore(post=post, user=moderator)
    thread_set_hidden(thread=t, moderator=moderator, hidden=True)
    actions = list(forum_log().order_by("pk").values_list("action", "user"))
    assert actions == [
        (f"forum.{a}", moderator.pk)
        for a in ("pin", "lock", "move", "hide_post", "restore_post", "hide_thread")
    ]
    members_category.refresh_from_db()
    public_category.refresh_from_db()
    assert (public_category.thread_count, members_category.thread_count) == (0, 1)


def test_moderator_who_is_not_a_confirmed_member_cannot_reach_members_only_threads(
    members_category, officer, council
):
    lapsed = factories.moderator(council, name="Lapsed Moderator", status="pending")
    t = thread(members_category, officer)
    with pytest.raises(PermissionDenied):
        thread_set_pinned(thread=t, moderator=lapsed, pinned=True)
    with pytest.raises(PermissionDenied):
        post_hide(post=t.posts.get(), moderator=lapsed)


def test_moderator_cannot_move_into_a_category_they_cannot_read(
    public_category, members_category, officer, council
):
    lapsed = factories.moderator(council, name="Lapsed Moderator", status="pending")
    t = thread(public_category, officer)
    with pytest.raises(PermissionDenied):
        thread_move(thread=t, moderator=lapsed, category=members_category)


def test_thread_author_or_moderator_marks_the_answer(
    public_category, officer, other_officer, moderator
):
    t = thread(public_category, officer)
    answer = reply(t, other_officer, body="Use a Community Benefit Society.")
    with pytest.raises(PermissionDenied):
        thread_mark_answer(thread=t, post=answer, user=other_officer)
    thread_mark_answer(thread=t, post=answer, user=officer)
    t.refresh_from_db()
    assert t.answer_id == answer.pk
    thread_mark_answer(thread=t, post=None, user=moderator)
    t.refresh_from_db()
    assert t.answer_id is None
    with pytest.raises(ValidationError):
        thread_mark_answer(thread=t, post=t.posts.get(number=1), user=officer)


def test_report_goes_to_the_queue_and_resolving_hides_the_post(
    public_category, officer, other_officer, moderator
):
    t = thread(public_category, officer)
    post = reply(t, other_officer, body="Something unkind")
    with pytest.raises(ValidationError):
        post_report(post=post, reporter=officer, reason="  ")
    with pytest.raises(PermissionDenied):
        post_report(post=post, reporter=other_officer, reason="my own")
    report = post_report(post=post, reporter=officer, reason="Unkind")
    again = post_report(post=post, reporter=officer, reason="Unkind")
    assert again.pk == report.pk and Report.objects.open().count() == 1
    with pytest.raises(PermissionDenied):
        report_resolve(report=report, moderator=officer, hide_post=True)
    report_resolve(report=report, moderator=moderator, hide_post=True)
    post.refresh_from_db()
    assert post.hidden_at is not None
    assert Report.objects.open().count() == 0
    assert forum_log().filter(action="forum.resolve_report").exists()
    with pytest.raises(ValidationError):
        report_resolve(report=report, moderator=moderator, hide_post=False)
