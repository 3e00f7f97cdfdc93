"""Reporting a post: the moderators hear of it, and only those who may open the thread."""

import pytest

from forum.services.reports import post_report
from notifications.models import Notification
from tests import factories
from tests.forum.factories import reply, thread

pytestmark = pytest.mark.django_db


def _told_of_reports():
    return set(
        Notification.objects.filter(kind="forum.report").values_list("recipient__name", flat=True)
    )


def test_a_report_notifies_every_moderator_and_editor_but_not_the_reporter(
    public_category, officer, other_officer, moderator, editor
):
    t = thread(public_category, officer)
    post = reply(t, other_officer, body="Something unkind")
    post_report(post=post, reporter=officer, reason="Unkind")
    assert _told_of_reports() == {"Marcus Moderator", "Nadia Editor"}
    note = Notification.objects.get(recipient=moderator, kind="forum.report")
    assert "Unkind" in note.body and note.url.endswith("/discussions/moderation/")


def test_a_second_report_of_the_same_post_by_the_same_member_notifies_nobody_again(
    public_category, officer, other_officer, moderator
):
    post = reply(thread(public_category, officer), other_officer)
    post_report(post=post, reporter=officer, reason="Unkind")
    post_report(post=post, reporter=officer, reason="Unkind")
    assert Notification.objects.filter(recipient=moderator, kind="forum.report").count() == 1


def test_a_moderator_who_cannot_open_a_members_only_thread_hears_nothing(
    members_category, council, officer, other_officer, moderator
):
    lapsed = factories.moderator(council, name="Lapsed Moderator", status="pending")
    post = reply(thread(members_category, officer), other_officer)
    post_report(post=post, reporter=officer, reason="Unkind")
    assert _told_of_reports() == {"Marcus Moderator"}
    assert not Notification.objects.filter(recipient=lapsed).exists()
