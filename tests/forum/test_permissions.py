"""forum/permissions.py, rule by rule, for every role.

Posts and threads in the table are by another officer of the first council
(the "author"); the "own" rules use a thread and post by the role itself.
"""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from forum import permissions as can
from forum.models import Post, Thread
from tests import factories

pytestmark = pytest.mark.django_db

ROLES = [
    "visitor",
    "pending",
    "officer_same",
    "officer_other",
    "lead",
    "moderator",
    "editor",
    "superuser",
]
MEMBERS = {"officer_same", "officer_other", "lead", "moderator", "editor", "superuser"}
MODERATORS = {"moderator", "editor", "superuser"}
EVERYONE = set(ROLES)
NOBODY: set[str] = set()


def _thread(category, author, **state) -> Thread:
    now = timezone.now()
    thread = Thread.objects.create(
        category=category, title="Heat networks", author=author, last_number=2, **state
    )
    Post.objects.create(thread=thread, number=1, position=1, author=author, body="Q", body_html="")
    thread.reply = Post.objects.create(
        thread=thread, number=2, position=2, author=author, body="A", body_html="", created_at=now
    )
    return thread


@pytest.fixture
def world(public_category, members_category, council, other_council):
    author = factories.officer(council, name="Ada Author")
    now = timezone.now()
    w = SimpleNamespace(
        public=public_category,
        members=members_category,
        open=_thread(public_category, author),
        secret=_thread(members_category, author),
        hidden=_thread(public_category, author, hidden_at=now),
        locked=_thread(public_category, author, locked=True),
    )
    w.reply = w.open.reply
    w.deleted = _thread(public_category, author).reply
    Post.objects.filter(pk=w.deleted.pk).update(deleted_at=now, position=None)
    w.hidden_post = _thread(public_category, author).reply
    Post.objects.filter(pk=w.hidden_post.pk).update(hidden_at=now, position=None)
    for post in (w.deleted, w.hidden_post):
        post.refresh_from_db()
    return w


def person(role, council, other_council):
    return {
        "visitor": lambda: AnonymousUser(),
        "pending": lambda: factories.pending_member(council),
        "officer_same": lambda: factories.officer(council),
        "officer_other": lambda: factories.officer(other_council),
        "lead": lambda: factories.council_lead(council),
        "moderator": lambda: factories.moderator(other_council),
        "editor": lambda: factories.network_editor(),
        "superuser": lambda: factories.UserFactory(
            organisation=None, is_superuser=True, is_staff=True
        ),
    }[role]()


RULES = {
    "read members-only": (MEMBERS, lambda u, w: can.can_read_members_only(u)),
    "view a public category": (EVERYONE, lambda u, w: can.can_view_category(u, w.public)),
    "view a members-only category": (MEMBERS, lambda u, w: can.can_view_category(u, w.members)),
    "view a public thread": (EVERYONE, lambda u, w: can.can_view_thread(u, w.open)),
    "view a members-only thread": (MEMBERS, lambda u, w: can.can_view_thread(u, w.secret)),
    "view a hidden thread": (MODERATORS, lambda u, w: can.can_view_thread(u, w.hidden)),
    "start a public thread": (MEMBERS, lambda u, w: can.can_start_thread(u, w.public)),
    "start a members-only thread": (MEMBERS, lambda u, w: can.can_start_thread(u, w.members)),
    "reply": (MEMBERS, lambda u, w: can.can_reply(u, w.open)),
    "reply in a members-only thread": (MEMBERS, lambda u, w: can.can_reply(u, w.secret)),
    "reply to a locked thread": (MODERATORS, lambda u, w: can.can_reply(u, w.locked)),
    "edit another's post": (NOBODY, lambda u, w: can.can_edit_post(u, w.reply)),
    "delete another's post": (NOBODY, lambda u, w: can.can_delete_post(u, w.reply)),
    "restore another's deleted post": (MODERATORS, lambda u, w: can.can_restore_post(u, w.deleted)),
    "restore a hidden post": (MODERATORS, lambda u, w: can.can_restore_post(u, w.hidden_post)),
    "restore a visible post": (NOBODY, lambda u, w: can.can_restore_post(u, w.reply)),
    "read a visible post": (EVERYONE, lambda u, w: can.can_view_post_body(u, w.reply)),
    "read another's deleted post": (MODERATORS, lambda u, w: can.can_view_post_body(u, w.deleted)),
    "read a hidden post": (MODERATORS, lambda u, w: can.can_view_post_body(u, w.hidden_post)),
    "mark the answer in another's thread": (
        MODERATORS,
        lambda u, w: can.can_mark_answer(u, w.open),
    ),
    "report another's post": (MEMBERS, lambda u, w: can.can_report(u, w.reply)),
    "report in a members-only thread": (MEMBERS, lambda u, w: can.can_report(u, w.secret.reply)),
    "moderate": (MODERATORS, lambda u, w: can.can_moderate(u)),
    "watch": (MEMBERS, lambda u, w: can.can_watch(u)),
}


