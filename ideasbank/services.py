"""Every write in the ideas bank: permission, validation, one transaction, then events."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Log
from django.urls import reverse
from django.utils import timezone

from core.markdown import render_markdown
from core.ratelimit import enforce
from core.services import notify
from ideasbank import permissions
from ideasbank.models import (
    ClosedReason,
    Comment,
    Evidence,
    Follow,
    Idea,
    ModerationLog,
    Report,
    Stage,
    StageChange,
    Visibility,
    Vote,
)

TITLE_MAX = 200
SUMMARY_MAX = 300
BODY_MAX = 20_000
COMMENT_MAX = 10_000
NOTE_MAX = 5_000
THEMES_MAX = 8
THEME_MAX = 50
THEME_PATTERN = re.compile(r"^[\w][\w &'’-]*$")
WEEK_SECONDS = 7 * 24 * 3600
LIST_VERSION_KEY = "ideasbank:list-version"


# ---------------------------------------------------------------------------
# Helpers


def list_version() -> int:
    """Version of everything the ideas lists show; visitors' cached lists key on it."""
    version = cache.get(LIST_VERSION_KEY)
    if version is None:
        cache.add(LIST_VERSION_KEY, 1, timeout=None)
        version = cache.get(LIST_VERSION_KEY) or 1
    return version


def _bump_list_version() -> None:
    try:
        cache.incr(LIST_VERSION_KEY)
    except ValueError:
        cache.add(LIST_VERSION_KEY, 1, timeout=None)


def _lists_changed() -> None:
    transaction.on_commit(_bump_list_version)


def _clean_text(value: str | None, *, field: str, label: str, max_length: int, required=True):
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: f"Enter {label}."})
    if len(text) > max_length:
        raise ValidationError(
            {field: f"Keep {label} to {max_length:,} characters (it has {len(text):,})."}
        )
    return text


def parse_themes(value) -> list[str]:
    """Comma-separated text (or a list) to clean theme names, duplicates dropped."""
    parts = value.split(",") if isinstance(value, str) else list(value or [])
    themes: list[str] = []
    seen: set[str] = set()
    for part in parts:
        name = " ".join(str(part).split())
        if not name:
            continue
        if len(name) > THEME_MAX:
            raise ValidationError(
                {"themes": f"Keep each theme to {THEME_MAX} characters: “{name[:THEME_MAX]}…”."}
            )
        if not THEME_PATTERN.match(name):
            raise ValidationError(
                {
                    "themes": f"“{name}” has characters a theme cannot use. Use letters, "
                    "numbers, spaces, hyphens, apostrophes and “&”."
                }
            )
        if name.lower() not in seen:
            seen.add(name.lower())
            themes.append(name)
    if len(themes) > THEMES_MAX:
        raise ValidationError({"themes": f"Choose at most {THEMES_MAX} themes."})
    return themes


def _choice(value, choices, *, field: str, label: str) -> str:
    if value not in choices.values:
        options = ", ".join(str(c.label) for c in choices)
        raise ValidationError({field: f"Choose a valid {label} ({options})."})
    return value


def _is_council(user) -> bool:
    return user.organisation_id is not None and user.organisation.is_council


