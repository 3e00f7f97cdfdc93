"""The home page's "latest discussions" section, for members (SPEC 2.5)."""

from forum import permissions
from forum.models import Thread


def latest_discussions(request):
    user = request.user
    if not permissions.can_read_members_only(user):
        return None
    threads = list(
        Thread.objects.visible_to(user)
        .with_read_state(user)
        .select_related("author", "last_poster")
        .order_by("-last_post_at", "-pk")[:5]
    )
    if not threads:
        return None
    return {"template": "forum/includes/home_discussions.html", "threads": threads}
