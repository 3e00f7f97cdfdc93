"""The home page sections that come from network content, for what the reader may open."""

from django.utils import timezone

from cms.privacy import pages_visible_to


def upcoming_events(request):
    from cms.models import EventPage

    events = list(
        pages_visible_to(request.user, EventPage.objects.all())
        .filter(end__gte=timezone.now())
        .order_by("start")[:4]
    )
    return {"template": "cms/includes/home_events.html", "events": events}


def latest_case_studies(request):
    from cms.models import CaseStudyPage

    studies = list(
        pages_visible_to(request.user, CaseStudyPage.objects.all())
        .select_related("council")
        .order_by("-first_published_at")[:3]
    )
    return {"template": "cms/includes/home_case_studies.html", "case_studies": studies}
