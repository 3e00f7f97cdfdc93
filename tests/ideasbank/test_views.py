"""The ideas bank through its pages, role by role."""

import pytest
from django.urls import reverse

from ideasbank import services
from ideasbank.models import Comment, Evidence, Idea, Stage, Vote
from tests import factories

pytestmark = pytest.mark.django_db

LIST = reverse("ideasbank:list")


def detail(idea):
    return reverse("ideasbank:detail", args=[idea.pk])


# --- visibility: list, page, feed, search -------------------------------------------


def test_visitor_sees_public_ideas_only_in_list_page_feed_and_search(
    client_for, idea, members_idea
):
    visitor = client_for(None)
    listing = visitor.get(LIST).content.decode()
    assert idea.title in listing and members_idea.title not in listing
    assert visitor.get(detail(members_idea)).status_code == 404
    assert visitor.get(detail(idea)).status_code == 200
    feed = visitor.get(reverse("ideasbank:feed"))
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert idea.title in feed.content.decode()
    assert members_idea.title not in feed.content.decode()
    found = visitor.get(LIST, {"q": "procurement"}).content.decode()
    assert members_idea.title not in found
    similar = visitor.get(reverse("ideasbank:similar"), {"title": "shared procurement"})
    assert members_idea.title not in similar.content.decode()


def test_pending_member_is_treated_as_visitor(client_for, pending, members_idea):
    c = client_for(pending)
    assert members_idea.title not in c.get(LIST).content.decode()
    assert c.get(detail(members_idea)).status_code == 404


def test_member_sees_members_only_ideas_and_can_search_them(
    client_for, other_officer, members_idea
):
    c = client_for(other_officer)
    assert members_idea.title in c.get(LIST, {"q": "procurement"}).content.decode()
    assert c.get(detail(members_idea)).status_code == 200


def test_feed_for_signed_in_member_still_lists_public_ideas_only(
    client_for, officer, idea, members_idea
):
    body = client_for(officer).get(reverse("ideasbank:feed")).content.decode()
    assert members_idea.title not in body and idea.title in body


def test_hidden_idea_is_404_to_members_but_visible_to_moderators(
    client_for, idea, other_officer, moderator
):
    services.moderation_set_hidden(actor=moderator, idea=idea, hidden=True)
    assert client_for(other_officer).get(detail(idea)).status_code == 404
    assert client_for(moderator).get(detail(idea)).status_code == 200


# --- list filters and sorting ------------------------------------------------------------


def test_filters_by_theme_council_stage_mine_and_backed(
    client_for, make_idea, officer, other_officer, editor
):
    a = make_idea(officer, title="Alpha energy idea", themes="energy")
    b = make_idea(other_officer, title="Bravo housing idea", themes="housing")
    services.idea_vote_toggle(idea=b, user=officer)
    services.idea_stage_change(idea=b, actor=editor, stage=Stage.LAB, note="A Lab.")
    c = client_for(officer)

    def titles(**params):
        html = c.get(LIST, params).content.decode()
        return {t for t in (a.title, b.title) if t in html}

    assert titles(theme="energy") == {a.title}
    assert titles(council="lambeth") == {b.title}
    assert titles(stage="lab") == {b.title}
    assert titles(mine="on") == {a.title}
    assert titles(backed="on") == {b.title}
    assert titles(q="bravo") == {b.title}
    # Unknown filter values are ignored rather than failing.
    assert titles(stage="nonsense", sort="sideways", page="x") == {a.title, b.title}


def test_sort_orders(client_for, make_idea, officer, other_officer):
    first = make_idea(officer, title="First posted idea")
    second = make_idea(officer, title="Second posted idea")
    services.idea_vote_toggle(idea=first, user=other_officer)
    html = client_for(None).get(LIST, {"sort": "newest"}).content.decode()
    assert html.index(second.title) < html.index(first.title)
    html = client_for(None).get(LIST, {"sort": "top"}).content.decode()
    assert html.index(first.title) < html.index(second.title)