def _vote_council_count():
    """Distinct full-member councils among an idea's voters, as a subquery."""
    return Coalesce(
        Subquery(
            Vote.objects.filter(idea=OuterRef("pk"), organisation__membership_type="full")
            .order_by()
            .values("idea")
            .annotate(n=Count("organisation", distinct=True))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def _vote_count():
    return Coalesce(
        Subquery(
            Vote.objects.filter(idea=OuterRef("pk"))
            .order_by()
            .values("idea")
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def _trending(votes_expression, created_at):
    return Log(2, votes_expression + 1) + Value(created_at.timestamp() / WEEK_SECONDS)


def _recount_votes(idea_id: int) -> None:
    """Recompute an idea's vote figures from its votes (after merging duplicates)."""
    idea = Idea.objects.only("created_at").get(pk=idea_id)
    Idea.objects.filter(pk=idea_id).update(
        vote_count=_vote_count(), council_count=_vote_council_count()
    )
    Idea.objects.filter(pk=idea_id).update(
        trending_score=_trending(F("vote_count"), idea.created_at)
    )


def _recount_comments(idea_id: int) -> None:
    visible = Comment.objects.filter(idea=OuterRef("pk"), deleted_at__isnull=True, is_hidden=False)
    Idea.objects.filter(pk=idea_id).update(
        comment_count=Coalesce(
            Subquery(
                visible.order_by().values("idea").annotate(n=Count("pk")).values("n")[:1],
                output_field=IntegerField(),
            ),
            Value(0),
        )
    )


def _lock(idea: Idea) -> Idea:
    """Lock the idea's row so concurrent writers to it queue (PostgreSQL)."""
    return Idea.objects.select_for_update().get(pk=idea.pk)


def _audience(idea: Idea, *, voters=True):
    """Author, followers and (optionally) voters of an idea, each once."""
    User = get_user_model()
    match = Q(pk=idea.author_id) | Q(idea_follows__idea=idea)
    if voters:
        match |= Q(idea_votes__idea=idea)
    return User.objects.filter(match, is_active=True).distinct()


# ---------------------------------------------------------------------------
# Ideas


def idea_create(
    *,
    author,
    title: str,
    summary: str,
    body: str = "",
    themes="",
    visibility: str = Visibility.PUBLIC,
) -> Idea:
    if not permissions.can_post(author):
        raise PermissionDenied("Only confirmed members can post ideas.")
    title = _clean_text(title, field="title", label="a title", max_length=TITLE_MAX)
    summary = _clean_text(
        summary, field="summary", label="a one-line summary", max_length=SUMMARY_MAX
    )
    body = _clean_text(
        body, field="body", label="the description", max_length=BODY_MAX, required=False
    )
    theme_names = parse_themes(themes)
    visibility = _choice(visibility, Visibility, field="visibility", label="visibility")
    enforce(f"ideas-post:{author.pk}", settings.HUB_POST_RATE)
    now = timezone.now()
    with transaction.atomic():
        idea = Idea.objects.create(
            title=title,
            summary=summary,
            body=body,
            body_html=render_markdown(body),
            visibility=visibility,
            author=author,
            council_id=author.organisation_id,
            created_at=now,
            updated_at=now,
            trending_score=now.timestamp() / WEEK_SECONDS,
        )
        if theme_names:
            idea.themes.set(theme_names)
        Follow.objects.create(idea=idea, user=author)
        _lists_changed()
    return idea


def idea_update(
    *, idea: Idea, actor, title: str, summary: str, body: str = "", themes="", visibility: str
) -> Idea:
    if not permissions.can_edit_idea(actor, idea):
        raise PermissionDenied("Only the author or a network editor can change this idea.")
    title = _clean_text(title, field="title", label="a title", max_length=TITLE_MAX)
    summary = _clean_text(
        summary, field="summary", label="a one-line summary", max_length=SUMMARY_MAX
    )
    body = _clean_text(
        body, field="body", label="the description", max_length=BODY_MAX, required=False
    )
    theme_names = parse_themes(themes)
    visibility = _choice(visibility, Visibility, field="visibility", label="visibility")
    with transaction.atomic():
        idea.title, idea.summary, idea.body = title, summary, body
        idea.body_html = render_markdown(body)
        idea.visibility = visibility
        idea.updated_at = timezone.now()
        idea.save(
            update_fields=["title", "summary", "body", "body_html", "visibility", "updated_at"]
        )
        idea.themes.set(theme_names)
        _lists_changed()
    return idea


# ---------------------------------------------------------------------------
# Votes


@dataclass(frozen=True)
class VoteResult:
    voted: bool
    changed: bool
    vote_count: int
    council_count: int


def idea_vote_toggle(*, idea: Idea, user, voted: bool | None = None) -> VoteResult:
    """Vote for an idea, or take the vote back.

    voted=True/False asks for that state (a double-clicked button changes
    nothing the second time); None flips the current state.
    """
    if not permissions.can_vote(user, idea):
        raise PermissionDenied("Only confirmed members can vote.")
    if not idea.is_open:
        raise ValidationError("This idea is closed, so its votes can no longer change.")
    enforce(
        f"ideas-vote:{user.pk}",
        settings.HUB_VOTE_RATE,
        "You are voting too quickly. Wait a minute and try again.",
    )
    with transaction.atomic():
        locked = _lock(idea)
        if not locked.is_open:
            raise ValidationError("This idea is closed, so its votes can no longer change.")
        has_vote = Vote.objects.filter(idea=locked, user=user).exists()
        want = (not has_vote) if voted is None else voted
        delta = 0
        if want and not has_vote:
            try:
                with transaction.atomic():
                    Vote.objects.create(
                        idea=locked, user=user, organisation_id=user.organisation_id
                    )
                delta = 1
            except IntegrityError:
                # Only reachable without row locks (SQLite serialises writers
                # instead); the vote exists, which is what was asked.
                delta = 0
        elif not want and has_vote:
            delta = -Vote.objects.filter(idea=locked, user=user).delete()[0]
        if delta:
            Idea.objects.filter(pk=locked.pk).update(
                vote_count=F("vote_count") + delta,
                council_count=_vote_council_count(),
                trending_score=_trending(F("vote_count") + delta, locked.created_at),
            )
            _lists_changed()
        counts = Idea.objects.values("vote_count", "council_count").get(pk=locked.pk)
    idea.vote_count = counts["vote_count"]
    idea.council_count = counts["council_count"]
    return VoteResult(voted=want, changed=bool(delta), **counts)


# ---------------------------------------------------------------------------
# Stages and duplicates


def idea_stage_change(
    *,
    idea: Idea,
    actor,
    stage: str,
    note: str,
    closed_reason: str = "",
    project_page=None,
) -> StageChange:
    if not permissions.can_change_stage(actor):
        raise PermissionDenied("Only network editors change an idea's stage.")
    stage = _choice(stage, Stage, field="stage", label="stage")
    note = _clean_text(
        note, field="note", label="a public note about the change", max_length=NOTE_MAX
    )
    if stage == Stage.CLOSED:
        closed_reason = _choice(
            closed_reason, ClosedReason, field="closed_reason", label="reason for closing"
        )
        if closed_reason == ClosedReason.DUPLICATE:
            raise ValidationError(
                {
                    "closed_reason": "To close a duplicate, mark it as a duplicate of the "
                    "original idea so its votes move over."
                }
            )
    else:
        closed_reason = ""
    with transaction.atomic():
        locked = _lock(idea)
        if (
            locked.stage == stage
            and locked.closed_reason == closed_reason
            and locked.project_page_id == getattr(project_page, "pk", None)
        ):
            raise ValidationError(
                {"stage": f"The idea is already at “{locked.get_stage_display()}”."}
            )
        change = _record_stage(locked, actor, stage, closed_reason, note)
        locked.project_page = project_page
        locked.save(update_fields=["stage", "closed_reason", "project_page", "updated_at"])
        _lists_changed()
        _notify_stage(locked, actor, change)
    idea.refresh_from_db()
    return change


def _record_stage(idea: Idea, actor, stage: str, closed_reason: str, note: str) -> StageChange:
    now = timezone.now()
    change = StageChange.objects.create(
        idea=idea,
        from_stage=idea.stage,
        to_stage=stage,
        closed_reason=closed_reason,
        note=note,
        note_html=render_markdown(note),
        actor=actor,
        created_at=now,
    )
    idea.stage = stage
    idea.closed_reason = closed_reason
    idea.updated_at = now
    return change


def _notify_stage(idea: Idea, actor, change: StageChange) -> None:
    label = Stage(change.to_stage).label
    notify(
        recipients=list(_audience(idea)),
        kind="ideas.stage",
        title=f"“{idea.title}” is now at the stage: {label}",
        url=idea.get_absolute_url(),
        body=change.note,
        actor=actor,
    )


def idea_mark_duplicate(*, idea: Idea, original: Idea, actor, note: str = "") -> StageChange:
    """Close an idea as a duplicate: its votes and followers move to the original,
    and a member who backed both is counted once."""
    if not permissions.can_change_stage(actor):
        raise PermissionDenied("Only network editors mark duplicates.")
    if original is None or original.pk == idea.pk:
        raise ValidationError({"duplicate_of": "Choose a different idea as the original."})
    if original.duplicate_of_id:
        raise ValidationError(
            {"duplicate_of": "That idea is itself a duplicate; choose the idea it duplicates."}
        )
    if not original.is_open:
        raise ValidationError({"duplicate_of": "That idea is closed; choose an open idea."})
    # The stage history is public wherever the duplicate is: it names the
    # original only when everyone may read the original too.
    original_is_public = original.visibility == Visibility.PUBLIC and not original.is_hidden
    note = (note or "").strip() or (
        f"Duplicate of “{original.title}”."
        if original_is_public
        else "Duplicate of an idea for members; its votes moved there."
    )
    note = _clean_text(note, field="note", label="a note", max_length=NOTE_MAX)
    with transaction.atomic():
        # Lock both rows in a fixed order so two merges cannot deadlock.
        locked = {
            i.pk: i
            for i in Idea.objects.select_for_update()
            .filter(pk__in=[idea.pk, original.pk])
            .order_by("pk")
        }
        dup, orig = locked[idea.pk], locked[original.pk]
        if dup.duplicate_of_id:
            raise ValidationError({"duplicate_of": "This idea is already marked as a duplicate."})
        already = Vote.objects.filter(idea=orig).values("user_id")
        Vote.objects.filter(idea=dup).exclude(user_id__in=already).update(idea=orig)
        Vote.objects.filter(idea=dup).delete()
        following = Follow.objects.filter(idea=orig).values("user_id")
        Follow.objects.filter(idea=dup).exclude(user_id__in=following).update(idea=orig)
        Follow.objects.filter(idea=dup).delete()
        _recount_votes(orig.pk)
        _recount_votes(dup.pk)
        change = _record_stage(dup, actor, Stage.CLOSED, ClosedReason.DUPLICATE, note)
        dup.duplicate_of = orig
        dup.save(update_fields=["stage", "closed_reason", "duplicate_of", "updated_at"])
        _lists_changed()
        named = dup.author_id and permissions.can_view_idea(dup.author, orig)
        notify(
            recipients=[dup.author] if dup.author_id else [],
            kind="ideas.stage",
            title=f"“{dup.title}” was closed as a duplicate of “{orig.title}”"
            if named
            else f"“{dup.title}” was closed as a duplicate of another idea",
            url=orig.get_absolute_url(),
            body=note,
            actor=actor,
        )
    idea.refresh_from_db()
    original.refresh_from_db()
    return change


# ---------------------------------------------------------------------------
# Comments


def comment_create(*, idea: Idea, author, body: str, parent: Comment | None = None) -> Comment:
    if not (permissions.can_post(author) and permissions.can_view_idea(author, idea)):
        raise PermissionDenied("Only confirmed members can comment.")
    body = _clean_text(body, field="body", label="a comment", max_length=COMMENT_MAX)
    if parent is not None:
        if parent.idea_id != idea.pk:
            raise ValidationError("That reply belongs to another idea.")
        if parent.is_removed:
            raise ValidationError("That comment has been removed; reply to the idea instead.")
        # One level of replies: a reply to a reply joins its parent's thread.
        if parent.parent_id:
            parent = parent.parent
    enforce(f"ideas-post:{author.pk}", settings.HUB_POST_RATE)
    with transaction.atomic():
        locked = _lock(idea)
        comment = Comment.objects.create(
            idea=locked,
            parent=parent,
            author=author,
            body=body,
            body_html=render_markdown(body),
            created_at=timezone.now(),
        )
        _recount_comments(locked.pk)
        _lists_changed()
        recipients = list(_audience(locked, voters=False))
        if parent is not None and parent.author_id:
            recipients.append(parent.author)
        notify(
            recipients=recipients,
            kind="ideas.comment",
            title=f"{author} commented on “{locked.title}”",
            url=comment.get_absolute_url(),
            body=body[:500],
            actor=author,
        )
    return comment


def comment_edit(*, comment: Comment, actor, body: str) -> Comment:
    if not permissions.can_edit_comment(actor, comment):
        raise PermissionDenied("You can only edit your own comments.")
    if not permissions.can_view_idea(actor, comment.idea):
        raise PermissionDenied("You can no longer change comments on this idea.")
    body = _clean_text(body, field="body", label="a comment", max_length=COMMENT_MAX)
    comment.body = body
    comment.body_html = render_markdown(body)
    comment.edited_at = timezone.now()
    comment.save(update_fields=["body", "body_html", "edited_at"])
    return comment


def comment_delete(*, comment: Comment, actor) -> Comment:
    """Soft delete: the comment's place stays, saying it was deleted, so replies keep sense."""
    if not permissions.can_edit_comment(actor, comment):
        raise PermissionDenied("You can only delete your own comments.")
    if not permissions.can_view_idea(actor, comment.idea):
        raise PermissionDenied("You can no longer change comments on this idea.")
    with transaction.atomic():
        _lock(comment.idea)
        comment.deleted_at = timezone.now()
        comment.save(update_fields=["deleted_at"])
        _recount_comments(comment.idea_id)
        _lists_changed()
    return comment


# ---------------------------------------------------------------------------
# Council evidence, follows, reports, moderation


def evidence_record(
    *, idea: Idea, actor, status: str, note: str = "", outcome: str = ""
) -> Evidence:
    """Record (or update) where the actor's council stands on the idea."""
    if not (permissions.can_record_evidence(actor) and permissions.can_view_idea(actor, idea)):
        raise PermissionDenied("Only officers of member councils record their council's evidence.")
    status = _choice(status, Evidence.Status, field="status", label="status")
    note = _clean_text(note, field="note", label="a note", max_length=NOTE_MAX, required=False)
    outcome = _clean_text(
        outcome, field="outcome", label="the outcome", max_length=NOTE_MAX, required=False
    )
    if outcome and status == Evidence.Status.INTERESTED:
        raise ValidationError(
            {"outcome": "Record an outcome once your council is piloting or has done this."}
        )
    with transaction.atomic():
        evidence, created = Evidence.objects.update_or_create(
            idea=idea,
            council_id=actor.organisation_id,
            defaults={
                "status": status,
                "note": note,
                "note_html": render_markdown(note),
                "outcome": outcome,
                "outcome_html": render_markdown(outcome),
                "recorded_by": actor,
                "updated_at": timezone.now(),
            },
        )
        notify(
            recipients=[idea.author] if idea.author_id else [],
            kind="ideas.evidence",
            title=f"{actor.organisation}: {evidence.get_status_display().lower()} (“{idea.title}”)",
            url=idea.get_absolute_url() + "#evidence",
            body=note,
            actor=actor,
        )
    return evidence


def idea_follow_set(*, idea: Idea, user, follow: bool) -> bool:
    if not (permissions.can_post(user) and permissions.can_view_idea(user, idea)):
        raise PermissionDenied("Only confirmed members can follow ideas.")
    if follow:
        Follow.objects.get_or_create(idea=idea, user=user)
    else:
        Follow.objects.filter(idea=idea, user=user).delete()
    return follow


def report_create(*, idea: Idea, reporter, reason: str, comment: Comment | None = None) -> Report:
    if not (permissions.can_post(reporter) and permissions.can_view_idea(reporter, idea)):
        raise PermissionDenied("Only confirmed members can report content.")
    if comment is not None and comment.idea_id != idea.pk:
        raise ValidationError("That comment belongs to another idea.")
    reason = _clean_text(reason, field="reason", label="a reason", max_length=2000)
    enforce(f"ideas-post:{reporter.pk}", settings.HUB_POST_RATE)
    with transaction.atomic():
        report = Report.objects.create(
            idea=idea,
            comment=comment,
            reporter=reporter,
            reason=reason,
            created_at=timezone.now(),
        )
        User = get_user_model()
        moderators = User.objects.filter(
            Q(groups__name__in=["Moderators", "Network editors"]), is_active=True
        ).distinct()
        notify(
            recipients=list(moderators),
            kind="ideas.report",
            title=f"Reported in the ideas bank: “{idea.title}”",
            url=reverse("ideasbank:moderation"),
            body=reason,
            actor=reporter,
        )
    return report


def moderation_set_hidden(
    *, actor, idea: Idea, hidden: bool, comment: Comment | None = None, note: str = ""
) -> ModerationLog:
    """Hide or restore an idea or a comment; every action goes in the log and
    resolves open reports about it."""
    if not permissions.is_moderator(actor):
        raise PermissionDenied("Only moderators hide and restore content.")
    if comment is not None and comment.idea_id != idea.pk:
        raise ValidationError("That comment belongs to another idea.")
    note = _clean_text(note, field="note", label="a note", max_length=2000, required=False)
    target = comment if comment is not None else idea
    if target.is_hidden == hidden:
        raise ValidationError("It is already hidden." if hidden else "It is not hidden.")
    now = timezone.now()
    with transaction.atomic():
        _lock(idea)
        target.is_hidden = hidden
        target.save(update_fields=["is_hidden"])
        if comment is not None:
            _recount_comments(idea.pk)
        reports = Report.objects.filter(idea=idea, resolved_at__isnull=True)
        reports = reports.filter(comment=comment) if comment else reports.filter(comment=None)
        reports.update(resolved_at=now, resolved_by=actor)
        entry = ModerationLog.objects.create(
            actor=actor,
            action=ModerationLog.Action.HIDE if hidden else ModerationLog.Action.RESTORE,
            idea=idea,
            comment=comment,
            note=note,
            created_at=now,
        )
        _lists_changed()
    return entry
