"""Who holds each role, asked of the User queryset: the one place that answers it."""

import pytest
from django.contrib.auth import get_user_model

from members.permissions import COUNCIL_LEADS
from tests import factories

User = get_user_model()


@pytest.fixture
def superuser(db):
    return factories.UserFactory(organisation=None, is_superuser=True, status="unverified")


def ids(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def test_network_editors_include_superusers(editor, superuser, moderator, lead):
    assert ids(User.objects.network_editors()) == {editor.pk, superuser.pk}


def test_moderators_include_editors_and_superusers(editor, superuser, moderator, lead, officer):
    assert ids(User.objects.moderators()) == {moderator.pk, editor.pk, superuser.pk}


def test_council_leads_of_one_council_or_all(council, lead, other_lead, officer, editor):
    assert ids(User.objects.council_leads()) == {lead.pk, other_lead.pk}
    assert ids(User.objects.council_leads(council)) == {lead.pk}


def test_confirmed_members_include_superusers_not_pending(officer, pending, superuser):
    confirmed = ids(User.objects.confirmed_members())
    assert {officer.pk, superuser.pk} <= confirmed
    assert pending.pk not in confirmed


def test_a_lead_who_is_not_confirmed_leads_nothing(council, lead):
    lead.status = "pending"
    lead.save()
    assert ids(User.objects.council_leads(council)) == set()


def test_a_lead_without_an_organisation_leads_nothing(db):
    loner = factories.UserFactory(
        organisation=None, roles=[COUNCIL_LEADS], email="loner@example.org"
    )
    assert loner.pk not in ids(User.objects.council_leads())


@pytest.mark.parametrize(
    "query", ["network_editors", "moderators", "council_leads", "confirmed_members"]
)
def test_inactive_accounts_never_count(query, editor, superuser, moderator, lead, officer):
    for person in (editor, superuser, moderator, lead, officer):
        person.is_active = False
        person.save()
    assert ids(getattr(User.objects, query)()) == set()


def test_requests_awaiting_a_decision_by_role(
    council, other_council, lead, editor, officer, superuser
):
    mine = factories.pending_member(council, email="mine@example.org")
    theirs = factories.pending_member(other_council, email="theirs@example.org")
    solo = factories.UserFactory(organisation=None, status="pending", email="solo@example.org")
    assert ids(User.objects.awaiting_decision_by(lead)) == {mine.pk}
    assert ids(User.objects.awaiting_decision_by(editor)) == {mine.pk, theirs.pk, solo.pk}
    assert ids(User.objects.awaiting_decision_by(superuser)) == {mine.pk, theirs.pk, solo.pk}
    assert ids(User.objects.awaiting_decision_by(officer)) == set()
