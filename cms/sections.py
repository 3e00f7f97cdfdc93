"""The home page sections that come from network content, for what the reader may open."""

from django.utils import timezone
from wagtail.models import Page

from cms.privacy import pages_visible_to
from members.permissions import is_member


def upcoming_events(request):
    from cms.models import EventPage

    events = list(
        pages_visible_to(request.user, EventPage.objects.all())
        .filter(end__gte=timezone.now())
        .order_by("start")[:4]
    )
    return {"template": "cms/includes/home_events.html", "events": events}


def latest_library(request):
    """The newest case studies and publications."""
    from cms.library import decorate
    from cms.models import CaseStudyPage, PublicationPage

    pages = pages_visible_to(request.user, Page.objects.type(CaseStudyPage, PublicationPage))
    items = decorate(pages.order_by("-first_published_at", "-pk").specific()[:4], request.user)
    return {"template": "cms/includes/home_library.html", "items": items}


def briefings_for_members(request):
    """The latest monthly briefings, for members (a visitor gets no section at all)."""
    from cms.models import BriefingPage

    if not is_member(request.user):
        return None
    briefings = list(
        pages_visible_to(request.user, BriefingPage.objects.all()).order_by("-date", "-pk")[:3]
    )
    return {"template": "cms/includes/home_briefings.html", "briefings": briefings}
