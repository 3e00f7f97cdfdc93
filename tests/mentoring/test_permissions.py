"""Every rule in mentoring/permissions.py for every role, then the rules the services share.

The matrix below reads as a table: one row per rule, one column per role
(visitor, pending member, officer of the host council, officer of another
council, the host council's lead, moderator, network editor, superuser).
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from mentoring import permissions
from mentoring.models import Placement
from mentoring.services.applications import (
    application_decide,
    application_submit,
    application_withdraw,
)
from mentoring.services.feedback import feedback_give
from mentoring.services.mentorships import (
    mentor_offer_save,
    mentoring_request_create,
    mentorship_ask,
)
from mentoring.services.placements import placement_set_state
from tests import factories
from tests.mentoring.conftest import make_placement

pytestmark = pytest.mark.django_db

ROLES = (
    "visitor", "pending", "officer_same", "officer_other", "lead", "moderator", "editor",
    "superuser",
)  # fmt: skip


@pytest.fixture
def people(council, other_council, moderator, editor):
    return {
        "visitor": AnonymousUser(),
        "pending": factories.pending_member(other_council, name="Pending Person"),
        "officer_same": factories.officer(council, name="Same Council"),
        "officer_other": factories.officer(other_council, name="Other Council"),
        "lead": factories.council_lead(council, name="Host Lead"),
        "moderator": moderator,
        "editor": editor,
        "superuser": factories.UserFactory(
            name="Site Admin", organisation=None, is_superuser=True, is_staff=True
        ),
    }


@pytest.fixture
def world(people, council, settings_fast_rate):
    """An open placement, a draft, a visit that has happened and a mentoring pair.

    The host officer and the applicant to the open placement are people outside
    the roles, so each role's column shows what the role alone allows.
    """
    lead = people["lead"]
    host = factories.officer(council, name="Host Officer")
    open_placement = make_placement(lead, host, title="Open one")
    elsewhere = factories.officer(factories.OrganisationFactory(slug="croydon"), name="Applicant")
    pending_application = apply(open_placement, elsewhere)
    done = make_placement(lead, host, title="Done one")
    visit = apply(done, people["officer_other"])
    application_decide(actor=lead, application=visit, decision="accept")
    placement_set_state(actor=lead, placement=done, state="completed")
    visit.refresh_from_db()
    offer = mentor_offer_save(
        mentor=people["officer_other"], themes=["co-operative energy"], capacity=2,
        format="online",
    )  # fmt: skip
    mentoring_request = mentoring_request_create(
        mentee=people["officer_same"], goals="Energy.", themes=["co-operative energy"]
    )
    pair = mentorship_ask(
        actor=people["officer_same"], mentoring_request=mentoring_request, offer=offer
    )
    return {
        "open": open_placement,
        "draft": make_placement(lead, host, title="Draft one", state="draft"),
        "application": pending_application,
        "visit": visit,
        "request": mentoring_request,
        "pair": pair,
    }


def row(*values) -> dict:
    return dict(zip(ROLES, values, strict=True))


T, F = True, False
MATRIX = {
    "is_member": (lambda u, w: permissions.is_member(u), row(F, F, T, T, T, T, T, T)),
    "is_network_editor": (
        lambda u, w: permissions.is_network_editor(u),
        row(F, F, F, F, F, F, T, T),
    ),
    "is_council_lead": (lambda u, w: permissions.is_council_lead(u), row(F, F, F, F, T, F, F, F)),
    "can_offer_placement": (
        lambda u, w: permissions.can_offer_placement(u),
        row(F, F, F, F, T, F, F, F),
    ),
    "can_run_placement": (
        lambda u, w: permissions.can_run_placement(u, w["open"]),
        row(F, F, F, F, T, F, F, F),
    ),
    "is_host_side": (
        lambda u, w: permissions.is_host_side(u, w["open"]),
        row(F, F, F, F, T, F, F, F),
    ),
    "can_view_placement (open)": (
        lambda u, w: permissions.can_view_placement(u, w["open"]),
        row(F, F, T, T, T, T, T, T),
    ),
    "can_view_placement (draft)": (
        lambda u, w: permissions.can_view_placement(u, w["draft"]),
        row(F, F, T, F, T, F, T, T),
    ),
    # Anyone confirmed from elsewhere, editors and admins (who have no council) included.
    "can_apply": (lambda u, w: permissions.can_apply(u, w["open"]), row(F, F, F, T, F, T, T, T)),
    "apply_refusal is None (open)": (
        lambda u, w: permissions.apply_refusal(u, w["open"]) is None,
        row(F, F, T, T, T, T, T, T),
    ),
    "can_apply_now": (
        lambda u, w: permissions.can_apply_now(u, w["open"]),
        row(F, F, F, T, F, T, T, T),
    ),
    "can_view_application": (
        lambda u, w: permissions.can_view_application(u, w["application"]),
        row(F, F, F, F, T, F, T, T),
    ),
    "feedback_side": (
        lambda u, w: permissions.feedback_side(u, w["visit"]),
        row(None, None, None, "visitor", "host", None, None, None),
    ),
    "can_give_feedback": (
        lambda u, w: permissions.can_give_feedback(u, w["visit"]),
        row(F, F, F, T, T, F, F, F),
    ),
    "can_view_mentoring_request": (
        lambda u, w: permissions.can_view_mentoring_request(u, w["request"]),
        row(F, F, T, T, F, F, T, T),
    ),
    "is_in_pair": (lambda u, w: permissions.is_in_pair(u, w["pair"]), row(F, F, T, T, F, F, F, F)),
}


@pytest.mark.parametrize("rule", list(MATRIX))
def test_rule_for_every_role(rule, people, world):
    check, expected = MATRIX[rule]
    assert {role: check(people[role], world) for role in ROLES} == expected


def test_the_matrix_covers_every_rule():
    """A rule added to permissions.py needs a row above."""
    covered = {name.split(" ")[0] for name in MATRIX}
    without_a_user = {"takes_applications", "placement_has_happened", "feedback_refusal"}
    assert set(permissions.__all__) == covered | without_a_user


class TestRulesOfThePlacementItself:
    """The rules that depend on the placement or application alone, not on who asks."""

    @pytest.mark.parametrize(
        ("state", "closing_in_days", "takes"),
        [("open", 5, T), ("open", 0, T), ("open", -1, F), ("closed", 5, F), ("draft", 5, F)],
    )
    def test_takes_applications(self, lead, officer, state, closing_in_days, takes):
        placement = make_placement(lead, officer, state="draft" if state == "draft" else "open")
        closing = timezone.localdate() + timedelta(days=closing_in_days)
        Placement.objects.filter(pk=placement.pk).update(state=state, closing_date=closing)
        placement.refresh_from_db()
        assert permissions.takes_applications(placement) is takes

    @pytest.mark.parametrize(
        ("state", "ended_days_ago", "happened"),
        [("open", 1, T), ("open", 0, F), ("open", -3, F), ("completed", -3, T), ("closed", 2, T)],
    )
    def test_placement_has_happened(self, lead, officer, state, ended_days_ago, happened):
        placement = make_placement(lead, officer)
        end = timezone.localdate() - timedelta(days=ended_days_ago)
        Placement.objects.filter(pk=placement.pk).update(
            state=state, start_date=end - timedelta(days=1), end_date=end
        )
        placement.refresh_from_db()
        assert permissions.placement_has_happened(placement) is happened

    def test_flexible_placement_has_happened_only_once_completed(self, lead, officer):
        placement = make_placement(lead, officer, flexible=True, start_date=None, end_date=None)
        assert not permissions.placement_has_happened(placement)
        placement.state = Placement.State.COMPLETED
        assert permissions.placement_has_happened(placement)

    def test_feedback_refusal(self, lead, officer, other_officer, third_officer):
        placement = make_placement(lead, officer)
        visit = apply(placement, other_officer)
        waiting = apply(placement, third_officer)
        application_decide(actor=lead, application=visit, decision="accept")
        assert "taken place" in permissions.feedback_refusal(visit, "visitor")
        placement_set_state(actor=lead, placement=placement, state="completed")
        visit.refresh_from_db()
        waiting.refresh_from_db()
        assert permissions.feedback_refusal(visit, "visitor") is None
        assert "accepted visitors only" in permissions.feedback_refusal(waiting, "visitor")
        feedback_give(actor=other_officer, application=visit, body="Useful.")
        assert "already been given" in permissions.feedback_refusal(visit, "visitor")
        assert permissions.feedback_refusal(visit, "host") is None


def apply(placement, person):
    return application_submit(
        placement=placement, applicant=person, statement="I would like to learn."
    )


def service_allows_applying(placement, person) -> bool:
    try:
        apply(placement, person)
    except (PermissionDenied, ValidationError):
        return False
    return True


class TestCanApplyNow:
    def test_officer_of_another_council_on_an_open_placement(self, placement, other_officer):
        assert permissions.can_apply_now(other_officer, placement)
        assert service_allows_applying(placement, other_officer)

    def test_own_council_and_pending_members(self, placement, council, other_council):
        for person in (factories.officer(council), factories.pending_member(other_council)):
            assert not permissions.can_apply_now(person, placement)
            assert not service_allows_applying(placement, person)

    @pytest.mark.parametrize("state", ["closed", "completed"])
    def test_placement_not_open(self, lead, placement, other_officer, state):
        placement_set_state(actor=lead, placement=placement, state=state)
        assert not permissions.can_apply_now(other_officer, placement)
        assert not service_allows_applying(placement, other_officer)

    def test_past_the_closing_date(self, placement, other_officer):
        yesterday = timezone.localdate() - timedelta(days=1)
        Placement.objects.filter(pk=placement.pk).update(closing_date=yesterday)
        placement.refresh_from_db()
        assert not permissions.can_apply_now(other_officer, placement)
        assert not service_allows_applying(placement, other_officer)

    def test_not_twice_but_again_after_withdrawing(self, placement, other_officer):
        application = apply(placement, other_officer)
        assert not permissions.can_apply_now(other_officer, placement)
        assert not service_allows_applying(placement, other_officer)
        application_withdraw(actor=other_officer, application=application)
        assert permissions.can_apply_now(other_officer, placement)

    def test_detail_page_offers_apply_exactly_when_allowed(
        self, client_for, placement, other_officer, officer
    ):
        page = client_for(other_officer).get(placement.get_absolute_url())
        assert page.context["can_apply"] is True
        apply(placement, other_officer)
        page = client_for(other_officer).get(placement.get_absolute_url())
        assert page.context["can_apply"] is False
        assert client_for(officer).get(placement.get_absolute_url()).context["can_apply"] is False


class TestCanGiveFeedback:
    @pytest.fixture
    def accepted(self, lead, placement, other_officer):
        application = apply(placement, other_officer)
        application_decide(actor=lead, application=application, decision="accept")
        application.refresh_from_db()
        return application

    def complete(self, lead, application):
        placement_set_state(actor=lead, placement=application.placement, state="completed")
        application.refresh_from_db()

    def test_not_before_the_placement_has_happened(self, accepted, other_officer, officer):
        assert not permissions.can_give_feedback(other_officer, accepted)
        assert not permissions.can_give_feedback(officer, accepted)
        with pytest.raises(ValidationError, match="taken place"):
            feedback_give(actor=other_officer, application=accepted, body="Good")

    def test_visitor_and_host_side_once_each(self, lead, accepted, other_officer, officer):
        self.complete(lead, accepted)
        assert permissions.feedback_side(other_officer, accepted) == "visitor"
        assert permissions.feedback_side(officer, accepted) == "host"
        assert permissions.feedback_side(lead, accepted) == "host"
        assert permissions.can_give_feedback(other_officer, accepted)
        assert permissions.can_give_feedback(lead, accepted)
        feedback_give(actor=other_officer, application=accepted, body="Useful.")
        assert not permissions.can_give_feedback(other_officer, accepted)
        assert permissions.can_give_feedback(officer, accepted)

    def test_outsiders_and_unaccepted_applications(
        self, lead, placement, accepted, other_lead, third_officer
    ):
        self.complete(lead, accepted)
        assert permissions.feedback_side(other_lead, accepted) is None
        assert not permissions.can_give_feedback(other_lead, accepted)
        declined = make_placement(lead, title="Another")
        application = apply(declined, third_officer)
        application_decide(actor=lead, application=application, decision="decline")
        placement_set_state(actor=lead, placement=declined, state="completed")
        application.refresh_from_db()
        assert not permissions.can_give_feedback(third_officer, application)
        with pytest.raises(ValidationError, match="accepted visitors only"):
            feedback_give(actor=third_officer, application=application, body="Hm")

    def test_page_shows_the_form_exactly_when_allowed(
        self, client_for, lead, accepted, other_officer
    ):
        url = accepted.get_absolute_url()
        assert client_for(other_officer).get(url).context["feedback_form"] is None
        self.complete(lead, accepted)
        assert client_for(other_officer).get(url).context["feedback_form"] is not None
        feedback_give(actor=other_officer, application=accepted, body="Useful.")
        assert client_for(other_officer).get(url).context["feedback_form"] is None
        assert client_for(lead).get(url).context["feedback_form"] is not None
