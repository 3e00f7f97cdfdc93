"""Mentoring in Wagtail: read-only admin views with history, audit-log actions, home and search.

The admin is read-only for these models: decisions have rules (never overbook,
one live application per officer) that live in the services, and the host
council's lead takes them on the site. The services write each decision and
change of state to Wagtail's audit log, which editors read on each record's
history page.
"""

from django.contrib.auth import get_user_model
from wagtail import hooks
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.log_actions import LogFormatter
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from core.home import HOME_SECTION_HOOK
from core.search import SEARCH_HOOK
from members.permissions import is_network_editor
from mentoring.models import Application, MentoringRequest, MentorOffer, Mentorship, Placement


class EditorsMayViewPolicy(BasePermissionPolicy):
    """Network editors (and superusers) may view; nobody adds, edits or deletes here."""

    def user_has_permission(self, user, action):
        return action == "view" and is_network_editor(user)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return get_user_model().objects.network_editors()


for _model in (Placement, Application, MentorOffer, MentoringRequest, Mentorship):
    register_permission_policy(_model, EditorsMayViewPolicy(_model))


class ReadOnlyHistoryView(HistoryView):
    """The record's audit log, for those who may view it (Wagtail's asks for edit rights)."""

    any_permission_required = ["view"]

    @property
    def header_buttons(self):
        return []


class ReadOnlyViewSet(ModelViewSet):
    """Listing, inspecting and history; nothing is added, edited or copied here."""

    inspect_view_enabled = True
    copy_view_enabled = False
    history_view_class = ReadOnlyHistoryView


class PlacementViewSet(ReadOnlyViewSet):
    model = Placement
    name = "mentoring_placements"
    url_prefix = "mentoring/placements"
    icon = "date"
    menu_label = "Placements"
    list_display = ["title", "host_council", "host_officer", "state", "start_date", "places"]
    list_filter = ["state", "format", "host_council"]
    search_fields = ["title", "description"]
    form_fields = ["title"]
    inspect_view_fields_exclude = ["description_html"]


class ApplicationViewSet(ReadOnlyViewSet):
    model = Application
    name = "mentoring_applications"
    url_prefix = "mentoring/applications"
    icon = "form"
    menu_label = "Applications"
    list_display = ["applicant", "placement", "state", "created_at"]
    list_filter = ["state"]
    form_fields = ["preferred_dates"]
    inspect_view_fields_exclude = ["statement_html"]


class MentorOfferViewSet(ReadOnlyViewSet):
    model = MentorOffer
    name = "mentoring_mentor_offers"
    url_prefix = "mentoring/mentor-offers"
    icon = "user"
    menu_label = "Mentor offers"
    list_display = ["mentor", "capacity", "format", "is_open"]
    list_filter = ["is_open", "format"]
    form_fields = ["note"]


class MentoringRequestViewSet(ReadOnlyViewSet):
    model = MentoringRequest
    name = "mentoring_mentoring_requests"
    url_prefix = "mentoring/mentoring-requests"
    icon = "help"
    menu_label = "Mentoring requests"
    list_display = ["mentee", "created_at", "is_open"]
    form_fields = ["goals"]


class MentorshipViewSet(ReadOnlyViewSet):
    model = Mentorship
    name = "mentoring_mentoring_pairs"
    url_prefix = "mentoring/mentoring-pairs"
    icon = "group"
    menu_label = "Mentoring pairs"
    list_display = ["offer", "request", "state", "created_at"]
    list_filter = ["state"]
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


class StateChangeFormatter(LogFormatter):
    label = "Change placement state"

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return f"Changed state from {data.get('from', '?')} to {data.get('to', '?')}"


@hooks.register("register_log_actions")
def register_mentoring_log_actions(actions):
    actions.register_action("mentoring.accept", "Accept application", "Accepted")
    actions.register_action("mentoring.decline", "Decline application", "Declined")
    actions.register_action("mentoring.waitlist", "Waitlist application", "Put on the waiting list")
    actions.register_action(
        "mentoring.withdraw", "Withdraw application", "Withdrawn by the applicant"
    )
    actions.register_action("mentoring.state")(StateChangeFormatter)


@hooks.register("register_admin_viewset")
def register_mentoring_viewsets():
    return MentoringViewSetGroup()


@hooks.register(HOME_SECTION_HOOK, order=60)
def open_placements(request):
    from mentoring.home import open_placements_section

    return open_placements_section(request)


@hooks.register(SEARCH_HOOK, order=40)
def placements_search(user):
    from mentoring.search import placements_source

    return placements_source(user)


@hooks.register("hub_briefing_section", order=40)
def briefing_open_placements(user, start, end):
    """Shadowing placements open for applications that the member may see."""
    from django.utils import timezone

    from mentoring.search import visible_placements
    from notifications.briefing import BriefingItem, BriefingSection

    placements = visible_placements(user).open_for_applications(timezone.localdate())
    items = [
        BriefingItem(
            p.title, p.get_absolute_url(), f"{p.host_council.name}, closes {p.closing_date:%-d %B}"
        )
        for p in placements.order_by("closing_date", "pk")[:5]
    ]
    return BriefingSection("Open shadowing placements", items)
