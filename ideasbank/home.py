"""The home page's "top ideas this month" section."""

from datetime import timedelta

from django.utils import timezone

from ideasbank.models import Idea


def top_ideas_this_month(request) -> dict | None:
    since = timezone.now() - timedelta(days=30)
    ideas = list(
        Idea.objects.visible_to(request.user)
        .filter(created_at__gte=since)
        .select_related("council")
        .order_by("-vote_count", "-created_at")[:5]
    )
    return {"template": "ideasbank/includes/home_top_ideas.html", "ideas": ideas}
