from django.core.exceptions import PermissionDenied
from wagtail import hooks

from cms.permissions import login_restriction_refuses


@hooks.register("before_serve_page")
def members_only_means_confirmed_members(page, request, serve_args, serve_kwargs):
    # Visitors are sent to sign in by Wagtail's own check; signed-in people
    # whose membership is not confirmed are refused here.
    if request.user.is_authenticated and login_restriction_refuses(request.user, page):
        raise PermissionDenied("This page is for confirmed members of the network.")
