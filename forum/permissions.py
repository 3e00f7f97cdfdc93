"""Who may do what in the discussions. Views, querysets, feeds, search and sockets ask here."""

from members.permissions import is_member, is_moderator


def can_read_members_only(user) -> bool:
    return is_member(user)


def is_forum_moderator(user) -> bool:
    return is_moderator(user)


def can_view_category(user, category) -> bool:
    return category.is_public or can_read_members_only(user)


def can_view_thread(user, thread) -> bool:
    if not can_view_category(user, thread.category):
        return False
    return thread.hidden_at is None or is_forum_moderator(user)


def can_view_post_body(user, post) -> bool:
    """Deleted and hidden posts show as a short notice, except to moderators and authors."""
    if post.is_visible:
        return True
    if is_forum_moderator(user):
        return True
    return post.hidden_at is None and getattr(user, "pk", None) == post.author_id


def can_start_thread(user, category) -> bool:
    return is_member(user) and can_view_category(user, category)


def can_reply(user, thread) -> bool:
    if not is_member(user) or not can_view_thread(user, thread):
        return False
    return not thread.locked or is_forum_moderator(user)


def can_edit_post(user, post) -> bool:
    """Members edit only their own posts; moderators hide, they do not rewrite."""
    return (
        is_member(user)
        and post.author_id == user.pk
        and post.hidden_at is None
        and post.deleted_at is None
        and not post.thread.locked
    )


def can_delete_post(user, post) -> bool:
    return is_member(user) and post.author_id == user.pk and post.deleted_at is None


def can_restore_post(user, post) -> bool:
    if post.is_visible:
        return False
    if is_forum_moderator(user):
        return True
    return (
        is_member(user)
        and post.author_id == user.pk
        and post.hidden_at is None
        and post.deleted_at is not None
    )


def can_mark_answer(user, thread) -> bool:
    return is_member(user) and (thread.author_id == user.pk or is_forum_moderator(user))


def can_report(user, post) -> bool:
    return is_member(user) and post.author_id != user.pk and can_view_thread(user, post.thread)


def can_moderate(user) -> bool:
    return is_forum_moderator(user)


def can_watch(user) -> bool:
    return is_member(user)
