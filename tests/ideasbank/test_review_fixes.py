"""What a reader learns about ideas and pages they may not see, and requests that do not parse."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import PageViewRestriction

from ideasbank import services
from ideasbank.models import Comment, Report, Stage, Visibility

pytestmark = pytest.mark.django_db

LIST = reverse("ideasbank:list")
EVIL = "https://evil.example/phish"


def detail(idea):
    return reverse("ideasbank:detail", args=[idea.pk])


# --- duplicates of ideas the reader may not see ------------------------------------------


@pytest.fixture
def secret_original(make_idea, other_officer):
    return make_idea(
        other_officer,
        title="Secret shared-services merger",
        visibility=Visibility.MEMBERS,
        themes="secret merger",
    )


@pytest.fixture
def public_duplicate(make_idea, officer, editor, secret_original):
    dup = make_idea(officer, title="Public shared services idea")
    services.idea_mark_duplicate(idea=dup, original=secret_original, actor=editor)
    return dup


@pytest.mark.parametrize("role", ["visitor", "pending"])
def test_non_members_do_not_see_a_members_only_originals_title(
    client_for, role, pending, public_duplicate, secret_original
):
    response = client_for(None if role == "visitor" else pending).get(detail(public_duplicate))
    html = response.content.decode()
    assert response.status_code == 200
    assert secret_original.title not in html
    assert detail(secret_original) not in html
    assert "a duplicate of an idea for members" in html


@pytest.mark.parametrize("role", ["officer", "other_officer", "editor"])
def test_members_see_the_members_only_original(
    client_for, role, request, public_duplicate, secret_original
):
    html = client_for(request.getfixturevalue(role)).get(detail(public_duplicate)).content.decode()
    assert f'href="{detail(secret_original)}"' in html and secret_original.title in html


def test_default_stage_note_names_only_a_public_original(make_idea, officer, editor):
    public = make_idea(officer, title="Open original idea")
    dup = make_idea(officer, title="Copy of the open idea")
    change = services.idea_mark_duplicate(idea=dup, original=public, actor=editor)
    assert public.title in change.note
    secret = make_idea(officer, title="Closed-door original", visibility=Visibility.MEMBERS)
    dup2 = make_idea(officer, title="Copy of the closed-door idea")
    change = services.idea_mark_duplicate(idea=dup2, original=secret, actor=editor)
    assert secret.title not in change.note and change.note


def test_hidden_original_is_shown_to_moderators_only(
    client_for, make_idea, officer, other_officer, editor, moderator
):
    original = make_idea(officer, title="Original later hidden by moderators")
    services.moderation_set_hidden(actor=moderator, idea=original, hidden=True)
    dup = make_idea(officer, title="Public duplicate of a hidden one")
    change = services.idea_mark_duplicate(idea=dup, original=original, actor=editor)
    assert original.title not in change.note
    for reader in (None, other_officer):
        html = client_for(reader).get(detail(dup)).content.decode()
        assert original.title not in html
        assert "a duplicate of an idea for members" in html
    assert original.title in client_for(moderator).get(detail(dup)).content.decode()


# --- project pages behind Wagtail privacy --------------------------------------------------


@pytest.fixture
def project_idea(idea, editor):
    from cms.demo import home_page

    page = home_page()
    services.idea_stage_change(
        idea=idea, actor=editor, stage=Stage.PROTOTYPE, note="Running.", project_page=page
    )
    return idea, page


BECAME = "This idea became a project"


@pytest.mark.parametrize(
    ("restriction", "visitor_sees", "member_sees"),
    [
        (None, True, True),
        (PageViewRestriction.LOGIN, False, True),
        (PageViewRestriction.PASSWORD, False, False),
        (PageViewRestriction.GROUPS, False, False),
    ],
)
def test_project_page_link_follows_page_privacy(
    client_for, project_idea, other_officer, pending, restriction, visitor_sees, member_sees
):
    idea, page = project_idea
    if restriction:
        PageViewRestriction.objects.create(
            page=page, restriction_type=restriction, password="secret"
        )
    assert (BECAME in client_for(None).get(detail(idea)).content.decode()) is visitor_sees
    assert (BECAME in client_for(pending).get(detail(idea)).content.decode()) is visitor_sees
    assert (BECAME in client_for(other_officer).get(detail(idea)).content.decode()) is member_sees


def test_project_page_for_a_group_is_linked_for_that_groups_members_only(
    client_for, project_idea, moderator, other_officer
):
    from django.contrib.auth.models import Group

    idea, page = project_idea
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name="Moderators"))
    assert BECAME in client_for(moderator).get(detail(idea)).content.decode()
    assert BECAME not in client_for(other_officer).get(detail(idea)).content.decode()


def test_project_page_link_hidden_while_page_is_not_live(client_for, project_idea, other_officer):
    idea, page = project_idea
    page.live = False
    page.save(update_fields=["live"])
    assert BECAME not in client_for(other_officer).get(detail(idea)).content.decode()


# --- themes and councils of members-only ideas ---------------------------------------------


def test_visitor_gets_no_theme_from_members_only_ideas(
    client_for, idea, secret_original, other_officer, pending
):
    url = reverse("ideasbank:themes")
    assert client_for(None).get(url, {"q": "secret"}).json() == {"themes": []}
    assert client_for(pending).get(url, {"q": "merg"}).json() == {"themes": []}
    assert client_for(other_officer).get(url, {"q": "secret"}).json() == {
        "themes": ["secret merger"]
    }


def test_list_filters_offer_visitors_only_public_themes_and_councils(
    client_for, idea, secret_original, other_officer
):
    # Members first, so a cache shared between audiences would hand their choices on.
    member_html = client_for(other_officer).get(LIST).content.decode()
    assert "secret-merger" in member_html and "Lambeth Council" in member_html
    visitor_html = client_for(None).get(LIST).content.decode()
    assert "community-energy" in visitor_html and "Oldham Council" in visitor_html
    assert "secret-merger" not in visitor_html and "secret merger" not in visitor_html
    assert "Lambeth Council" not in visitor_html


def test_members_do_not_get_hidden_ideas_themes_from_a_moderators_cached_filters(
    client_for, make_idea, officer, other_officer, moderator
):
    hidden = make_idea(officer, title="Hidden one", themes="quarantined theme")
    services.moderation_set_hidden(actor=moderator, idea=hidden, hidden=True)
    assert "quarantined-theme" in client_for(moderator).get(LIST).content.decode()
    assert "quarantined-theme" not in client_for(other_officer).get(LIST).content.decode()
    url = reverse("ideasbank:themes")
    assert client_for(other_officer).get(url, {"q": "quar"}).json() == {"themes": []}


# --- request data that does not parse --------------------------------------------------------


@pytest.mark.parametrize("value", ["abc", "1.5", "-1", " 3", "99999999999999999999999"])
def test_moderate_with_a_bad_comment_id_is_404_not_500(client_for, idea, moderator, value):
    response = client_for(moderator).post(
        reverse("ideasbank:moderate", args=[idea.pk]), {"action": "hide", "comment": value}
    )
    assert response.status_code == 404
    idea.refresh_from_db()
    assert not idea.is_hidden


def test_moderate_with_an_unknown_action_changes_nothing(client_for, idea, moderator):
    response = client_for(moderator).post(
        reverse("ideasbank:moderate", args=[idea.pk]), {"action": "obliterate"}, follow=True
    )
    assert "Choose whether to hide or restore it." in response.content.decode()
    idea.refresh_from_db()
    assert not idea.is_hidden


# --- redirects stay on this site -------------------------------------------------------------


def test_vote_error_does_not_redirect_off_site(client_for, idea, editor, other_officer):
    services.idea_stage_change(
        idea=idea, actor=editor, stage=Stage.CLOSED, note="Closed.", closed_reason="withdrawn"
    )
    response = client_for(other_officer).post(
        reverse("ideasbank:vote", args=[idea.pk]), {"voted": "1", "next": EVIL}
    )
    # The refusal is the error page (400), not a redirect anywhere.
    assert response.status_code == 400 and "Location" not in response


def test_vote_and_moderate_ignore_off_site_next(client_for, idea, other_officer, moderator):
    response = client_for(other_officer).post(
        reverse("ideasbank:vote", args=[idea.pk]), {"voted": "1", "next": EVIL}
    )
    assert response["Location"] == detail(idea)
    response = client_for(moderator).post(
        reverse("ideasbank:moderate", args=[idea.pk]), {"action": "hide", "next": EVIL}
    )
    assert response["Location"] == detail(idea)


# --- the moderation page's queries ------------------------------------------------------------


@pytest.mark.parametrize("size", [2, 20])
def test_moderation_page_queries_do_not_grow_with_reports(
    size, make_idea, client_for, officer, other_officer, moderator, django_assert_max_num_queries
):
    for i in range(size):
        target = make_idea(officer, title=f"Reported idea {i}")
        comment = services.comment_create(idea=target, author=officer, body=f"Comment {i}")
        services.report_create(idea=target, reporter=other_officer, reason="Rude", comment=comment)
    assert Report.objects.count() == size
    c = client_for(moderator)
    with django_assert_max_num_queries(12):
        html = c.get(reverse("ideasbank:moderation")).content.decode()
    assert html.count("A comment</a> on") == size


# --- comments on ideas the author may no longer see ---------------------------------------


def test_member_cannot_edit_or_delete_their_comment_on_a_hidden_idea(
    idea, other_officer, moderator
):
    comment = services.comment_create(idea=idea, author=other_officer, body="Mine")
    services.moderation_set_hidden(actor=moderator, idea=idea, hidden=True)
    comment = Comment.objects.get(pk=comment.pk)
    with pytest.raises(PermissionDenied):
        services.comment_edit(comment=comment, actor=other_officer, body="Changed")
    with pytest.raises(PermissionDenied):
        services.comment_delete(comment=comment, actor=other_officer)
    comment.refresh_from_db()
    assert comment.body == "Mine" and comment.deleted_at is None