@pytest.mark.parametrize("role", ROLES)
def test_every_rule_for_role(role, world, council, other_council):
    """One role against every rule; a failure lists the rules that disagree."""
    user = person(role, council, other_council)
    results = {rule: check(user, world) for rule, (_, check) in RULES.items()}
    assert results == {rule: role in allowed for rule, (allowed, _) in RULES.items()}


def _own(world, user, **state):
    """A thread by the user (their reply in it is ``.reply``), in a state."""
    thread = _thread(world.public, user)
    Post.objects.filter(pk=thread.reply.pk).update(**state)
    thread.reply.refresh_from_db()
    return thread


OWN_RULES = {
    "edit own post": (MEMBERS, lambda u, t: can.can_edit_post(u, t.reply)),
    "delete own post": (MEMBERS, lambda u, t: can.can_delete_post(u, t.reply)),
    "mark the answer in own thread": (MEMBERS, lambda u, t: can.can_mark_answer(u, t)),
    "report own post": (NOBODY, lambda u, t: can.can_report(u, t.reply)),
}
OWN_DELETED_RULES = {
    "restore own deleted post": (MEMBERS, lambda u, p: can.can_restore_post(u, p)),
    "read own deleted post": (EVERYONE - {"visitor"}, lambda u, p: can.can_view_post_body(u, p)),
    "edit own deleted post": (NOBODY, lambda u, p: can.can_edit_post(u, p)),
}
OWN_HIDDEN_RULES = {
    "restore own hidden post": (MODERATORS, lambda u, p: can.can_restore_post(u, p)),
    "read own hidden post": (MODERATORS, lambda u, p: can.can_view_post_body(u, p)),
    "edit own hidden post": (NOBODY, lambda u, p: can.can_edit_post(u, p)),
}

OWN_ROLES = [r for r in ROLES if r != "visitor"]  # a visitor has no posts


@pytest.mark.parametrize("role", OWN_ROLES)
def test_own_post_rules_for_role(role, world, council, other_council):
    user = person(role, council, other_council)
    now = timezone.now()
    mine = _own(world, user)
    deleted = _own(world, user, deleted_at=now, position=None).reply
    hidden = _own(world, user, hidden_at=now, position=None).reply
    in_locked = _own(world, user)
    Thread.objects.filter(pk=in_locked.pk).update(locked=True)
    in_locked.reply.thread.refresh_from_db()
    results = {
        **{name: check(user, mine) for name, (_, check) in OWN_RULES.items()},
        **{name: check(user, deleted) for name, (_, check) in OWN_DELETED_RULES.items()},
        **{name: check(user, hidden) for name, (_, check) in OWN_HIDDEN_RULES.items()},
        "edit own post in a locked thread": can.can_edit_post(user, in_locked.reply),
    }
    expected = {
        name: role in allowed
        for name, (allowed, _) in {**OWN_RULES, **OWN_DELETED_RULES, **OWN_HIDDEN_RULES}.items()
    }
    expected["edit own post in a locked thread"] = False
    assert results == expected
