"""The home page sections that come from network content."""

from django.utils import timezone

from core.home import register_home_section


def _upcoming_events(request):
    from cms.models import EventPage

    events = list(
        EventPage.objects.live().public().filter(end__gte=timezone.now()).order_by("start")[:4]
    )
    return {"template": "cms/includes/home_events.html", "events": events}


def _case_studies(request):
    from cms.models import CaseStudyPage

    studies = list(
        CaseStudyPage.objects.live()
        .public()
        .select_related("council")
        .order_by("-first_published_at")[:3]
    )
    return {"template": "cms/includes/home_case_studies.html", "case_studies": studies}


def register():
    register_home_section("events", 30, _upcoming_events)
    register_home_section("case-studies", 40, _case_studies)
