"""can_apply_now and can_give_feedback: one rule each, asked by the views and the services."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from mentoring import permissions, services
from mentoring.models import Placement
from tests import factories
from tests.mentoring.conftest import make_placement

pytestmark = pytest.mark.django_db


def apply(placement, person):
    return services.application_submit(
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
        services.placement_set_state(actor=lead, placement=placement, state=state)
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
        services.application_withdraw(actor=other_officer, application=application)
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
        services.application_decide(actor=lead, application=application, decision="accept")
        application.refresh_from_db()
        return application

    def complete(self, lead, application):
        services.placement_set_state(actor=lead, placement=application.placement, state="completed")
        application.refresh_from_db()

    def test_not_before_the_placement_has_happened(self, accepted, other_officer, officer):
        assert not permissions.can_give_feedback(other_officer, accepted)
        assert not permissions.can_give_feedback(officer, accepted)
        with pytest.raises(ValidationError, match="taken place"):
            services.feedback_give(actor=other_officer, application=accepted, body="Good")

    def test_visitor_and_host_side_once_each(self, lead, accepted, other_officer, officer):
        self.complete(lead, accepted)
        assert permissions.feedback_side(other_officer, accepted) == "visitor"
        assert permissions.feedback_side(officer, accepted) == "host"
        assert permissions.feedback_side(lead, accepted) == "host"
        assert permissions.can_give_feedback(other_officer, accepted)
        assert permissions.can_give_feedback(lead, accepted)
        services.feedback_give(actor=other_officer, application=accepted, body="Useful.")
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
        services.application_decide(actor=lead, application=application, decision="decline")
        services.placement_set_state(actor=lead, placement=declined, state="completed")
        application.refresh_from_db()
        assert not permissions.can_give_feedback(third_officer, application)
        with pytest.raises(ValidationError, match="accepted visitors only"):
            services.feedback_give(actor=third_officer, application=application, body="Hm")

    def test_page_shows_the_form_exactly_when_allowed(
        self, client_for, lead, accepted, other_officer
    ):
        url = accepted.get_absolute_url()
        assert client_for(other_officer).get(url).context["feedback_form"] is None
        self.complete(lead, accepted)
        assert client_for(other_officer).get(url).context["feedback_form"] is not None
        services.feedback_give(actor=other_officer, application=accepted, body="Useful.")
        assert client_for(other_officer).get(url).context["feedback_form"] is None
        assert client_for(lead).get(url).context["feedback_form"] is not None
