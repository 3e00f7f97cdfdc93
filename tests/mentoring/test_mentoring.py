"""Mentor suggestions: shared themes, never the mentee's own council, only with capacity."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from mentoring.models import MentorOffer, Mentorship
from mentoring.services.mentorships import (
    mentor_offer_save,
    mentoring_request_create,
    mentorship_ask,
    mentorship_close,
    mentorship_decide,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def mentors(council, other_council, third_council):
    """Four mentors: two sharing two themes, one sharing one, one from the mentee's council."""

    def offer(org, name, themes, capacity=1):
        person = factories.officer(org, name=name)
        mentor_offer_save(mentor=person, themes=themes, capacity=capacity, format="online")
        return person

    return {
        "both": offer(other_council, "Both Themes", ["social value", "co-operative energy"], 2),
        "both_third": offer(third_council, "Also Both", ["social value", "co-operative energy"]),
        "one": offer(third_council, "One Theme", ["co-operative energy", "housing"]),
        "none": offer(other_council, "No Shared", ["housing"]),
        "own": offer(council, "Same Council", ["social value", "co-operative energy"], 5),
    }


@pytest.fixture
def mentee_request(officer):
    return mentoring_request_create(
        mentee=officer, goals="Start a community energy scheme.",
        themes=["co-operative energy", "social value"],
    )  # fmt: skip


def names(qs):
    return [offer.mentor.name for offer in qs]


def test_ranked_by_shared_themes_excluding_own_council(mentors, mentee_request):
    suggested = MentorOffer.objects.suggested_for(mentee_request)
    assert names(suggested) == ["Both Themes", "Also Both", "One Theme"]
    assert [o.shared_themes for o in suggested] == [2, 2, 1]


def test_mentor_at_capacity_is_not_suggested(mentors, mentee_request, other_council):
    other_mentee = factories.officer(other_council)
    other_request = mentoring_request_create(
        mentee=factories.officer(factories.OrganisationFactory(slug="croydon")),
        goals="Energy", themes=["co-operative energy"],
    )  # fmt: skip
    also_both = mentors["both_third"].mentor_offer
    mentorship_ask(actor=other_request.mentee, mentoring_request=other_request, offer=also_both)
    assert "Also Both" not in names(MentorOffer.objects.suggested_for(mentee_request))
    assert other_mentee  # unused mentee stays unrelated


def test_capacity_counts_active_pairs_and_pending_requests(mentors, mentee_request, third_council):
    offer = mentors["both"].mentor_offer  # capacity 2
    first = mentorship_ask(
        actor=mentee_request.mentee, mentoring_request=mentee_request, offer=offer
    )
    mentorship_decide(actor=offer.mentor, mentorship=first, accept=True)
    second_request = mentoring_request_create(
        mentee=factories.officer(third_council), goals="Value", themes=["social value"]
    )
    mentorship_ask(actor=second_request.mentee, mentoring_request=second_request, offer=offer)
    assert MentorOffer.objects.with_load().get(pk=offer.pk).load == 2
    third_request = mentoring_request_create(
        mentee=factories.officer(third_council), goals="More", themes=["social value"]
    )
    with pytest.raises(ValidationError, match="no free capacity"):
        mentorship_ask(actor=third_request.mentee, mentoring_request=third_request, offer=offer)
    # Closing the active pair frees a place again.
    mentorship_close(actor=offer.mentor, mentorship=first, feedback="Went well.")
    assert MentorOffer.objects.with_load().get(pk=offer.pk).load == 1
    mentorship_ask(actor=third_request.mentee, mentoring_request=third_request, offer=offer)


def test_declined_request_frees_capacity(mentors, mentee_request):
    offer = mentors["one"].mentor_offer  # capacity 1
    pair = mentorship_ask(
        actor=mentee_request.mentee, mentoring_request=mentee_request, offer=offer
    )
    assert MentorOffer.objects.with_load().get(pk=offer.pk).free_capacity == 0
    mentorship_decide(actor=offer.mentor, mentorship=pair, accept=False)
    assert MentorOffer.objects.with_load().get(pk=offer.pk).free_capacity == 1


def test_cannot_ask_own_council_mentor_or_twice(mentors, mentee_request):
    with pytest.raises(ValidationError, match="another council"):
        mentorship_ask(
            actor=mentee_request.mentee, mentoring_request=mentee_request,
            offer=mentors["own"].mentor_offer,
        )  # fmt: skip
    offer = mentors["both"].mentor_offer
    mentorship_ask(actor=mentee_request.mentee, mentoring_request=mentee_request, offer=offer)
    with pytest.raises(ValidationError, match="already asked"):
        mentorship_ask(actor=mentee_request.mentee, mentoring_request=mentee_request, offer=offer)
    assert "Both Themes" not in names(MentorOffer.objects.suggested_for(mentee_request))


def test_only_mentor_decides_and_only_pair_closes(mentors, mentee_request, other_officer):
    offer = mentors["both"].mentor_offer
    pair = mentorship_ask(
        actor=mentee_request.mentee, mentoring_request=mentee_request, offer=offer
    )
    with pytest.raises(PermissionDenied):
        mentorship_decide(actor=mentee_request.mentee, mentorship=pair, accept=True)
    mentorship_decide(actor=offer.mentor, mentorship=pair, accept=True)
    with pytest.raises(PermissionDenied):
        mentorship_close(actor=other_officer, mentorship=pair)
    closed = mentorship_close(actor=mentee_request.mentee, mentorship=pair, feedback="Thanks")
    assert closed.state == Mentorship.State.CLOSED and closed.mentee_feedback == "Thanks"


