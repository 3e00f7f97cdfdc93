"""Refusals, limits and bad input in the ideas bank answer as everywhere else on the site.

A refusal is the site's 403 page (a visitor is sent to sign in), a limit is
429, bad input re-renders the form with its errors (400); htmx requests get the
error fragment and JSON requests JSON, all through core.errors.
"""

import pytest
from django.urls import reverse

from ideasbank import services
from ideasbank.models import Comment, Idea, Report, Stage, Vote

pytestmark = pytest.mark.django_db


def detail(idea):
    return reverse("ideasbank:detail", args=[idea.pk])


# --- refusals -------------------------------------------------------------------------


def test_pending_member_gets_the_site_403_page_with_the_reason(client_for, pending):
    response = client_for(pending).get(reverse("ideasbank:create"))
    assert response.status_code == 403
    assert "Only confirmed members can post ideas." in response.content.decode()
    assert [t.name for t in response.templates][0] == "403.html"


@pytest.mark.parametrize("url_name", ["ideasbank:create", "ideasbank:moderation", "ideasbank:edit"])
def test_visitor_opening_a_members_page_is_sent_to_sign_in(client_for, idea, url_name):
    url = reverse(url_name, args=[idea.pk]) if url_name == "ideasbank:edit" else reverse(url_name)
    response = client_for(None).get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_pending_members_htmx_vote_gets_the_error_fragment(client_for, idea, pending):
    response = client_for(pending).post(
        reverse("ideasbank:vote", args=[idea.pk]), {"voted": "1"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert 'role="alert"' in html and "Only confirmed members can vote." in html
    assert "<html" not in html
    assert not Vote.objects.exists()


def test_pending_members_plain_vote_gets_the_403_page(client_for, idea, pending):
    response = client_for(pending).post(reverse("ideasbank:vote", args=[idea.pk]), {"voted": "1"})
    assert response.status_code == 403
    assert "Only confirmed members can vote." in response.content.decode()


def test_member_reporting_on_behalf_of_nobody_else_cannot_moderate(client_for, idea, officer):
    response = client_for(officer).post(
        reverse("ideasbank:moderate", args=[idea.pk]), {"action": "hide"}
    )
    assert response.status_code == 403
    assert "Only moderators" in response.content.decode()


# --- limits ---------------------------------------------------------------------------


def test_posting_too_fast_rerenders_the_form_with_429(client_for, officer, settings):
    settings.HUB_POST_RATE = "1/m"
    c = client_for(officer)
    form = {"title": "First idea", "summary": "S", "visibility": "public", "post": "1"}
    assert c.post(reverse("ideasbank:create"), form).status_code == 302
    response = c.post(reverse("ideasbank:create"), {**form, "title": "Second idea"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Wait a minute" in html and 'value="Second idea"' in html
    assert Idea.objects.count() == 1


def test_commenting_too_fast_rerenders_the_idea_page_with_429(
    client_for, idea, other_officer, settings
):
    settings.HUB_POST_RATE = "1/m"
    c = client_for(other_officer)
    url = reverse("ideasbank:comment", args=[idea.pk])
    c.post(url, {"body": "First comment."})
    response = c.post(url, {"body": "Second comment, too soon."})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Wait a minute" in html and "Second comment, too soon." in html
    assert idea.title in html
    assert Comment.objects.count() == 1


def test_voting_too_fast_is_429_for_htmx_and_plain_forms(client_for, idea, other_officer, settings):
    settings.HUB_VOTE_RATE = "1/m"
    c = client_for(other_officer)
    url = reverse("ideasbank:vote", args=[idea.pk])
    assert c.post(url, {"voted": "1"}, HTTP_HX_REQUEST="true").status_code == 200
    response = c.post(url, {"voted": "0"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 429
    assert "voting too quickly" in response.content.decode()
    response = c.post(url, {"voted": "0"})
    assert response.status_code == 429
    assert "voting too quickly" in response.content.decode()
    assert Vote.objects.filter(user=other_officer).count() == 1


# --- bad input ------------------------------------------------------------------------


def test_bad_idea_form_is_400(client_for, officer):
    response = client_for(officer).post(
        reverse("ideasbank:create"), {"title": "", "summary": "S", "visibility": "public"}
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_empty_comment_rerenders_the_idea_page_with_400(client_for, idea, officer):
    response = client_for(officer).post(reverse("ideasbank:comment", args=[idea.pk]), {"body": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "This field is required." in html and idea.title in html
    assert not Comment.objects.exists()


def test_reply_to_a_comment_of_another_idea_is_400(client_for, make_idea, idea, officer):
    other = make_idea(officer, title="Another idea entirely")
    elsewhere = services.comment_create(idea=other, author=officer, body="Over here.")
    response = client_for(officer).post(
        reverse("ideasbank:comment", args=[idea.pk]), {"body": "Reply", "parent": elsewhere.pk}
    )
    assert response.status_code == 400
    assert "no longer exists" in response.content.decode()
    assert not idea.comments.exists()


def test_bad_stage_change_is_400_with_the_error_on_the_form(client_for, idea, editor):
    response = client_for(editor).post(
        reverse("ideasbank:stage", args=[idea.pk]), {"stage-stage": "lab", "stage-note": " "}
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    response = client_for(editor).post(
        reverse("ideasbank:stage", args=[idea.pk]),
        {"stage-stage": "idea", "stage-note": "Nothing to change."},
    )
    assert response.status_code == 400
    assert "already at" in response.content.decode()
    idea.refresh_from_db()
    assert idea.stage == Stage.IDEA


def test_stage_change_to_a_missing_page_is_400(client_for, idea, editor):
    response = client_for(editor).post(
        reverse("ideasbank:stage", args=[idea.pk]),
        {"stage-stage": "lab", "stage-note": "A Lab.", "stage-project_page": 999999},
    )
    assert response.status_code == 400
    assert "There is no page with that ID." in response.content.decode()


def test_duplicate_of_an_unknown_idea_is_400(client_for, idea, editor):
    response = client_for(editor).post(
        reverse("ideasbank:duplicate", args=[idea.pk]), {"duplicate-original": 999999}
    )
    assert response.status_code == 400
    assert "There is no idea with that number." in response.content.decode()


def test_empty_report_is_400_and_reports_nothing(client_for, idea, other_officer):
    response = client_for(other_officer).post(
        reverse("ideasbank:report", args=[idea.pk]), {"reason": ""}
    )
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_evidence_outcome_too_early_is_400_on_the_field(client_for, idea, other_officer):
    response = client_for(other_officer).post(
        reverse("ideasbank:evidence", args=[idea.pk]),
        {"evidence-status": "interested", "evidence-outcome": "Too early"},
    )
    assert response.status_code == 400
    assert "Record an outcome once" in response.content.decode()


def test_vote_on_a_closed_idea_is_400_and_stays_on_site(client_for, idea, editor, other_officer):
    services.idea_stage_change(
        idea=idea, actor=editor, stage=Stage.CLOSED, note="Closed.", closed_reason="withdrawn"
    )
    response = client_for(other_officer).post(
        reverse("ideasbank:vote", args=[idea.pk]),
        {"voted": "1", "next": "https://evil.example/"},
    )
    assert response.status_code == 400
    assert "This idea is closed" in response.content.decode()
    assert not Vote.objects.exists()


def test_theme_suggestions_answer_json(client_for, idea):
    response = client_for(None).get(
        reverse("ideasbank:themes"), {"q": "comm"}, HTTP_ACCEPT="application/json"
    )
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"themes": ["community energy"]}
