"""Comments on ideas: one level of replies, edits by their author, soft deletes."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.markdown import render_markdown
from core.ratelimit import enforce
from core.validators import clean_text
from ideasbank import permissions
from ideasbank.models import Comment, Idea
from ideasbank.services.base import COMMENT_MAX, audience, lists_changed, lock
from notifications.services import notify


def recount_comments(idea_id: int) -> None:
    """Store the number of comments readers see (not deleted, not hidden) on the idea."""
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


def _clean_body(body: str) -> str:
    return clean_text(body, field="body", label="a comment", max_length=COMMENT_MAX)


def comment_create(*, idea: Idea, author, body: str, parent: Comment | None = None) -> Comment:
    if not (permissions.can_post(author) and permissions.can_view_idea(author, idea)):
        raise PermissionDenied("Only confirmed members can comment.")
    body = _clean_body(body)
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
        locked = lock(idea)
        comment = Comment.objects.create(
            idea=locked,
            parent=parent,
            author=author,
            body=body,
            body_html=render_markdown(body),
            created_at=timezone.now(),
        )
        recount_comments(locked.pk)
        lists_changed()
        recipients = list(audience(locked, voters=False))
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


def _check_own(comment: Comment, actor, verb: str) -> None:
    if not permissions.can_edit_comment(actor, comment):
        raise PermissionDenied(f"You can only {verb} your own comments.")
    if not permissions.can_view_idea(actor, comment.idea):
        raise PermissionDenied("You can no longer change comments on this idea.")


def comment_edit(*, comment: Comment, actor, body: str) -> Comment:
    _check_own(comment, actor, "edit")
    body = _clean_body(body)
    # An edit counts as a post: the same interval and rate as writing one.
    enforce(f"ideas-post:{actor.pk}", settings.HUB_POST_RATE)
    comment.body = body
    comment.body_html = render_markdown(body)
    comment.edited_at = timezone.now()
    comment.save(update_fields=["body", "body_html", "edited_at"])
    return comment


def comment_delete(*, comment: Comment, actor) -> Comment:
    """Soft delete: the comment's place stays, saying it was deleted, so replies keep sense."""
    _check_own(comment, actor, "delete")
    with transaction.atomic():
        lock(comment.idea)
        comment.deleted_at = timezone.now()
        comment.save(update_fields=["deleted_at"])
        recount_comments(comment.idea_id)
        lists_changed()
    return comment
