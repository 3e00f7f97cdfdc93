"""Real-time events of the notifications app: each member's group and the event it hears."""

from core.realtime import group_name


def notifications_group(user_id: int) -> str:
    """The group every open tab of one member joins."""
    return group_name("notifications", user_id)


def notification_new(*, title: str, url: str) -> dict:
    """A new notification for the member: the header count goes up by one."""
    return {"type": "notification.new", "title": title, "url": url}


def unread_frame(count: int) -> dict:
    """Sent on (re)connecting: the member's unread count, to catch up on missed events."""
    return {"type": "unread", "count": count}
