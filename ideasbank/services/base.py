"""What the ideas bank services share: limits, row locks, choices, audiences, list version."""

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from ideasbank.models import Idea

TITLE_MAX = 200
SUMMARY_MAX = 300
BODY_MAX = 20_000
COMMENT_MAX = 10_000
NOTE_MAX = 5_000
REASON_MAX = 2_000
LIST_VERSION_KEY = "ideasbank:list-version"


def list_version() -> int:
    """Version of everything the ideas lists show; every cached list and card keys on it."""
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


def lists_changed() -> None:
    """Make cached lists stale once the current transaction commits."""
    transaction.on_commit(_bump_list_version)


def voted_ids_key(user_id: int, version: int) -> str:
    """Where the ideas lists cache the ids of the ideas this member has voted for."""
    return f"ideasbank:voted:{version}:{user_id}"


def votes_changed(user_id: int) -> None:
    """This member's cached vote ids are stale: now (lists_changed() renews them on commit)."""
    cache.delete(voted_ids_key(user_id, list_version()))


def choice(value, choices, *, field: str, label: str) -> str:
    if value not in choices.values:
        options = ", ".join(str(c.label) for c in choices)
        raise ValidationError({field: f"Choose a valid {label} ({options})."})
    return value


def lock(idea: Idea) -> Idea:
    """Lock the idea's row so concurrent writers to it queue (PostgreSQL)."""
    return Idea.objects.select_for_update().get(pk=idea.pk)


def audience(idea: Idea, *, voters=True):
    """Author, followers and (optionally) voters of an idea, each once."""
    User = get_user_model()
    match = Q(pk=idea.author_id) | Q(idea_follows__idea=idea)
    if voters:
        match |= Q(idea_votes__idea=idea)
    return User.objects.filter(match, is_active=True).distinct()
