"""The rules of the ideas bank, through its services, role by role."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from core.errors import RateLimited
from ideasbank import services
from ideasbank.models import (
    ClosedReason,
    Comment,
    Evidence,
    Follow,
    Idea,
    Stage,
    Vote,
)
from notifications.models import Notification
from tests import factories

pytestmark = pytest.mark.django_db


# --- posting -----------------------------------------------------------------


def test_officer_posts_idea_with_themes_council_and_rendered_body(idea, officer, council):
    assert idea.council == council
    assert idea.author == officer
    assert sorted(t.name for t in idea.themes.all()) == ["community energy", "housing"]
    assert "<strong>community energy</strong>" in idea.body_html
    assert idea.stage == Stage.IDEA
    assert Follow.objects.filter(idea=idea, user=officer).exists()


def test_markdown_body_is_sanitised(make_idea, officer):
    idea = make_idea(officer, body="<script>alert(1)</script>[x](javascript:alert(1))")
    assert "<script" not in idea.body_html
    assert "javascript:" not in idea.body_html


@pytest.mark.parametrize("who", ["visitor", "pending"])
def test_visitors_and_pending_members_cannot_post(who, pending, settings):
    from django.contrib.auth.models import AnonymousUser

    author = AnonymousUser() if who == "visitor" else pending
    with pytest.raises(PermissionDenied):
        services.idea_create(author=author, title="T", summary="S")
    assert Idea.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "   "}, "title", "Enter a title."),
        ({"title": "x" * 10_000}, "title", "Keep a title to 200 characters"),
        ({"summary": ""}, "summary", "Enter a one-line summary."),
        ({"themes": "housing, <script>"}, "themes", "has characters a theme cannot use"),
        ({"themes": "a" * 51}, "themes", "Keep each theme to 50 characters"),
        ({"themes": ",".join(f"t{i}" for i in range(11))}, "themes", "at most 10 themes"),
        ({"visibility": "secret"}, "visibility", "Choose a valid visibility"),
    ],
)
def test_bad_input_gets_clear_error_and_changes_nothing(officer, changes, field, message):
    data = {
        "title": "Good title",
        "summary": "Good summary",
        "themes": "housing",
        "visibility": "public",
        **changes,
    }
    with pytest.raises(ValidationError) as error:
        services.idea_create(author=officer, **data)
    assert message in " ".join(error.value.message_dict[field])
    assert Idea.objects.count() == 0


def test_posting_is_rate_limited(officer, settings):
    settings.HUB_POST_RATE = "2/m"
    for n in range(2):
        services.idea_create(author=officer, title=f"Idea {n}", summary="S")
    with pytest.raises(RateLimited):
        services.idea_create(author=officer, title="One too many", summary="S")
    assert Idea.objects.count() == 2


def test_author_edits_own_idea_but_not_another_members(idea, officer, other_officer, editor):
    services.idea_update(
        idea=idea,
        actor=officer,
        title="New title",
        summary="New",
        themes="housing",
        visibility="members",
    )
    idea.refresh_from_db()
    assert (idea.title, idea.visibility) == ("New title", "members")
    with pytest.raises(PermissionDenied):
        services.idea_update(
            idea=idea, actor=other_officer, title="Hijack", summary="S", visibility="public"
        )
    idea.refresh_from_db()
    assert idea.title == "New title"
    services.idea_update(idea=idea, actor=editor, title="Tidied", summary="S", visibility="public")


# --- votes -------------------------------------------------------------------


def test_vote_counts_votes_and_distinct_councils(idea, officer, lead, other_officer, affiliate):
    services.idea_vote_toggle(idea=idea, user=officer)
    services.idea_vote_toggle(idea=idea, user=lead)  # same council as officer
    result = services.idea_vote_toggle(idea=idea, user=other_officer)
    assert (result.vote_count, result.council_count) == (3, 2)
    member_of_affiliate = factories.officer(affiliate)
    result = services.idea_vote_toggle(idea=idea, user=member_of_affiliate)
    # An affiliate's vote counts, but an affiliate is not a council.
    assert (result.vote_count, result.council_count) == (4, 2)


def test_second_toggle_by_same_member_removes_the_vote(idea, officer):
    assert services.idea_vote_toggle(idea=idea, user=officer).voted is True
    result = services.idea_vote_toggle(idea=idea, user=officer)
    assert (result.voted, result.vote_count, result.council_count) == (False, 0, 0)
    assert not Vote.objects.exists()


def test_asking_for_the_same_state_twice_changes_nothing(idea, officer):
    services.idea_vote_toggle(idea=idea, user=officer, voted=True)
    result = services.idea_vote_toggle(idea=idea, user=officer, voted=True)
    assert (result.changed, result.vote_count) == (False, 1)
    assert Vote.objects.count() == 1


def test_visitor_and_pending_member_cannot_vote(idea, pending):
    from django.contrib.auth.models import AnonymousUser

    for user in (AnonymousUser(), pending):
        with pytest.raises(PermissionDenied):
            services.idea_vote_toggle(idea=idea, user=user)
    idea.refresh_from_db()
    assert idea.vote_count == 0


def test_votes_on_closed_idea_are_refused(idea, officer, editor):
    services.idea_stage_change(
        idea=idea,
        actor=editor,
        stage=Stage.CLOSED,
        closed_reason=ClosedReason.WITHDRAWN,
        note="Withdrawn by author.",
    )
    with pytest.raises(ValidationError):
        services.idea_vote_toggle(idea=idea, user=officer)


def test_trending_prefers_recent_votes_over_old_ones(make_idea, officer, other_officer, lead):
    from datetime import timedelta

    from django.utils import timezone

    old = make_idea(officer, title="Old popular idea")
    Idea.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(weeks=8))
    old.refresh_from_db()
    for user in (officer, other_officer, lead):
        services.idea_vote_toggle(idea=old, user=user)
    new = make_idea(officer, title="New idea")
    services.idea_vote_toggle(idea=new, user=officer)
    assert list(Idea.objects.sorted_by("trending").values_list("title", flat=True)) == [
        "New idea",
        "Old popular idea",
    ]
    assert list(Idea.objects.sorted_by("top").values_list("title", flat=True)) == [
        "Old popular idea",
        "New idea",
    ]


# --- stages and duplicates -------------------------------------------------------


def test_editor_changes_stage_with_note_and_audience_is_notified(
    idea, officer, other_officer, lead, editor, django_capture_on_commit_callbacks
):
    services.idea_vote_toggle(idea=idea, user=other_officer)
    services.idea_follow_set(idea=idea, user=lead, follow=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        change = services.idea_stage_change(
            idea=idea, actor=editor, stage=Stage.PROTOTYPE, note="Plymouth will prototype it."
        )
    assert idea.stage == Stage.PROTOTYPE and change.from_stage == Stage.IDEA
    notified = set(
        Notification.objects.filter(kind="ideas.stage").values_list("recipient", flat=True)
    )
    assert notified == {officer.pk, other_officer.pk, lead.pk}
    assert len(mail.outbox) == 3


@pytest.mark.parametrize("role", ["officer", "other_officer", "lead", "moderator"])
def test_only_editors_change_stage(role, idea, request):
    actor = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        services.idea_stage_change(idea=idea, actor=actor, stage=Stage.LAB, note="No")
    idea.refresh_from_db()
    assert idea.stage == Stage.IDEA


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"stage": "rocket-ship", "note": "x"}, "stage"),
        ({"stage": Stage.LAB, "note": " "}, "note"),
        ({"stage": Stage.CLOSED, "note": "x"}, "closed_reason"),
        ({"stage": Stage.CLOSED, "note": "x", "closed_reason": "duplicate"}, "closed_reason"),
        ({"stage": Stage.IDEA, "note": "x"}, "stage"),
    ],
)
def test_bad_stage_change_is_refused_and_changes_nothing(idea, editor, data, field):
    with pytest.raises(ValidationError) as error:
        services.idea_stage_change(idea=idea, actor=editor, **data)
    assert field in error.value.message_dict
    idea.refresh_from_db()
    assert idea.stage == Stage.IDEA and not idea.stage_changes.exists()


def test_duplicate_moves_votes_without_counting_anyone_twice(
    make_idea, officer, other_officer, lead, other_lead, editor
):
    original = make_idea(officer, title="Original idea")
    dup = make_idea(other_officer, title="Same idea again")
    for user in (officer, other_officer):
        services.idea_vote_toggle(idea=original, user=user)
    for user in (other_officer, lead, other_lead):
        services.idea_vote_toggle(idea=dup, user=user)
    services.idea_mark_duplicate(idea=dup, original=original, actor=editor)
    assert (original.vote_count, original.council_count) == (4, 2)
    assert Vote.objects.filter(idea=original).count() == 4
    assert (dup.vote_count, dup.stage, dup.closed_reason, dup.duplicate_of) == (
        0,
        Stage.CLOSED,
        ClosedReason.DUPLICATE,
        original,
    )
    assert Follow.objects.filter(idea=original, user=other_officer).exists()


def test_duplicate_of_itself_or_of_a_duplicate_is_refused(make_idea, officer, editor):
    a, b, c = (make_idea(officer, title=t) for t in ("A idea", "B idea", "C idea"))
    with pytest.raises(ValidationError):
        services.idea_mark_duplicate(idea=a, original=a, actor=editor)
    services.idea_mark_duplicate(idea=b, original=a, actor=editor)
    b.refresh_from_db()
    with pytest.raises(ValidationError):
        services.idea_mark_duplicate(idea=c, original=b, actor=editor)
    with pytest.raises(PermissionDenied):
        services.idea_mark_duplicate(idea=c, original=a, actor=officer)


# --- comments ----------------------------------------------------------------------


def test_comments_have_one_level_of_replies_and_count(idea, officer, other_officer):
    top = services.comment_create(idea=idea, author=other_officer, body="Lambeth tried this.")
    reply = services.comment_create(idea=idea, author=officer, body="How?", parent=top)
    deeper = services.comment_create(idea=idea, author=other_officer, body="Like so.", parent=reply)
    assert reply.parent == top and deeper.parent == top
    idea.refresh_from_db()
    assert idea.comment_count == 3
    assert Notification.objects.filter(kind="ideas.comment", recipient=officer).exists()


def test_member_edits_and_soft_deletes_own_comment_only(idea, officer, other_officer):
    comment = services.comment_create(idea=idea, author=other_officer, body="First")
    with pytest.raises(PermissionDenied):
        services.comment_edit(comment=comment, actor=officer, body="Changed")
    with pytest.raises(PermissionDenied):
        services.comment_delete(comment=comment, actor=officer)
    services.comment_edit(comment=comment, actor=other_officer, body="Second")
    assert comment.edited_at is not None and "Second" in comment.body_html
    services.comment_delete(comment=comment, actor=other_officer)
    assert Comment.objects.filter(pk=comment.pk, deleted_at__isnull=False).exists()
    idea.refresh_from_db()
    assert idea.comment_count == 0


def test_empty_comment_is_refused(idea, officer):
    with pytest.raises(ValidationError):
        services.comment_create(idea=idea, author=officer, body="  ")
    assert not Comment.objects.exists()


def test_visitor_cannot_comment_and_member_cannot_comment_on_hidden_idea(
    idea, officer, other_officer, moderator
):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.comment_create(idea=idea, author=AnonymousUser(), body="Hi")
    services.moderation_set_hidden(actor=moderator, idea=idea, hidden=True)
    with pytest.raises(PermissionDenied):
        services.comment_create(idea=idea, author=other_officer, body="Hi")


# --- evidence, follows, reports, moderation ---------------------------------------------


def test_council_officer_records_and_updates_evidence(idea, other_officer, other_council):
    services.evidence_record(idea=idea, actor=other_officer, status="interested", note="Keen")
    evidence = services.evidence_record(
        idea=idea, actor=other_officer, status="done", note="Did it", outcome="Bills fell 12%"
    )
    assert Evidence.objects.get().council == other_council
    assert "Bills fell" in evidence.outcome_html


def test_evidence_rules(idea, affiliate, other_officer):
    with pytest.raises(PermissionDenied):
        services.evidence_record(idea=idea, actor=factories.officer(affiliate), status="done")
    with pytest.raises(ValidationError):
        services.evidence_record(idea=idea, actor=other_officer, status="maybe")
    with pytest.raises(ValidationError):
        services.evidence_record(
            idea=idea, actor=other_officer, status="interested", outcome="Too early for an outcome"
        )
    assert not Evidence.objects.exists()


def test_report_notifies_moderators_and_hiding_resolves_it_with_a_log(
    idea, other_officer, moderator, officer
):
    report = services.report_create(idea=idea, reporter=other_officer, reason="Off topic")
    assert Notification.objects.filter(recipient=moderator, kind="ideas.report").exists()
    with pytest.raises(PermissionDenied):
        services.moderation_set_hidden(actor=officer, idea=idea, hidden=True)
    services.moderation_set_hidden(actor=moderator, idea=idea, hidden=True, note="Spam")
    report.refresh_from_db()
    assert report.resolved_by == moderator
    assert not Idea.objects.visible_to(officer).filter(pk=idea.pk).exists()
    assert Idea.objects.visible_to(moderator).filter(pk=idea.pk).exists()
    services.moderation_set_hidden(actor=moderator, idea=idea, hidden=False)
    log = ModelLogEntry.objects.filter(object_id=str(idea.pk), action__startswith="ideasbank.")
    assert list(log.values_list("action", flat=True)) == ["ideasbank.restore", "ideasbank.hide"]
    with pytest.raises(ValidationError):
        services.moderation_set_hidden(actor=moderator, idea=idea, hidden=False)


# --- visibility ------------------------------------------------------------------------


def test_members_only_ideas_are_visible_to_members_only(idea, members_idea, officer, pending):
    from django.contrib.auth.models import AnonymousUser

    assert set(Idea.objects.visible_to(officer)) == {idea, members_idea}
    assert list(Idea.objects.visible_to(AnonymousUser())) == [idea]
    assert list(Idea.objects.visible_to(pending)) == [idea]
    assert list(Idea.objects.visible_to(AnonymousUser()).search("procurement")) == []
    assert list(Idea.objects.visible_to(officer).search("procurement")) == [members_idea]
