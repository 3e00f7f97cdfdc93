"""Posting, editing and following ideas."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from core.markdown import render_markdown
from core.ratelimit import enforce
from core.themes import parse_themes
from core.validators import clean_text
from ideasbank import permissions
from ideasbank.models import Follow, Idea, Visibility
from ideasbank.services.base import (
    BODY_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
    choice,
    lists_changed,
)
from ideasbank.services.votes import WEEK_SECONDS


def _clean_idea(*, title, summary, body, themes, visibility) -> dict:
    return {
        "title": clean_text(title, field="title", label="a title", max_length=TITLE_MAX),
        "summary": clean_text(
            summary, field="summary", label="a one-line summary", max_length=SUMMARY_MAX
        ),
        "body": clean_text(
            body, field="body", label="the description", max_length=BODY_MAX, required=False
        ),
        "themes": parse_themes(themes),
        "visibility": choice(visibility, Visibility, field="visibility", label="visibility"),
    }


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
    data = _clean_idea(
        title=title, summary=summary, body=body, themes=themes, visibility=visibility
    )
    enforce(f"ideas-post:{author.pk}", settings.HUB_POST_RATE)
    now = timezone.now()
    with transaction.atomic():
        idea = Idea.objects.create(
            title=data["title"],
            summary=data["summary"],
            body=data["body"],
            body_html=render_markdown(data["body"]),
            visibility=data["visibility"],
            author=author,
            council_id=author.organisation_id,
            created_at=now,
            updated_at=now,
            trending_score=now.timestamp() / WEEK_SECONDS,
        )
        if data["themes"]:
            idea.themes.set(data["themes"])
        Follow.objects.create(idea=idea, user=author)
        lists_changed()
    return idea


def idea_update(
    *, idea: Idea, actor, title: str, summary: str, body: str = "", themes="", visibility: str
) -> Idea:
    if not permissions.can_edit_idea(actor, idea):
        raise PermissionDenied("Only the author or a network editor can change this idea.")
    data = _clean_idea(
        title=title, summary=summary, body=body, themes=themes, visibility=visibility
    )
    # An edit counts as a post: the same interval and rate as writing one.
    enforce(f"ideas-post:{actor.pk}", settings.HUB_POST_RATE)
    with transaction.atomic():
        idea.title, idea.summary, idea.body = data["title"], data["summary"], data["body"]
        idea.body_html = render_markdown(data["body"])
        idea.visibility = data["visibility"]
        idea.updated_at = timezone.now()
        idea.save(
            update_fields=["title", "summary", "body", "body_html", "visibility", "updated_at"]
        )
        idea.themes.set(data["themes"])
        lists_changed()
    return idea


def idea_follow_set(*, idea: Idea, user, follow: bool) -> bool:
    if not (permissions.can_post(user) and permissions.can_view_idea(user, idea)):
        raise PermissionDenied("Only confirmed members can follow ideas.")
    if follow:
        Follow.objects.get_or_create(idea=idea, user=user)
    else:
        Follow.objects.filter(idea=idea, user=user).delete()
    return follow
