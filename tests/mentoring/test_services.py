"""Placements and applications through the services, role by role, with bad input."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from mentoring.models import Application, Placement
from mentoring.services.applications import (
    application_decide,
    application_submit,
    application_withdraw,
)
from mentoring.services.feedback import feedback_give, placement_to_case_study
from mentoring.services.mentorships import mentor_offer_save, mentoring_request_create
from mentoring.services.placements import placement_set_state, placement_update
from notifications.models import Notification
from tests import factories
from tests.mentoring.conftest import details, make_placement

pytestmark = pytest.mark.django_db


def apply(placement, person, statement="I would like to learn how you do it."):
    return application_submit(
        placement=placement, applicant=person, statement=statement, preferred_dates="May"
    )


class TestOffering:
    def test_council_lead_offers_placement_for_own_council(self, lead, officer):
        placement = make_placement(lead, officer)
        assert placement.host_council == lead.organisation
        assert "<strong>energy</strong>" in placement.description_html
        assert sorted(placement.themes.names()) == ["co-operative energy", "social value"]
        assert Notification.objects.filter(recipient=officer).exists()

    @pytest.mark.parametrize("role", ["officer", "editor", "moderator", "pending"])
    def test_other_roles_cannot_offer(self, request, role, officer):
        person = request.getfixturevalue(role)
        with pytest.raises(PermissionDenied):
            make_placement(person, officer)
        assert Placement.objects.count() == 0

    def test_host_officer_must_belong_to_the_council(self, lead, other_officer):
        with pytest.raises(ValidationError, match="host officer"):
            make_placement(lead, other_officer)

    @pytest.mark.parametrize(
        ("overrides", "message"),
        [
            ({"closing_date": timezone.localdate() - timedelta(days=1)}, "closing date"),
            ({"places": 0}, "at least one place"),
            ({"places": -3}, "at least one place"),
            (
                {
                    "start_date": timezone.localdate() + timedelta(days=5),
                    "end_date": timezone.localdate() + timedelta(days=4),
                },
                "end before it starts",
            ),
            ({"start_date": None, "end_date": None}, "flexible"),
            ({"title": ""}, "title"),
            ({"description": "x" * 10001}, "10,000"),
            ({"format": "by-pigeon"}, "in person"),
        ],
    )
    def test_bad_input_is_refused_and_changes_nothing(self, lead, officer, overrides, message):
        with pytest.raises(ValidationError) as error:
            make_placement(lead, officer, **overrides)
        assert message in " ".join(error.value.messages)
        assert Placement.objects.count() == 0

    def test_flexible_placement_needs_no_dates(self, lead, officer):
        placement = make_placement(lead, officer, flexible=True, start_date=None, end_date=None)
        assert placement.flexible and placement.start_date is None

    def test_places_cannot_drop_below_accepted(self, lead, placement, other_council):
        for _ in range(2):
            application = apply(placement, factories.officer(other_council))
            application_decide(actor=lead, application=application, decision="accept")
        with pytest.raises(ValidationError, match="keep at least 2"):
            placement_update(
                actor=lead, placement=placement, details=details(placement.host_officer, places=1)
            )
        placement.refresh_from_db()
        assert placement.places == 2

    def test_other_council_lead_cannot_edit(self, other_lead, placement):
        with pytest.raises(PermissionDenied):
            placement_update(
                actor=other_lead, placement=placement, details=details(placement.host_officer)
            )


class TestPlacementStates:
    """draft -> open; open <-> closed; open/closed -> completed (final); back to draft
    only while nobody has a live application."""

    def in_state(self, lead, officer, state):
        path = {
            "draft": [],
            "open": ["open"],
            "closed": ["open", "closed"],
            "completed": ["open", "completed"],
        }[state]
        placement = make_placement(lead, officer, state="draft")
        for step in path:
            placement_set_state(actor=lead, placement=placement, state=step)
        return placement

    @pytest.mark.parametrize(
        "old, new",
        [
            ("draft", "open"),
            ("open", "closed"),
            ("closed", "open"),
            ("open", "completed"),
            ("closed", "completed"),
            ("open", "draft"),
            ("closed", "draft"),
        ],
    )
    def test_allowed_changes(self, lead, officer, old, new):
        placement = self.in_state(lead, officer, old)
        placement_set_state(actor=lead, placement=placement, state=new)
        placement.refresh_from_db()
        assert placement.state == new

    @pytest.mark.parametrize(
        "old, new, message",
        [
            ("completed", "open", "completed placement is final"),
            ("completed", "closed", "completed placement is final"),
            ("completed", "draft", "completed placement is final"),
            ("draft", "completed", "cannot go from draft to completed"),
            ("draft", "closed", "cannot go from draft to closed"),
            ("open", "open", "already open"),
        ],
    )
    def test_refused_changes_leave_the_state_alone(self, lead, officer, old, new, message):
        placement = self.in_state(lead, officer, old)
        with pytest.raises(ValidationError, match=message):
            placement_set_state(actor=lead, placement=placement, state=new)
        placement.refresh_from_db()
        assert placement.state == old

    @pytest.mark.parametrize("old", ["open", "closed"])
    @pytest.mark.parametrize("decision", [None, "accept", "waitlist"])
    def test_never_back_to_draft_with_live_applications(
        self, lead, officer, other_officer, old, decision
    ):
        placement = self.in_state(lead, officer, "open")
        application = apply(placement, other_officer)
        if decision:
            application_decide(actor=lead, application=application, decision=decision)
        if old == "closed":
            placement_set_state(actor=lead, placement=placement, state="closed")
        with pytest.raises(ValidationError, match="live applications"):
            placement_set_state(actor=lead, placement=placement, state="draft")
        placement.refresh_from_db()
        assert placement.state == old
        assert list(Application.objects.in_calendar_of(other_officer)) == (
            [application] if decision == "accept" else []
        )

    def test_back_to_draft_once_every_application_is_closed(self, lead, officer, other_officer):
        placement = self.in_state(lead, officer, "open")
        application = apply(placement, other_officer)
        application_withdraw(actor=other_officer, application=application)
        placement_set_state(actor=lead, placement=placement, state="draft")
        placement.refresh_from_db()
        assert placement.state == "draft"

    def test_editing_follows_the_same_rules(self, lead, officer, other_officer):
        placement = self.in_state(lead, officer, "completed")
        with pytest.raises(ValidationError, match="completed placement is final"):
            placement_update(
                actor=lead, placement=placement, details=details(officer, state="open")
            )
        live = self.in_state(lead, officer, "open")
        apply(live, other_officer)
        with pytest.raises(ValidationError, match="live applications"):
            placement_update(actor=lead, placement=live, details=details(officer, state="draft"))
        assert Placement.objects.get(pk=placement.pk).state == "completed"
        assert Placement.objects.get(pk=live.pk).state == "open"
        # Saving without changing the state is still fine.
        placement_update(
            actor=lead, placement=live, details=details(officer, state="open", title="New")
        )
        assert Placement.objects.get(pk=live.pk).title == "New"

    @pytest.mark.parametrize("state", ["closed", "completed"])
    def test_new_placements_start_as_draft_or_open(self, lead, officer, state):
        with pytest.raises(ValidationError, match="draft or open"):
            make_placement(lead, officer, state=state)
        assert Placement.objects.count() == 0


class TestFieldErrors:
    """Bad input comes back as field -> messages, like every other app."""

    def fields(self, call):
        with pytest.raises(ValidationError) as caught:
            call()
        return caught.value.message_dict

    def test_placement_details(self, lead, officer):
        past = timezone.localdate() - timedelta(days=1)
        errors = self.fields(
            lambda: make_placement(lead, officer, title=" ", places=0, closing_date=past)
        )
        assert {"title", "places", "closing_date"} <= set(errors)
        assert "closing date cannot be in the past" in " ".join(errors["closing_date"])

    def test_application_statement(self, placement, other_officer):
        errors = self.fields(lambda: apply(placement, other_officer, statement=" "))
        assert set(errors) == {"statement"}

    def test_mentor_offer_and_request(self, officer):
        errors = self.fields(
            lambda: mentor_offer_save(mentor=officer, themes=[], capacity=0, format="online")
        )
        assert {"themes", "capacity"} <= set(errors)
        errors = self.fields(
            lambda: mentoring_request_create(mentee=officer, goals="", themes=["x"])
        )
        assert set(errors) == {"goals"}


class TestApplying:
    def test_officer_of_another_council_applies(self, placement, other_officer, lead):
        application = apply(placement, other_officer)
        assert application.state == Application.State.PENDING
        assert Notification.objects.filter(recipient=lead, kind="mentoring.application").exists()
        assert Notification.objects.filter(recipient=other_officer).exists()

    def test_officer_cannot_apply_to_own_council(self, placement, council):
        colleague = factories.officer(council)
        with pytest.raises(PermissionDenied, match="own council"):
            apply(placement, colleague)

    def test_pending_member_cannot_apply(self, placement, other_council):
        with pytest.raises(PermissionDenied):
            apply(placement, factories.pending_member(other_council))

    def test_one_live_application_per_officer(self, placement, other_officer):
        apply(placement, other_officer)
        with pytest.raises(ValidationError, match="already applied"):
            apply(placement, other_officer)
        assert Application.objects.count() == 1

    def test_can_apply_again_after_withdrawing(self, placement, other_officer):
        first = apply(placement, other_officer)
        application_withdraw(actor=other_officer, application=first)
        second = apply(placement, other_officer)
        assert second.pk != first.pk

    def test_huge_statement_is_refused(self, placement, other_officer):
        with pytest.raises(ValidationError, match="3,000"):
            apply(placement, other_officer, statement="x" * 100_000)
        assert Application.objects.count() == 0

    def test_empty_statement_is_refused(self, placement, other_officer):
        with pytest.raises(ValidationError, match="statement"):
            apply(placement, other_officer, statement="   ")

    def test_closed_placement_takes_no_applications(self, lead, placement, other_officer):
        placement_set_state(actor=lead, placement=placement, state="closed")
        with pytest.raises(ValidationError, match="no longer"):
            apply(placement, other_officer)


class TestDeciding:
    def test_only_the_host_lead_decides(
        self, placement, other_officer, officer, other_lead, editor
    ):
        application = apply(placement, other_officer)
        for person in (officer, other_lead, other_officer, editor):
            with pytest.raises(PermissionDenied):
                application_decide(actor=person, application=application, decision="accept")
        application.refresh_from_db()
        assert application.state == Application.State.PENDING

    def test_accept_past_the_places_is_refused(self, lead, placement, other_council):
        applicants = [factories.officer(other_council) for _ in range(3)]
        applications = [apply(placement, person) for person in applicants]
        for application in applications[:2]:
            application_decide(actor=lead, application=application, decision="accept")
        with pytest.raises(ValidationError, match="Every place"):
            application_decide(actor=lead, application=applications[2], decision="accept")
        assert Application.objects.filter(state="accepted").count() == 2

    def test_decline_frees_place_and_tells_host_who_waits(self, lead, placement, other_council):
        first, second, third = (
            apply(placement, factories.officer(other_council, name=f"Visitor {n}"))
            for n in range(3)
        )
        application_decide(actor=lead, application=first, decision="accept")
        application_decide(actor=lead, application=second, decision="accept")
        application_decide(actor=lead, application=third, decision="waitlist")
        application_decide(
            actor=lead, application=first, decision="decline", note="Sorry, dates moved."
        )
        freed = Notification.objects.get(
            recipient=placement.host_officer, kind="mentoring.place_freed"
        )
        assert "Visitor 2" in freed.body
        application_decide(actor=lead, application=third, decision="accept")
        assert Application.objects.filter(state="accepted").count() == 2

    def test_withdrawal_frees_place(self, lead, placement, other_council):
        applications = [apply(placement, factories.officer(other_council)) for _ in range(3)]
        for application in applications[:2]:
            application_decide(actor=lead, application=application, decision="accept")
        application_withdraw(actor=applications[0].applicant, application=applications[0])
        application_decide(actor=lead, application=applications[2], decision="accept")
        assert Application.objects.filter(state="accepted").count() == 2

    def test_only_applicant_withdraws(self, lead, placement, other_officer):
        application = apply(placement, other_officer)
        with pytest.raises(PermissionDenied):
            application_withdraw(actor=lead, application=application)

    def test_double_decision_gets_a_clear_message(self, lead, placement, other_officer):
        application = apply(placement, other_officer)
        application_decide(actor=lead, application=application, decision="accept")
        with pytest.raises(ValidationError, match="already accepted"):
            application_decide(actor=lead, application=application, decision="accept")

    def test_bad_decision_and_long_note(self, lead, placement, other_officer):
        application = apply(placement, other_officer)
        with pytest.raises(ValidationError):
            application_decide(actor=lead, application=application, decision="maybe")
        with pytest.raises(ValidationError, match="2,000"):
            application_decide(
                actor=lead, application=application, decision="decline", note="x" * 2001
            )

    def test_both_sides_are_emailed_on_decision(
        self, lead, placement, other_officer, officer, django_capture_on_commit_callbacks
    ):
        application = apply(placement, other_officer)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            application_decide(actor=lead, application=application, decision="accept")
        recipients = {m.to[0] for m in mail.outbox}
        assert other_officer.email in recipients
        assert officer.email in recipients
        assert any("You have a place" in m.subject for m in mail.outbox)


class TestFeedbackAndCaseStudy:
    @pytest.fixture
    def done(self, lead, officer, other_officer):
        placement = make_placement(lead, officer)
        application = apply(placement, other_officer)
        application_decide(actor=lead, application=application, decision="accept")
        placement_set_state(actor=lead, placement=placement, state="completed")
        application.refresh_from_db()
        return application

    def test_feedback_before_placement_is_refused(self, lead, placement, other_officer):
        application = apply(placement, other_officer)
        application_decide(actor=lead, application=application, decision="accept")
        with pytest.raises(ValidationError, match="taken place"):
            feedback_give(actor=other_officer, application=application, body="Great")

    def test_both_sides_give_feedback_once(self, done, officer, other_officer, other_lead):
        feedback_give(actor=other_officer, application=done, body="Really useful.")
        feedback_give(actor=officer, application=done, body="Good questions.")
        with pytest.raises(ValidationError, match="already"):
            feedback_give(actor=other_officer, application=done, body="Again")
        with pytest.raises(PermissionDenied):
            feedback_give(actor=other_lead, application=done, body="Not mine")
        assert done.feedback.count() == 2

    def test_host_drafts_a_case_study_in_the_library(
        self, library, done, officer, other_officer, lead
    ):
        from cms.models import CaseStudyPage, LibraryIndexPage

        feedback_give(actor=other_officer, application=done, body="I learnt *a lot*.")
        page = placement_to_case_study(actor=lead, placement=done.placement)
        page = CaseStudyPage.objects.get(pk=page.pk)
        assert page.live is False
        assert page.get_parent().specific_class is LibraryIndexPage
        assert page.get_parent().slug == "library"
        assert page.latest_revision is not None
        assert "<em>a lot</em>" in page.outcomes
        assert page.council == done.placement.host_council
        again = placement_to_case_study(actor=officer, placement=done.placement)
        assert again.pk == page.pk
        assert CaseStudyPage.objects.count() == 1

    def test_without_a_library_the_host_is_told_and_nothing_is_made(self, done, lead):
        from wagtail.models import Page, Site

        from cms.models import CaseStudyPage

        pages = list(Page.objects.values_list("pk", "slug", "title"))
        sites = list(Site.objects.values_list("pk", "root_page_id", "hostname"))
        with pytest.raises(ValidationError) as caught:
            placement_to_case_study(actor=lead, placement=done.placement)
        assert "library" in " ".join(caught.value.messages)
        assert list(Page.objects.values_list("pk", "slug", "title")) == pages
        assert list(Site.objects.values_list("pk", "root_page_id", "hostname")) == sites
        assert not CaseStudyPage.objects.exists()
        done.placement.refresh_from_db()
        assert done.placement.case_study is None

    def test_visitor_cannot_draft_case_study(self, done, other_officer):
        with pytest.raises(PermissionDenied):
            placement_to_case_study(actor=other_officer, placement=done.placement)


class TestReminders:
    def test_reminder_sent_once_a_few_days_before(
        self, lead, officer, other_officer, django_capture_on_commit_callbacks
    ):
        start = timezone.localdate() + timedelta(days=2)
        placement = make_placement(
            lead, officer, start_date=start, end_date=start, closing_date=start
        )
        application = apply(placement, other_officer)
        application_decide(actor=lead, application=application, decision="accept")
        later = make_placement(lead, officer, title="Later one")
        late_app = apply(later, other_officer)
        application_decide(actor=lead, application=late_app, decision="accept")
        mail.outbox.clear()
        from django.core.management import call_command

        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_placement_reminders")
        reminders = [m for m in mail.outbox if "Reminder" in m.subject]
        assert sorted(m.to[0] for m in reminders) == sorted([other_officer.email, officer.email])
        assert reminders[0].attachments[0][0] == "placement.ics"
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_placement_reminders")
        assert [m for m in mail.outbox if "Reminder" in m.subject] == []
        application.refresh_from_db()
        late_app.refresh_from_db()
        assert application.reminded_at is not None
        assert late_app.reminded_at is None
