"""What the site header needs to know about the signed-in person's role."""

from django.utils.functional import SimpleLazyObject

from members.permissions import can_review_members


def roles(request):
    user = getattr(request, "user", None)
    return {"can_review_members": SimpleLazyObject(lambda: can_review_members(user))}
