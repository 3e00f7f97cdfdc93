from django.core.exceptions import PermissionDenied
from wagtail import hooks

from cms.privacy import login_restriction_refuses
from core.home import HOME_SECTION_HOOK
from core.search import SEARCH_HOOK


@hooks.register("before_serve_page")
def members_only_means_confirmed_members(page, request, serve_args, serve_kwargs):
    # Visitors are sent to sign in by Wagtail's own check; signed-in people
    # whose membership is not confirmed are refused here.
    if request.user.is_authenticated and login_restriction_refuses(request.user, page):
        raise PermissionDenied("This page is for confirmed members of the network.")


@hooks.register(HOME_SECTION_HOOK, order=30)
def upcoming_events(request):
    from cms.sections import upcoming_events

    return upcoming_events(request)


@hooks.register(HOME_SECTION_HOOK, order=40)
def case_studies(request):
    from cms.sections import latest_case_studies

    return latest_case_studies(request)


@hooks.register(SEARCH_HOOK, order=45)
def pages_search(user, query: str, limit: int):
    from cms.search import search_pages

    return "Pages, library and events", search_pages(user, query, limit)
