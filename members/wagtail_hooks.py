"""Members in the Wagtail admin: councils, membership requests and their audit log; search."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import ModelLogEntry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.search import SEARCH_HOOK, VISIBILITY_HOOK
from members.models import Organisation
from members.permissions import group_names, is_member, is_network_editor
from members.services import councils, membership

User = get_user_model()
RECENT_DECISIONS = 20


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = "Councils and affiliates"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "membership_type", "region", "year_joined"]
    list_filter = ["membership_type", "region"]
    search_fields = ["name"]


register_snippet(OrganisationViewSet)


@hooks.register("register_log_actions")
def register_membership_log_actions(actions):
    actions.register_action(membership.CONFIRM_ACTION, "Confirm membership", "Confirmed membership")
    actions.register_action(membership.REFUSE_ACTION, "Refuse membership", "Refused membership")
    actions.register_action(
        councils.PROFILE_ACTION, "Edit council profile", "Edited the council's profile"
    )
    actions.register_action(
        councils.CONTACTS_ACTION, "Edit council contacts", "Edited the council's key contacts"
    )
    actions.register_action(
        councils.ADVOCATES_ACTION, "Edit council advocates", "Edited the council's advocates"
    )


def _require_editor(request):
    if not is_network_editor(request.user):
        raise PermissionDenied("Only network editors decide on membership here.")


def admin_membership_requests(request):
    _require_editor(request)
    decisions = (
        ModelLogEntry.objects.filter(
            action__in=[membership.CONFIRM_ACTION, membership.REFUSE_ACTION]
        )
        .select_related("user")
        .order_by("-timestamp", "-id")[:RECENT_DECISIONS]
    )
    return TemplateResponse(
        request,
        "members/admin/membership_requests.html",
        {
            "pending": User.objects.awaiting_decision_by(request.user),
            "decisions": decisions,
            "page_title": "Membership requests",
        },
    )


@require_POST
def admin_membership_decide(request, pk: int, decision: str):
    _require_editor(request)
    person = get_object_or_404(User, pk=pk)
    done = membership.membership_decide(
        actor=request.user, person=person, decision=decision, reason=request.POST.get("reason", "")
    )
    messages.success(request, done)
    return redirect("members_admin_requests")


@hooks.register("register_admin_urls")
def register_membership_urls():
    return [
        path("membership-requests/", admin_membership_requests, name="members_admin_requests"),
        path(
            "membership-requests/<int:pk>/<str:decision>/",
            admin_membership_decide,
            name="members_admin_decide",
        ),
    ]


class EditorOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return is_network_editor(request.user)


@hooks.register("register_admin_menu_item")
def register_membership_menu_item():
    return EditorOnlyMenuItem(
        "Membership requests",
        reverse("members_admin_requests"),
        icon_name="user",
        order=240,
    )


@hooks.register(SEARCH_HOOK, order=50)
def councils_search(user):
    from members.search import organisations_source

    return organisations_source(user)


@hooks.register(SEARCH_HOOK, order=55)
def people_search(user):
    from members.search import people_source

    return people_source(user)


@hooks.register(VISIBILITY_HOOK)
def members_search_visibility(user) -> str:
    """What members' visible querysets read: member or not, council, groups, hidden profile."""
    return ":".join(
        [
            "member" if is_member(user) else "signed-in",
            str(user.organisation_id or 0),
            str(user.pk if user.profile_hidden else 0),
            ",".join(sorted(group_names(user))),
        ]
    )
