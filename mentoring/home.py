"""The home page's "open placements" section, for members only."""

from django.utils import timezone

from mentoring import permissions
from mentoring.models import Placement


def open_placements_section(request) -> dict | None:
    if not permissions.is_member(request.user):
        return None
    placements = (
        Placement.objects.visible_to(request.user)
        .open_for_applications(timezone.localdate())
        .select_related("host_council")
        .with_counts()
        .order_by("closing_date", "pk")[:4]
    )
    return {"template": "mentoring/includes/home_placements.html", "placements": placements}
