"""Who may open mentoring pages: the members-only gate and the lookups the journeys share."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from mentoring import permissions
from mentoring.models import Application, Placement

MEMBERS_ONLY = "Placements and mentoring are for confirmed members of the network."


def members_only(view):
    """Confirmed members only: the error layer sends visitors to sign in and tells others why."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not permissions.is_member(request.user):
            raise PermissionDenied(MEMBERS_ONLY)
        return view(request, *args, **kwargs)

    return wrapped


def placement_for(request, pk: int) -> Placement:
    """The placement with its counts, or 404 for someone who may not see it."""
    placement = get_object_or_404(
        Placement.objects.select_related("host_council", "host_officer").with_counts(), pk=pk
    )
    if not permissions.can_view_placement(request.user, placement):
        raise Http404
    return placement


def application_for(request, pk: int) -> Application:
    """The application, or 404 for anyone but its applicant, its host side and editors."""
    application = get_object_or_404(
        Application.objects.select_related(
            "placement__host_council", "placement__host_officer", "applicant__organisation"
        ),
        pk=pk,
    )
    if not permissions.can_view_application(request.user, application):
        raise Http404
    return application
