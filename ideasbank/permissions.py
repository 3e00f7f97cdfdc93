"""Who may do what in the ideas bank. Views, querysets, the feed and the admin ask here."""

from members.permissions import is_member, is_moderator, is_network_editor

__all__ = [
    "can_change_stage",
    "can_edit_comment",
    "can_edit_idea",
    "can_post",
    "can_record_evidence",
    "can_view_idea",
    "can_view_members_only",
    "can_vote",
    "is_moderator",
]


def can_view_members_only(user) -> bool:
    return is_member(user)


def can_view_idea(user, idea) -> bool:
    if idea.is_hidden and not is_moderator(user):
        return False
    return idea.visibility == "public" or can_view_members_only(user)


def can_post(user) -> bool:
    """Confirmed members post ideas and comments."""
    return is_member(user)


def can_vote(user, idea) -> bool:
    return is_member(user) and can_view_idea(user, idea)


def can_edit_idea(user, idea) -> bool:
    """The author, while a member, or a network editor."""
    if is_network_editor(user):
        return True
    return is_member(user) and idea.author_id == user.pk


def can_change_stage(user) -> bool:
    return is_network_editor(user)


def can_edit_comment(user, comment) -> bool:
    return is_member(user) and comment.author_id == user.pk and comment.deleted_at is None


def can_record_evidence(user) -> bool:
    """A member speaks for their own council (not for an affiliate body)."""
    return is_member(user) and user.organisation_id is not None and user.organisation.is_council
