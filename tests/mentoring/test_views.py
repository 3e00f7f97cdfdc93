"""Views per role: lists, filters, detail, applying, deciding, council page, admin."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring.models import Application, MentorOffer, Placement
from mentoring.services.applications import application_decide, application_submit
from mentoring.services.mentorships import mentor_offer_save
from mentoring.services.placements import placement_set_state
from tests import factories
from tests.mentoring.conftest import make_placement

pytestmark = pytest.mark.django_db
LIST = reverse("mentoring:placement_list")


def apply(placement, person):
    return application_submit(
        placement=placement, applicant=person, statement="I would like to learn."
    )


def test_visitor_is_sent_to_sign_in_and_pending_member_refused(client_for, pending, placement):
    response = client_for(None).get(LIST)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    detail = reverse("mentoring:placement_detail", args=[placement.pk])
    assert client_for(None).get(detail).status_code == 302
    response = client_for(pending).get(LIST)
    assert response.status_code == 403
    assert "confirmed members" in response.content.decode()


def test_member_sees_list_and_detail(client_for, other_officer, placement):
    response = client_for(other_officer).get(LIST)
    assert response.status_code == 200
    assert placement.title in response.content.decode()
    detail = client_for(other_officer).get(placement.get_absolute_url())
    assert "Apply for this placement" in detail.content.decode()


def test_draft_is_hidden_from_other_councils(client_for, lead, officer, other_officer):
    draft = make_placement(lead, officer, title="Draft one", state="draft")
    assert client_for(other_officer).get(draft.get_absolute_url()).status_code == 404
    assert client_for(officer).get(draft.get_absolute_url()).status_code == 200
    assert "Draft one" not in client_for(other_officer).get(LIST).content.decode()


def test_own_council_officer_is_not_offered_apply(client_for, officer, placement):
    body = client_for(officer).get(placement.get_absolute_url()).content.decode()
    assert "your own council" in body
    apply_url = reverse("mentoring:placement_apply", args=[placement.pk])
    assert client_for(officer).post(apply_url, {"statement": "Me"}).status_code == 403
    assert Application.objects.count() == 0


def test_apply_through_the_form(client_for, other_officer, placement):
    url = reverse("mentoring:placement_apply", args=[placement.pk])
    response = client_for(other_officer).post(
        url, {"statement": "I commission services.", "preferred_dates": "June"}
    )
    application = Application.objects.get()
    assert response["Location"] == application.get_absolute_url()
    again = client_for(other_officer).post(url, {"statement": "Again"})
    assert again.status_code == 400
    assert "already applied" in again.content.decode()


def test_huge_statement_gets_a_clear_message(client_for, other_officer, placement):
    url = reverse("mentoring:placement_apply", args=[placement.pk])
    response = client_for(other_officer).post(url, {"statement": "x" * 100_000})
    assert response.status_code == 400
    assert "Keep the statement under 3,000 characters" in response.content.decode()
    assert Application.objects.count() == 0


def test_offer_form_shows_errors_for_bad_input(client_for, lead, officer):
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client_for(lead).post(
        reverse("mentoring:placement_create"),
        {
            "title": "T", "description": "D", "host_officer": officer.pk, "format": "online",
            "start_date": "2030-05-02", "end_date": "2030-05-01", "places": "0",
            "closing_date": past, "state": "open",
        },
    )  # fmt: skip
    body = response.content.decode()
    assert response.status_code == 400
    assert "closing date cannot be in the past" in body
    assert "at least one place" in body
    assert "cannot end before it starts" in body
    assert Placement.objects.count() == 0


def test_offer_form_creates_placement(client_for, lead, officer):
    response = client_for(lead).post(
        reverse("mentoring:placement_create"),
        {
            "title": "Energy week", "description": "See the team.", "host_officer": officer.pk,
            "themes": "co-operative energy", "format": "online", "flexible": "on",
            "places": "3", "closing_date": "2030-01-01", "state": "open",
        },
    )  # fmt: skip
    placement = Placement.objects.get()
    assert response["Location"] == placement.get_absolute_url()
    assert placement.flexible and placement.places == 3


def test_officer_cannot_open_offer_form(client_for, officer):
    assert client_for(officer).get(reverse("mentoring:placement_create")).status_code == 403


def test_applicant_sees_only_own_applications(client_for, placement, other_officer, other_council):
    mine = apply(placement, other_officer)
    someone = factories.officer(other_council, name="Someone Else")
    theirs = apply(placement, someone)
    client = client_for(other_officer)
    listing = client.get(reverse("mentoring:application_list")).content.decode()
    assert listing.count(placement.title) == 1
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(theirs.get_absolute_url()).status_code == 404
    detail = client.get(placement.get_absolute_url()).content.decode()
    assert "Someone Else" not in detail


def test_lead_decides_through_view_and_full_placement_gets_message(
    client_for, lead, other_lead, placement, other_council
):
    applications = [apply(placement, factories.officer(other_council)) for _ in range(3)]
    client = client_for(lead)
    for application in applications[:2]:
        url = reverse("mentoring:application_decide", args=[application.pk])
        client.post(url, {"decision": "accept"})
    url = reverse("mentoring:application_decide", args=[applications[2].pk])
    response = client.post(url, {"decision": "accept"}, follow=True)
    assert "Every place on this placement is taken" in response.content.decode()
    assert Application.objects.filter(state="accepted").count() == 2
    assert client_for(other_lead).post(url, {"decision": "accept"}).status_code in (403, 404)
    assert client.post(url, {"decision": "nonsense"}).status_code == 400


def test_withdraw_through_view(client_for, placement, other_officer, lead):
    application = apply(placement, other_officer)
    url = reverse("mentoring:application_withdraw", args=[application.pk])
    assert client_for(lead).post(url).status_code == 403
    client_for(other_officer).post(url)
    application.refresh_from_db()
    assert application.state == Application.State.WITHDRAWN


def test_council_page_for_leads_only(client_for, lead, officer, placement, other_officer):
    apply(placement, other_officer)
    response = client_for(lead).get(reverse("mentoring:council_placements"))
    body = response.content.decode()
    assert response.status_code == 200
    assert placement.title in body and other_officer.name in body
    assert client_for(officer).get(reverse("mentoring:council_placements")).status_code == 403


def _many(lead, officer, count, other_council):
    start = date(2030, 5, 10)
    for n in range(count):
        placement = make_placement(
            lead, officer, title=f"P{n}", start_date=start, end_date=start,
            closing_date=date(2030, 5, 1), places=1,
            themes=["social value", f"theme {n}"],
        )  # fmt: skip
        if n % 2:
            application = apply(placement, factories.officer(other_council))
            application_decide(actor=lead, application=application, decision="accept")


def test_filters(client_for, lead, officer, other_officer, other_council, settings_fast_rate):
    _many(lead, officer, 4, other_council)
    make_placement(
        lead,
        officer,
        title="June one",
        start_date=date(2030, 6, 3),
        end_date=date(2030, 6, 4),
        closing_date=date(2030, 5, 1),
        format="online",
    )
    client = client_for(other_officer)

    def titles(query):
        page = client.get(LIST, query).context["page"]
        return sorted(p.title for p in page.object_list)

    assert titles({"month": "2030-06"}) == ["June one"]
    assert titles({"month": "2030-05", "free": "on"}) == ["P0", "P2"]
    assert titles({"format": "online"}) == ["June one"]
    assert titles({"theme": "theme 3"}) == ["P3"]
    assert titles({"council": "oldham", "region": "north-west"})[:1] == ["June one"]
    assert titles({"council": "lambeth"}) == []
    response = client.get(LIST, {"month": "not-a-month"})
    assert response.status_code == 200
    assert "like 2026-05" in response.content.decode()


@pytest.mark.parametrize("count", [3, 12])
def test_list_queries_do_not_grow(
    client_for, lead, officer, other_officer, other_council, count, settings_fast_rate,
    django_assert_max_num_queries,
):  # fmt: skip
    _many(lead, officer, count, other_council)
    client = client_for(other_officer)
    with django_assert_max_num_queries(10):
        response = client.get(LIST, {"month": "2030-05", "free": "on", "theme": "social value"})
    assert len(response.context["page"].object_list) == (count + 1) // 2


@pytest.mark.parametrize("count", [2, 8])
def test_council_page_queries_do_not_grow(
    client_for, lead, officer, other_council, count, settings_fast_rate,
    django_assert_max_num_queries,
):  # fmt: skip
    _many(lead, officer, count, other_council)
    client = client_for(lead)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("mentoring:council_placements"))
    assert len(response.context["placements"]) == count


def test_home_section_for_members_only(client_for, other_officer, placement):
    from cms.demo import home_page

    home_page()
    assert placement.title in client_for(other_officer).get("/").content.decode()
    assert placement.title not in client_for(None).get("/").content.decode()


def test_editor_sees_placements_in_wagtail_admin(
    client_for, editor, officer, placement, other_officer
):
    apply(placement, other_officer)
    client = client_for(editor)
    response = client.get("/admin/mentoring/placements/")
    assert response.status_code == 200
    assert placement.title in response.content.decode()
    assert client.get("/admin/mentoring/applications/").status_code == 200
    assert client.get(f"/admin/mentoring/placements/inspect/{placement.pk}/").status_code == 200
    # Read-only: decisions keep their rules on the site.
    assert client.get(f"/admin/mentoring/placements/edit/{placement.pk}/").status_code in (302, 403)
    assert client_for(officer).get("/admin/mentoring/placements/").status_code in (302, 403)


def test_case_study_view(client_for, library, lead, officer, other_officer):
    placement = make_placement(lead, officer)
    application = apply(placement, other_officer)
    application_decide(actor=lead, application=application, decision="accept")
    url = reverse("mentoring:placement_case_study", args=[placement.pk])
    response = client_for(lead).post(url, follow=True)
    assert "taken place" in response.content.decode()
    placement_set_state(actor=lead, placement=placement, state="completed")
    assert client_for(other_officer).post(url).status_code == 403
    response = client_for(officer).post(url, follow=True)
    assert "draft case study" in response.content.decode()
    placement.refresh_from_db()
    assert placement.case_study is not None and not placement.case_study.live


def test_state_form_offers_only_allowed_changes(client_for, lead, officer, other_officer):
    placement = make_placement(lead, officer)
    client = client_for(lead)
    page = client.get(placement.get_absolute_url())
    assert [value for value, _ in page.context["state_choices"]] == ["closed", "completed", "draft"]
    apply(placement, other_officer)
    page = client.get(placement.get_absolute_url())
    assert [value for value, _ in page.context["state_choices"]] == ["closed", "completed"]
    response = client.post(
        reverse("mentoring:placement_state", args=[placement.pk]), {"state": "draft"}, follow=True
    )
    assert "cannot go back to draft" in response.content.decode()
    placement_set_state(actor=lead, placement=placement, state="completed")
    page = client.get(placement.get_absolute_url())
    assert page.context["state_choices"] == []
    assert "Change state" not in page.content.decode()
    assert "completed placement is final" in page.content.decode()


@pytest.mark.parametrize("target", ["https://evil.example", "//evil.example/x", "/elsewhere/"])
def test_decision_goes_back_only_to_this_site(client_for, lead, placement, other_officer, target):
    application = apply(placement, other_officer)
    url = reverse("mentoring:application_decide", args=[application.pk])
    response = client_for(lead).post(url, {"decision": "waitlist", "next": target})
    expected = target if target.startswith("/e") else application.get_absolute_url()
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize("target", ["0", "home", "mentoring:placement_list"])
def test_decision_with_a_bare_word_next_goes_to_the_default(
    client_for, lead, placement, other_officer, target
):
    application = apply(placement, other_officer)
    url = reverse("mentoring:application_decide", args=[application.pk])
    response = client_for(lead).post(url, {"decision": "waitlist", "next": target})
    assert response.status_code == 302
    assert response["Location"] == application.get_absolute_url()


def test_mentee_without_suggestions_is_not_told_here_are_the_mentors(client_for, officer):
    response = client_for(officer).post(
        reverse("mentoring:request_create"),
        {"goals": "Start a scheme.", "themes": "co-operative energy"},
        follow=True,
    )
    body = response.content.decode()
    assert "No mentor with free capacity shares these themes" in body
    assert "Here are the mentors we suggest" not in body


def test_mentee_with_suggestions_is_told_here_are_the_mentors(client_for, officer, other_officer):
    mentor_offer_save(
        mentor=other_officer, themes=["co-operative energy"], capacity=1, format="online"
    )
    response = client_for(officer).post(
        reverse("mentoring:request_create"),
        {"goals": "Start a scheme.", "themes": "co-operative energy"},
        follow=True,
    )
    body = response.content.decode()
    assert "Here are the mentors we suggest" in body
    assert other_officer.name in body
    assert "No mentor with free capacity" not in body


def test_pending_member_gets_the_site_403_page(client_for, pending):
    response = client_for(pending).get(reverse("mentoring:mentoring"))
    assert response.status_code == 403
    assert "confirmed members" in response.content.decode()
    assert "mentoring/forbidden.html" not in [t.name for t in response.templates]
    assert "403.html" in [t.name for t in response.templates]


def test_list_pages_are_elided_around_the_current_one(
    client_for, monkeypatch, lead, officer, other_officer, settings_fast_rate
):
    from mentoring.views import placements as placement_views

    monkeypatch.setattr(placement_views, "PER_PAGE", 1)
    for n in range(8):
        make_placement(lead, officer, title=f"Placement {n}")
    response = client_for(other_officer).get(LIST, {"page": 1, "format": "in-person"})
    body = response.content.decode()
    assert 'aria-current="page"' in body
    assert "page=2" in body and "page=8" in body
    assert "page=5" not in body  # elided
    assert "…" in body
    assert "format=in-person&amp;page=2" in body


def test_feedback_with_errors_is_shown_again_on_the_application_page(
    client_for, lead, officer, other_officer
):
    placement = make_placement(lead, officer)
    application = apply(placement, other_officer)
    application_decide(actor=lead, application=application, decision="accept")
    placement_set_state(actor=lead, placement=placement, state="completed")
    url = reverse("mentoring:application_feedback", args=[application.pk])
    client = client_for(other_officer)
    response = client.post(url, {"body": "\x00"})
    assert response.status_code == 400
    assert "control characters" in response.content.decode()
    assert response.context["application"] == application
    assert client.post(url, {"body": "Useful."}).status_code == 302
    # A second try from the same side: the page again, with the reason, nothing added.
    response = client.post(url, {"body": "Again"})
    assert response.status_code == 400
    assert "already been given" in response.content.decode()
    assert application.feedback.count() == 1


def test_mentor_offer_with_errors_is_shown_again(client_for, officer):
    response = client_for(officer).post(
        reverse("mentoring:mentor_offer_save"),
        {"themes": "", "capacity": "3", "format": "online"},
    )
    assert response.status_code == 400
    assert "Give at least one theme you can mentor on." in response.content.decode()
    assert response.context["offer_form"].errors["themes"]
    assert not MentorOffer.objects.exists()
