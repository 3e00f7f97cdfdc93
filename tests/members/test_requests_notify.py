"""Who hears of a pending membership request: the organisation's leads, else the network editors."""

import pytest
from django.contrib.auth import get_user_model

from members.services.membership import membership_on_email_verified
from tests import factories

User = get_user_model()


def request_to_join(organisation):
    person = factories.UserFactory(
        organisation=organisation, status="unverified", email="asker@gmail.example"
    )
    membership_on_email_verified(user=person, email=person.email)
    person.refresh_from_db()
    assert person.status == User.Status.PENDING
    return person


def told(person) -> bool:
    return person.notifications.filter(kind="membership.request").exists()


def test_an_individual_affiliate_is_announced_to_the_network_editors(db, editor, lead):
    request_to_join(None)
    assert told(editor)
    assert not told(lead)


def test_an_affiliate_organisation_with_no_lead_is_announced_to_the_network_editors(
    affiliate, editor
):
    request_to_join(affiliate)
    assert told(editor)


def test_superusers_hear_as_editors_do(db):
    admin = factories.UserFactory(organisation=None, is_superuser=True, is_staff=True)
    request_to_join(None)
    assert told(admin)


def test_a_council_with_a_lead_tells_its_own_leads_only(council, lead, other_lead, editor):
    request_to_join(council)
    assert told(lead)
    assert not told(other_lead)
    assert not told(editor)


def test_an_affiliate_lead_hears_of_their_organisation(affiliate, editor):
    affiliate_lead = factories.council_lead(affiliate, email="lead@party.example")
    request_to_join(affiliate)
    assert told(affiliate_lead)
    assert not told(editor)


@pytest.mark.parametrize("state", ["inactive", "unconfirmed"])
def test_leads_who_cannot_act_do_not_count(state, council, lead, editor):
    if state == "inactive":
        lead.is_active = False
    else:
        lead.status = "pending"
    lead.save()
    request_to_join(council)
    assert not told(lead)
    assert told(editor)
