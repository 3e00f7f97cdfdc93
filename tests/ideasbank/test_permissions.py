"""Every rule in ideasbank/permissions.py, asked for every role.

The idea and the comment belong to an officer of Oldham (the author). "Same
council" is another Oldham officer; the lead leads Oldham.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from ideasbank import permissions
from ideasbank.models import Comment, Idea, Visibility
from tests import factories

pytestmark = pytest.mark.django_db

ROLES = [
    "visitor",
    "pending",
    "author",
    "same_council",
    "other_council",
    "affiliate",
    "lead",
    "moderator",
    "editor",
    "superuser",
]


@pytest.fixture
def people(council, other_council, affiliate, officer):
    return {
        "visitor": AnonymousUser(),
        "pending": factories.pending_member(council),
        "author": officer,
        "same_council": factories.officer(council),
        "other_council": factories.officer(other_council),
        "affiliate": factories.officer(affiliate),
        "lead": factories.council_lead(council),
        "moderator": factories.moderator(other_council),
        "editor": factories.network_editor(),
        "superuser": factories.UserFactory(is_superuser=True, is_staff=True, organisation=None),
    }


def _idea(author, **kwargs):
    now = author.date_joined
    return Idea.objects.create(
        title="T", summary="S", author=author, council=author.organisation,
        created_at=now, updated_at=now, **kwargs,
    )  # fmt: skip


@pytest.fixture
def things(officer):
    public = _idea(officer)
    return {
        "public": public,
        "members": _idea(officer, visibility=Visibility.MEMBERS),
        "hidden": _idea(officer, is_hidden=True),
        "comment": Comment.objects.create(
            idea=public, author=officer, body="c", body_html="c", created_at=officer.date_joined
        ),
        "deleted_comment": Comment.objects.create(
            idea=public,
            author=officer,
            body="c",
            body_html="c",
            created_at=officer.date_joined,
            deleted_at=officer.date_joined,
        ),
    }


# rule -> (how to ask it, the roles it allows)
# Editors and superusers are confirmed members too, of no council.
MEMBERS = set(ROLES) - {"visitor", "pending"}
COUNCIL_MEMBERS = MEMBERS - {"affiliate", "editor", "superuser"}
RULES = {
    "view members-only content": (lambda u, t: permissions.can_view_members_only(u), MEMBERS),
    "view a public idea": (lambda u, t: permissions.can_view_idea(u, t["public"]), set(ROLES)),
    "view a members-only idea": (
        lambda u, t: permissions.can_view_idea(u, t["members"]),
        MEMBERS,
    ),
    "view a hidden idea": (
        lambda u, t: permissions.can_view_idea(u, t["hidden"]),
        {"moderator", "editor", "superuser"},
    ),
    "post ideas and comments": (lambda u, t: permissions.can_post(u), MEMBERS),
    "vote on a public idea": (lambda u, t: permissions.can_vote(u, t["public"]), MEMBERS),
    "vote on a members-only idea": (lambda u, t: permissions.can_vote(u, t["members"]), MEMBERS),
    "vote on a hidden idea": (
        lambda u, t: permissions.can_vote(u, t["hidden"]),
        {"moderator", "editor", "superuser"},
    ),
    "edit the idea": (
        lambda u, t: permissions.can_edit_idea(u, t["public"]),
        {"author", "editor", "superuser"},
    ),
    "change stages": (lambda u, t: permissions.can_change_stage(u), {"editor", "superuser"}),
    "edit the comment": (lambda u, t: permissions.can_edit_comment(u, t["comment"]), {"author"}),
    "edit a deleted comment": (
        lambda u, t: permissions.can_edit_comment(u, t["deleted_comment"]),
        set(),
    ),
    "record council evidence": (lambda u, t: permissions.can_record_evidence(u), COUNCIL_MEMBERS),
    "moderate": (lambda u, t: permissions.is_moderator(u), {"moderator", "editor", "superuser"}),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("rule", RULES)
def test_role_and_rule(people, things, role, rule):
    ask, allowed = RULES[rule]
    assert ask(people[role], things) is (role in allowed)