def test_offer_validation(officer, pending):
    with pytest.raises(ValidationError, match="theme"):
        mentor_offer_save(mentor=officer, themes=[], capacity=1, format="online")
    with pytest.raises(ValidationError, match="Capacity"):
        mentor_offer_save(mentor=officer, themes=["x"], capacity=0, format="online")
    with pytest.raises(PermissionDenied):
        mentor_offer_save(mentor=pending, themes=["x"], capacity=1, format="online")
    assert MentorOffer.objects.count() == 0


def test_mentoring_pages_through_views(client_for, mentors, officer):
    client = client_for(officer)
    assert client.get(reverse("mentoring:mentoring")).status_code == 200
    response = client.post(
        reverse("mentoring:request_create"),
        {"goals": "Energy scheme", "themes": "co-operative energy, social value"},
    )
    assert response.status_code == 302
    page = client.get(response["Location"])
    body = page.content.decode()
    assert "Both Themes" in body and "Same Council" not in body and "No Shared" not in body
    offer = mentors["both"].mentor_offer
    request_pk = page.context["mentoring_request"].pk
    client.post(reverse("mentoring:mentorship_ask", args=[request_pk, offer.pk]), {"message": "Hi"})
    mentor_page = client_for(offer.mentor).get(reverse("mentoring:mentoring"))
    assert officer.name in mentor_page.content.decode()
    pair = Mentorship.objects.get()
    # Someone else cannot answer for the mentor.
    assert (
        client.post(reverse("mentoring:mentorship_decide", args=[pair.pk, "accept"])).status_code
        == 403
    )
    client_for(offer.mentor).post(reverse("mentoring:mentorship_decide", args=[pair.pk, "accept"]))
    pair.refresh_from_db()
    assert pair.state == Mentorship.State.ACTIVE


class TestAskingOnlyEligibleMentors:
    """mentorship_ask refuses every offer suggested_for would not show, with a reason."""

    def ask(self, mentee_request, offer):
        return mentorship_ask(
            actor=mentee_request.mentee, mentoring_request=mentee_request, offer=offer
        )

    def test_pending_mentee_cannot_ask(self, mentors, mentee_request):
        mentee = mentee_request.mentee
        mentee.status = "pending"
        mentee.save(update_fields=["status"])
        with pytest.raises(PermissionDenied, match="confirmed members"):
            self.ask(mentee_request, mentors["both"].mentor_offer)
        assert not Mentorship.objects.exists()

    def test_unconfirmed_mentor_cannot_be_asked(self, mentors, mentee_request):
        mentor = mentors["both"]
        mentor.status = "pending"
        mentor.save(update_fields=["status"])
        with pytest.raises(ValidationError, match="not a confirmed member"):
            self.ask(mentee_request, mentor.mentor_offer)
        assert not Mentorship.objects.exists()

    def test_inactive_mentor_cannot_be_asked(self, mentors, mentee_request):
        mentor = mentors["both"]
        mentor.is_active = False
        mentor.save(update_fields=["is_active"])
        with pytest.raises(ValidationError, match="not a confirmed member"):
            self.ask(mentee_request, mentor.mentor_offer)

    def test_closed_offer_cannot_be_asked(self, mentors, mentee_request):
        offer = mentors["both"].mentor_offer
        MentorOffer.objects.filter(pk=offer.pk).update(is_open=False)
        with pytest.raises(ValidationError, match="not taking new mentees"):
            self.ask(mentee_request, offer)

    def test_own_council_mentor_cannot_be_asked(self, mentors, mentee_request):
        with pytest.raises(ValidationError, match="another council"):
            self.ask(mentee_request, mentors["own"].mentor_offer)

    def test_mentor_without_a_shared_theme_cannot_be_asked(self, mentors, mentee_request):
        with pytest.raises(ValidationError, match="none of your themes"):
            self.ask(mentee_request, mentors["none"].mentor_offer)
        assert not Mentorship.objects.exists()

    def test_mentor_at_capacity_cannot_be_asked(self, mentors, mentee_request, other_council):
        offer = mentors["one"].mentor_offer  # capacity 1
        elsewhere = mentoring_request_create(
            mentee=factories.officer(factories.OrganisationFactory(slug="croydon")),
            goals="Energy", themes=["co-operative energy"],
        )  # fmt: skip
        self.ask(elsewhere, offer)
        with pytest.raises(ValidationError, match="no free capacity"):
            self.ask(mentee_request, offer)

    def test_cannot_ask_oneself(self, officer, mentee_request):
        own = mentor_offer_save(
            mentor=officer, themes=["social value"], capacity=3, format="online"
        )
        with pytest.raises(ValidationError, match="mentor yourself"):
            self.ask(mentee_request, own)

    def test_suggestions_are_exactly_the_offers_that_can_be_asked(self, mentors, mentee_request):
        suggested = {offer.pk for offer in MentorOffer.objects.suggested_for(mentee_request)}
        askable = set()
        for offer in MentorOffer.objects.all():
            try:
                with transaction.atomic():
                    self.ask(mentee_request, offer)
                    transaction.set_rollback(True)
            except ValidationError:
                continue
            askable.add(offer.pk)
        assert suggested == askable

    def test_hand_built_post_for_ineligible_offer_changes_nothing(
        self, client_for, mentors, mentee_request
    ):
        offer = mentors["none"].mentor_offer
        url = reverse("mentoring:mentorship_ask", args=[mentee_request.pk, offer.pk])
        response = client_for(mentee_request.mentee).post(url, {"message": "Hi"}, follow=True)
        assert "none of your themes" in response.content.decode()
        assert not Mentorship.objects.exists()
