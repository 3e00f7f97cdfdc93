"""Network editors see every placement, application and mentoring record in the admin.

The admin is read-only for these models: decisions have rules (never overbook,
one live application per officer) that live in the services, and the host
council's lead takes them on the site.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from core.home import HOME_SECTION_HOOK
from core.search import SEARCH_HOOK
from members.permissions import NETWORK_EDITORS, is_network_editor
from mentoring.models import Application, MentoringRequest, MentorOffer, Mentorship, Placement


class EditorsMayViewPolicy(BasePermissionPolicy):
    """Network editors (and superusers) may view; nobody adds, edits or deletes here."""

    def user_has_permission(self, user, action):
        return action == "view" and is_network_editor(user)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(groups__name=NETWORK_EDITORS), is_active=True)
            .distinct()
        )


for _model in (Placement, Application, MentorOffer, MentoringRequest, Mentorship):
    register_permission_policy(_model, EditorsMayViewPolicy(_model))


class PlacementViewSet(ModelViewSet):
    model = Placement
    name = "mentoring_placements"
    url_prefix = "mentoring/placements"
    icon = "date"
    menu_label = "Placements"
    list_display = ["title", "host_council", "host_officer", "state", "start_date", "places"]
    list_filter = ["state", "format", "host_council"]
    search_fields = ["title", "description"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["title"]
    inspect_view_fields_exclude = ["description_html"]


class ApplicationViewSet(ModelViewSet):
    model = Application
    name = "mentoring_applications"
    url_prefix = "mentoring/applications"
    icon = "form"
    menu_label = "Applications"
    list_display = ["applicant", "placement", "state", "created_at"]
    list_filter = ["state"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["preferred_dates"]
    inspect_view_fields_exclude = ["statement_html"]


class MentorOfferViewSet(ModelViewSet):
    model = MentorOffer
    name = "mentoring_mentor_offers"
    url_prefix = "mentoring/mentor-offers"
    icon = "user"
    menu_label = "Mentor offers"
    list_display = ["mentor", "capacity", "format", "is_open"]
    list_filter = ["is_open", "format"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["note"]


class MentoringRequestViewSet(ModelViewSet):
    model = MentoringRequest
    name = "mentoring_mentoring_requests"
    url_prefix = "mentoring/mentoring-requests"
    icon = "help"
    menu_label = "Mentoring requests"
    list_display = ["mentee", "created_at", "is_open"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["goals"]


class MentorshipViewSet(ModelViewSet):
    model = Mentorship
    name = "mentoring_mentoring_pairs"
    url_prefix = "mentoring/mentoring-pairs"
    icon = "group"
    menu_label = "Mentoring pairs"
    list_display = ["offer", "request", "state", "created_at"]
    list_filter = ["state"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["message"]


class MentoringViewSetGroup(ModelViewSetGroup):
    menu_label = "Shadowing and mentoring"
    menu_icon = "group"
    menu_order = 260
    items = (
        PlacementViewSet,
        ApplicationViewSet,
        MentorOfferViewSet,
        MentoringRequestViewSet,
        MentorshipViewSet,
    )


@hooks.register("register_admin_viewset")
def register_mentoring_viewsets():
    return MentoringViewSetGroup()


@hooks.register(HOME_SECTION_HOOK, order=60)
def open_placements(request):
    from mentoring.home import open_placements_section

    return open_placements_section(request)


@hooks.register(SEARCH_HOOK, order=40)
def placements_search(user, query: str, limit: int):
    from mentoring.search import search_placements

    return "Shadowing placements", search_placements(user, query, limit)