def test_visitor_list_is_cached_until_an_idea_changes(
    client_for,
    idea,
    officer,
    other_officer,
    moderator,
    make_idea,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):
    visitor = client_for(None)
    visitor.get(LIST)
    with django_assert_max_num_queries(0):
        visitor.get(LIST)
    # Each service bumps the list version on commit; running its on-commit
    # callbacks is what makes the cached list stale.
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_vote_toggle(idea=idea, user=other_officer)
    assert "backed by 1 council" in visitor.get(LIST).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        services.idea_update(
            idea=idea,
            actor=officer,
            title=idea.title,
            summary=idea.summary,
            visibility="members",
        )
    assert idea.title not in visitor.get(LIST).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        other = make_idea(officer, title="Soon hidden idea")
    assert other.title in visitor.get(LIST).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.moderation_set_hidden(actor=moderator, idea=other, hidden=True)
    assert other.title not in visitor.get(LIST).content.decode()


# --- voting ---------------------------------------------------------------------------


def test_vote_without_javascript_redirects_back_with_count(client_for, idea, other_officer):
    c = client_for(other_officer)
    response = c.post(reverse("ideasbank:vote", args=[idea.pk]), {"voted": "1", "next": LIST})
    assert response.status_code == 302 and response["Location"] == LIST
    assert Vote.objects.filter(idea=idea, user=other_officer).exists()
    page = c.get(detail(idea)).content.decode()
    assert "Remove my vote" in page and "backed by 1 council" in page


