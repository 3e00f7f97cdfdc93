"""Every rule in events/permissions.py for every role.

Rows are rules, columns roles: visitor, pending member, officer of the host
council, officer of another council, the host council's lead, a lead of
another council, moderator, network editor, superuser.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from events import permissions, services
from tests import factories
from tests.cms.helpers import make_event

pytestmark = pytest.mark.django_db

ROLES = (
    "visitor", "pending", "officer_same", "officer_other", "lead", "other_lead", "moderator",
    "editor", "superuser",
)  # fmt: skip

# rule -> roles allowed
MATRIX = {
    "manage": {"lead", "editor", "superuser"},
    "register_open": {
        "officer_same", "officer_other", "lead", "other_lead", "moderator", "editor", "superuser",
    },
    "register_members_only_event": {
        "officer_same", "officer_other", "lead", "other_lead", "moderator", "editor", "superuser",
    },
    # Only invitees (here: the host council, invited whole) and those who run the event.
    "register_invitation_only": {"officer_same", "lead", "editor", "superuser"},
}  # fmt: skip


@pytest.fixture
def people(council, other_council, other_lead, moderator, editor):
    return {
        "visitor": AnonymousUser(),
        "pending": factories.pending_member(council, name="Pending Person"),
        "officer_same": factories.officer(council, name="Same Council"),
        "officer_other": factories.officer(other_council, name="Other Council"),
        "lead": factories.council_lead(council, name="Host Lead"),
        "other_lead": other_lead,
        "moderator": moderator,
        "editor": editor,
        "superuser": factories.UserFactory(
            name="Site Admin", organisation=None, is_superuser=True, is_staff=True
        ),
    }


@pytest.fixture
def events(council, people):
    roundtable = make_event("Roundtable", registration="invitation", host_council=council)
    services.invitation_create(event=roundtable, actor=people["editor"], organisation=council)
    return {
        "open": make_event("Forum", host_council=council),
        "members_only": make_event("Development", host_council=council, restricted=True),
        "invitation": roundtable,
    }


RULES = {
    "manage": lambda user, ev: permissions.can_manage_event(user, ev["open"]),
    "register_open": lambda user, ev: permissions.can_register(user, ev["open"]),
    "register_members_only_event": lambda user, ev: permissions.can_register(
        user, ev["members_only"]
    ),
    "register_invitation_only": lambda user, ev: permissions.can_register(user, ev["invitation"]),
}


@pytest.mark.parametrize("rule", list(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_rule_by_role(rule, role, people, events):
    assert RULES[rule](people[role], events) == (role in MATRIX[rule])


def test_an_event_without_a_host_is_run_by_editors_only(people):
    event = make_event("Networkwide", host_council=None)
    allowed = {role for role in ROLES if permissions.can_manage_event(people[role], event)}
    assert allowed == {"editor", "superuser"}


def test_a_member_invited_by_name_may_register_though_their_council_is_not(people, events):
    roundtable = events["invitation"]
    assert not permissions.can_register(people["officer_other"], roundtable)
    services.invitation_create(
        event=roundtable, actor=people["editor"], user=people["officer_other"]
    )
    assert permissions.can_register(people["officer_other"], roundtable)
