"""Votes: one per member per idea, toggled, with exact stored counts under concurrency."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Log

from core.ratelimit import enforce
from ideasbank import permissions
from ideasbank.models import Idea, Vote
from ideasbank.services.base import lists_changed, lock, votes_changed

WEEK_SECONDS = 7 * 24 * 3600
CLOSED = "This idea is closed, so its votes can no longer change."


@dataclass(frozen=True)
class VoteResult:
    voted: bool
    changed: bool
    vote_count: int
    council_count: int


def _council_count():
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


def recount_votes(idea_id: int) -> None:
    """Recompute an idea's vote figures from its votes (after merging duplicates)."""
    idea = Idea.objects.only("created_at").get(pk=idea_id)
    Idea.objects.filter(pk=idea_id).update(vote_count=_vote_count(), council_count=_council_count())
    Idea.objects.filter(pk=idea_id).update(
        trending_score=_trending(F("vote_count"), idea.created_at)
    )


def idea_vote_toggle(*, idea: Idea, user, voted: bool | None = None) -> VoteResult:
    """Vote for an idea, or take the vote back.

    voted=True/False asks for that state (a double-clicked button changes
    nothing the second time); None flips the current state.
    """
    if not permissions.can_vote(user, idea):
        raise PermissionDenied("Only confirmed members can vote.")
    if not idea.is_open:
        raise ValidationError(CLOSED)
    enforce(
        f"ideas-vote:{user.pk}",
        settings.HUB_VOTE_RATE,
        "You are voting too quickly. Wait a minute and try again.",
    )
    with transaction.atomic():
        locked = lock(idea)
        if not locked.is_open:
            raise ValidationError(CLOSED)
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
                council_count=_council_count(),
                trending_score=_trending(F("vote_count") + delta, locked.created_at),
            )
            lists_changed()
            votes_changed(user.pk)
        counts = Idea.objects.values("vote_count", "council_count").get(pk=locked.pk)
    idea.vote_count = counts["vote_count"]
    idea.council_count = counts["council_count"]
    return VoteResult(voted=want, changed=bool(delta), **counts)
