from django.utils.functional import SimpleLazyObject

from core.models import Notification

PRIMARY_NAVIGATION = [
    ("Ideas bank", "/ideas/"),
    ("Discussions", "/discussions/"),
    ("Liveblogs", "/liveblogs/"),
    ("Shadowing and mentoring", "/shadowing/"),
    ("Councils", "/members/councils/"),
    ("Library", "/library/"),
    ("Events", "/events/"),
]


def hub(request):
    user = getattr(request, "user", None)

    def unread():
        if user is None or not user.is_authenticated:
            return 0
        return Notification.objects.for_user(user).unread().count()

    def can_review():
        from members.permissions import is_council_lead, is_network_editor

        return bool(user) and (is_network_editor(user) or is_council_lead(user))

    return {
        "can_review_members": SimpleLazyObject(can_review),
        "primary_navigation": PRIMARY_NAVIGATION,
        "unread_notifications": SimpleLazyObject(unread),
    }