def test_vote_with_htmx_returns_the_widget(client_for, idea, other_officer, officer):
    services.idea_vote_toggle(idea=idea, user=officer)
    c = client_for(other_officer)
    response = c.post(
        reverse("ideasbank:vote", args=[idea.pk]), {"voted": "1"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert '<strong class="vote__number">2</strong>' in html
    assert "backed by 2 councils" in html and "Remove my vote" in html
    assert "<html" not in html
    # The swapped-in form still returns to the idea, not to the vote address.
    assert f'name="next" value="{detail(idea)}"' in html


def test_double_submitted_vote_form_counts_once(client_for, idea, other_officer):
    c = client_for(other_officer)
    for _ in range(2):
        c.post(reverse("ideasbank:vote", args=[idea.pk]), {"voted": "1"})
    idea.refresh_from_db()
    assert idea.vote_count == 1 == Vote.objects.count()


def test_visitor_who_votes_is_sent_to_sign_in_and_back(client_for, idea):
    response = client_for(None).post(reverse("ideasbank:vote", args=[idea.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert f"next=/ideas/{idea.pk}/" in response["Location"]
    page = client_for(None).get(detail(idea)).content.decode()
    assert f"/accounts/login/?next=/ideas/{idea.pk}/" in page


def test_pending_member_vote_is_refused_with_403(client_for, idea, pending):
    response = client_for(pending).post(
        reverse("ideasbank:vote", args=[idea.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 403
    assert not Vote.objects.exists()


def test_vote_on_members_only_idea_by_visitor_reveals_nothing(client_for, members_idea, pending):
    assert (
        client_for(pending).post(reverse("ideasbank:vote", args=[members_idea.pk])).status_code
        == 404
    )


# --- posting and editing -------------------------------------------------------------------


def test_officer_posts_an_idea_through_the_form(client_for, officer):
    response = client_for(officer).post(
        reverse("ideasbank:create"),
        {
            "title": "Community wealth building",
            "summary": "Spend locally.",
            "body": "Anchor institutions.",
            "themes": "economy, procurement",
            "visibility": "public",
            "post": "1",
        },
    )
    idea = Idea.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(idea)
    assert sorted(t.name for t in idea.themes.all()) == ["economy", "procurement"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"title": "x" * 10_000}, "at most 200 characters"),
        ({"themes": "energy, <b>bold</b>"}, "has characters a theme cannot use"),
        ({"visibility": "everyone"}, "Select a valid choice"),
    ],
)
def test_bad_idea_form_shows_clear_error_and_posts_nothing(client_for, officer, data, message):
    form = {"title": "Good", "summary": "Good", "themes": "", "visibility": "public", **data}
    response = client_for(officer).post(reverse("ideasbank:create"), form)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Idea.objects.exists()


def test_similar_ideas_shown_before_posting_without_javascript(client_for, idea, other_officer):
    response = client_for(other_officer).post(
        reverse("ideasbank:create"),
        {
            "title": "Energy co-operative for tenants",
            "summary": "S",
            "visibility": "public",
            "check": "1",
        },
    )
    assert response.status_code == 200
    assert idea.title in response.content.decode()
    assert Idea.objects.count() == 1


def test_similar_ideas_fragment_for_htmx(client_for, idea, other_officer):
    response = client_for(other_officer).get(
        reverse("ideasbank:similar"), {"title": "tenants energy"}
    )
    assert idea.title in response.content.decode()


def test_theme_suggestions_return_existing_idea_themes(client_for, idea):
    data = client_for(None).get(reverse("ideasbank:themes"), {"q": "comm"}).json()
    assert data == {"themes": ["community energy"]}
    assert client_for(None).get(reverse("ideasbank:themes")).json() == {"themes": []}


@pytest.mark.parametrize("who", ["visitor", "pending"])
def test_non_members_cannot_open_the_form(client_for, pending, who):
    response = client_for(None if who == "visitor" else pending).get(reverse("ideasbank:create"))
    assert response.status_code == (302 if who == "visitor" else 403)


def test_member_cannot_edit_someone_elses_idea(client_for, idea, other_officer):
    url = reverse("ideasbank:edit", args=[idea.pk])
    c = client_for(other_officer)
    assert c.get(url).status_code == 403
    assert (
        c.post(url, {"title": "Mine now", "summary": "S", "visibility": "public"}).status_code
        == 403
    )
    idea.refresh_from_db()
    assert idea.title != "Mine now"


def test_author_edits_own_idea(client_for, idea, officer):
    url = reverse("ideasbank:edit", args=[idea.pk])
    c = client_for(officer)
    assert c.get(url).status_code == 200
    c.post(
        url, {"title": "Sharper title", "summary": "S", "themes": "energy", "visibility": "public"}
    )
    idea.refresh_from_db()
    assert idea.title == "Sharper title"


# --- stages -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["officer", "other_officer", "moderator", "lead"])
def test_non_editors_cannot_change_stage(client_for, idea, role, request):
    response = client_for(request.getfixturevalue(role)).post(
        reverse("ideasbank:stage", args=[idea.pk]), {"stage-stage": "lab", "stage-note": "Mine"}
    )
    assert response.status_code == 403
    idea.refresh_from_db()
    assert idea.stage == Stage.IDEA


def test_editor_changes_stage_and_links_the_project_page(client_for, idea, editor):
    from cms.demo import home_page

    page = home_page()
    c = client_for(editor)
    c.post(
        reverse("ideasbank:stage", args=[idea.pk]),
        {
            "stage-stage": "prototype",
            "stage-note": "Plymouth will run it.",
            "stage-project_page": page.pk,
        },
    )
    idea.refresh_from_db()
    assert (idea.stage, idea.project_page_id) == (Stage.PROTOTYPE, page.pk)
    html = c.get(detail(idea)).content.decode()
    assert "Plymouth will run it." in html and "This idea became a project" in html


def test_unknown_stage_value_gets_a_message_and_changes_nothing(client_for, idea, editor):
    c = client_for(editor)
    response = c.post(
        reverse("ideasbank:stage", args=[idea.pk]),
        {"stage-stage": "launched-into-space", "stage-note": "x"},
        follow=True,
    )
    assert "Select a valid choice" in response.content.decode()
    idea.refresh_from_db()
    assert idea.stage == Stage.IDEA


def test_editor_marks_duplicate_through_page(client_for, make_idea, officer, editor):
    original = make_idea(officer, title="Original idea")
    dup = make_idea(officer, title="Duplicate idea")
    response = client_for(editor).post(
        reverse("ideasbank:duplicate", args=[dup.pk]), {"duplicate-original": original.pk}
    )
    assert response["Location"] == detail(original)
    dup.refresh_from_db()
    assert dup.duplicate_of == original
    assert "Closed as a duplicate of" in client_for(None).get(detail(dup)).content.decode()


# --- comments, evidence, follow, report, moderation -------------------------------------


def test_comment_reply_edit_and_delete_through_pages(client_for, idea, officer, other_officer):
    c = client_for(other_officer)
    c.post(reverse("ideasbank:comment", args=[idea.pk]), {"body": "Lambeth did this."})
    top = Comment.objects.get()
    client_for(officer).post(
        reverse("ideasbank:comment", args=[idea.pk]), {"body": "Tell us more", "parent": top.pk}
    )
    assert Comment.objects.filter(parent=top).count() == 1
    edit = reverse("ideasbank:comment_edit", args=[idea.pk, top.pk])
    assert client_for(officer).get(edit).status_code == 403
    c.post(edit, {"body": "Lambeth did this in 2014."})
    c.post(reverse("ideasbank:comment_delete", args=[idea.pk, top.pk]))
    html = client_for(None).get(detail(idea)).content.decode()
    assert "This comment was deleted by its author." in html and "Tell us more" in html


def test_empty_comment_gets_message(client_for, idea, officer):
    response = client_for(officer).post(
        reverse("ideasbank:comment", args=[idea.pk]), {"body": ""}, follow=True
    )
    assert "This field is required." in response.content.decode()
    assert not Comment.objects.exists()


def test_evidence_shown_on_idea_page(client_for, idea, other_officer):
    client_for(other_officer).post(
        reverse("ideasbank:evidence", args=[idea.pk]),
        {"evidence-status": "piloting", "evidence-note": "Started in May."},
    )
    assert Evidence.objects.get().status == "piloting"
    html = client_for(None).get(detail(idea)).content.decode()
    assert "Lambeth Council" in html and "We are piloting this" in html


def test_follow_report_and_moderate_through_pages(client_for, idea, other_officer, moderator):
    c = client_for(other_officer)
    c.post(reverse("ideasbank:follow", args=[idea.pk]), {"follow": "1"})
    assert idea.follows.filter(user=other_officer).exists()
    c.post(reverse("ideasbank:report", args=[idea.pk]), {"reason": "Spam"})
    m = client_for(moderator)
    assert "Spam" in m.get(reverse("ideasbank:moderation")).content.decode()
    assert c.get(reverse("ideasbank:moderation")).status_code == 403
    assert (
        c.post(reverse("ideasbank:moderate", args=[idea.pk]), {"action": "hide"}).status_code == 403
    )
    m.post(reverse("ideasbank:moderate", args=[idea.pk]), {"action": "hide", "note": "Spam"})
    idea.refresh_from_db()
    assert idea.is_hidden


def test_home_page_shows_top_ideas_by_visibility(client_for, idea, members_idea):
    from cms.demo import home_page

    page = home_page()
    html = client_for(None).get(page.url).content.decode()
    assert idea.title in html and members_idea.title not in html


# --- query counts stay flat as data grows ------------------------------------------------


def _bulk_ideas(n, author, voters):
    for i in range(n):
        idea = Idea.objects.create(
            title=f"Bulk idea {i}",
            summary="S",
            author=author,
            council=author.organisation,
            created_at=author.date_joined,
            updated_at=author.date_joined,
        )
        idea.themes.set([f"theme {i % 7}", "shared"])
        for voter in voters[: i % 3]:
            Vote.objects.create(idea=idea, user=voter, organisation=voter.organisation)
        Comment.objects.create(
            idea=idea, author=author, body="c", body_html="<p>c</p>", created_at=author.date_joined
        )


@pytest.mark.parametrize("size", [10, 500])
@pytest.mark.parametrize("who", ["visitor", "officer"])
def test_list_and_idea_page_queries_do_not_grow(
    size, who, client_for, officer, other_officer, django_assert_max_num_queries
):
    _bulk_ideas(size, officer, [officer, other_officer])
    idea = Idea.objects.order_by("pk").last()
    for n in range(3):
        parent = Comment.objects.filter(idea=idea).first()
        Comment.objects.create(
            idea=idea,
            parent=parent,
            author=other_officer,
            body="r",
            body_html="<p>r</p>",
            created_at=officer.date_joined,
        )
        Evidence.objects.create(
            idea=idea,
            council=factories.OrganisationFactory(),
            status="done",
            updated_at=officer.date_joined,
        ) if n < 2 else None
    c = client_for(None if who == "visitor" else officer)
    with django_assert_max_num_queries(12):
        assert c.get(LIST, {"sort": "trending"}).status_code == 200
    with django_assert_max_num_queries(12):
        assert c.get(LIST, {"theme": "shared", "page": 2}).status_code == 200
    with django_assert_max_num_queries(20):
        assert c.get(detail(idea)).status_code == 200
