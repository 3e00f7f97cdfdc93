"""Every rule in members/permissions.py, for every role."""

import pytest
from django.contrib.auth.models import AnonymousUser

from members import permissions
from tests import factories

ROLES = [
    "visitor",
    "pending",
    "officer",
    "other_officer",
    "lead",
    "other_lead",
    "moderator",
    "editor",
    "superuser",
]


@pytest.fixture
def people(council, other_council):
    return {
        "visitor": AnonymousUser(),
        "pending": factories.pending_member(council, name="Pending Person"),
        "officer": factories.officer(council, name="Olu Officer"),
        "other_officer": factories.officer(other_council, name="Leah Officer"),
        "lead": factories.council_lead(council, name="Jo Lead"),
        "other_lead": factories.council_lead(other_council, name="Lee Lead"),
        "moderator": factories.moderator(other_council, name="Marcus Moderator"),
        "editor": factories.network_editor(name="Nadia Editor"),
        "superuser": factories.UserFactory(
            organisation=None, is_superuser=True, is_staff=True, name="Site Admin"
        ),
    }


def allowed(*roles):
    """Expected outcome per role: True for the roles listed, False for the rest."""
    unknown = set(roles) - set(ROLES)
    assert not unknown, unknown
    return {role: role in roles for role in ROLES}


MEMBERS = ("officer", "other_officer", "lead", "other_lead", "moderator", "editor", "superuser")

RULES = {
    "is_member": (lambda p, who, c: permissions.is_member(who), allowed(*MEMBERS)),
    "is_network_editor": (
        lambda p, who, c: permissions.is_network_editor(who),
        allowed("editor", "superuser"),
    ),
    "is_moderator": (
        lambda p, who, c: permissions.is_moderator(who),
        allowed("moderator", "editor", "superuser"),
    ),
    "is_council_lead": (
        lambda p, who, c: permissions.is_council_lead(who),
        allowed("lead", "other_lead"),
    ),
    "is_council_lead_of_this_council": (
        lambda p, who, c: permissions.is_council_lead(who, c),
        allowed("lead"),
    ),
    "can_review_members": (
        lambda p, who, c: permissions.can_review_members(who),
        allowed("lead", "other_lead", "editor", "superuser"),
    ),
    "can_decide_for_someone_joining_this_council": (
        lambda p, who, c: permissions.can_decide_membership(who, factories.pending_member(c)),
        allowed("lead", "editor", "superuser"),
    ),
    "can_decide_for_an_individual_affiliate": (
        lambda p, who, c: permissions.can_decide_membership(
            who,
            factories.UserFactory(organisation=None, status="pending", email="solo@example.org"),
        ),
        allowed("editor", "superuser"),
    ),
    "can_decide_for_themselves": (
        lambda p, who, c: (
            permissions.can_decide_membership(who, who) if who.is_authenticated else False
        ),
        allowed(),
    ),
    "can_view_contacts": (
        lambda p, who, c: permissions.can_view_contacts(who, c),
        allowed(*MEMBERS),
    ),
    "can_edit_this_council": (
        lambda p, who, c: permissions.can_edit_council(who, c),
        allowed("lead", "editor", "superuser"),
    ),
    "can_view_profiles": (
        lambda p, who, c: permissions.can_view_profiles(who),
        allowed(*MEMBERS),
    ),
    "can_view_an_officers_profile": (
        lambda p, who, c: permissions.can_view_profile(who, p["officer"]),
        allowed(*MEMBERS),
    ),
    "can_view_a_hidden_profile_of_this_council": (
        lambda p, who, c: permissions.can_view_profile(
            who, factories.officer(c, profile_hidden=True, email="hidden@oldham.gov.uk")
        ),
        allowed("lead", "editor", "superuser"),
    ),
    "can_view_a_pending_members_profile": (
        lambda p, who, c: permissions.can_view_profile(who, p["pending"]),
        allowed("pending", "editor", "superuser"),
    ),
}

CASES = [(rule, role) for rule in RULES for role in ROLES]


@pytest.mark.parametrize("rule,role", CASES, ids=[f"{rule}-{role}" for rule, role in CASES])
def test_rule_for_role(rule, role, people, council):
    check, expected = RULES[rule]
    assert check(people, people[role], council) is expected[role]


@pytest.mark.parametrize("role", ["officer", "lead", "moderator", "editor", "superuser"])
def test_an_inactive_account_holds_no_role(role, people, council):
    person = people[role]
    person.is_active = False
    person.save()
    assert not permissions.is_member(person)
    assert not permissions.is_network_editor(person)
    assert not permissions.is_moderator(person)
    assert not permissions.is_council_lead(person)
    assert not permissions.can_review_members(person)


def test_group_names_are_looked_up_once_per_user_object(people, django_assert_num_queries):
    lead = people["lead"]
    with django_assert_num_queries(1):
        permissions.group_names(lead)
        permissions.is_council_lead(lead)
        permissions.is_moderator(lead)
    assert permissions.group_names(AnonymousUser()) == frozenset()
