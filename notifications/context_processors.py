"""The header's unread-notification count, counted only when a template shows it."""

from django.utils.functional import SimpleLazyObject

from notifications.unread import unread_count


def unread_notifications(request):
    user = getattr(request, "user", None)

    def count() -> int:
        if user is None or not user.is_authenticated:
            return 0
        return unread_count(user)

    return {"unread_notifications": SimpleLazyObject(count)}
