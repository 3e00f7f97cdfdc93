"""Network content in Wagtail: page privacy for members, document downloads, the idea chooser,
principles as snippets, and the home sections and search results these pages feed."""

from django.core.exceptions import PermissionDenied
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.choosers import idea_chooser_viewset
from cms.models import Principle
from cms.privacy import login_restriction_refuses
from core.home import HOME_SECTION_HOOK
from core.search import SEARCH_HOOK


@hooks.register("before_serve_page")
def members_only_means_confirmed_members(page, request, serve_args, serve_kwargs):
    # Visitors are sent to sign in by Wagtail's own check; signed-in people
    # whose membership is not confirmed are refused here.
    if request.user.is_authenticated and login_restriction_refuses(request.user, page):
        raise PermissionDenied("This page is for confirmed members of the network.")


@hooks.register("before_serve_document")
def documents_follow_their_pages(document, request):
    from cms.documents import can_download

    if not can_download(request.user, document, session=request.session):
        # Visitors are sent to sign in (core.errors); others see the reason.
        raise PermissionDenied("This document belongs to a page for members of the network.")


@hooks.register("register_admin_viewset")
def register_idea_chooser():
    return idea_chooser_viewset


class PrincipleViewSet(SnippetViewSet):
    model = Principle
    icon = "list-ul"
    menu_label = "Co-operative principles"
    list_display = ["name", "description", "sort_order"]


register_snippet(PrincipleViewSet)


@hooks.register(HOME_SECTION_HOOK, order=30)
def upcoming_events(request):
    from cms.sections import upcoming_events

    return upcoming_events(request)


@hooks.register(HOME_SECTION_HOOK, order=40)
def latest_library(request):
    from cms.sections import latest_library

    return latest_library(request)


@hooks.register(HOME_SECTION_HOOK, order=45)
def briefings(request):
    from cms.sections import briefings_for_members

    return briefings_for_members(request)


@hooks.register(SEARCH_HOOK, order=45)
def pages_search(user):
    from cms.search import pages_source

    return pages_source(user)


@hooks.register(SEARCH_HOOK, order=46)
def events_search(user):
    from cms.search import events_source

    return events_source(user)


@hooks.register("hub_briefing_section", order=20)
def briefing_new_library_items(user, start, end):
    """New case studies and publications last month that the member may open."""
    from cms.models import CaseStudyPage, PublicationPage
    from cms.privacy import pages_visible_to
    from notifications.briefing import BriefingItem, BriefingSection

    items = []
    for model, note in ((CaseStudyPage, "case study"), (PublicationPage, "publication")):
        pages = pages_visible_to(user, model.objects.all()).filter(
            first_published_at__gte=start, first_published_at__lt=end
        )
        items += [BriefingItem(p.title, p.url or "", note) for p in pages[:5]]
    return BriefingSection("New case studies and publications", items)
