from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.search import SEARCH_HOOK
from members import services
from members.forms import RefuseForm
from members.models import Organisation
from members.permissions import is_network_editor

User = get_user_model()


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


def _require_editor(request):
    if not is_network_editor(request.user):
        raise PermissionDenied


def admin_membership_requests(request):
    _require_editor(request)
    pending = User.objects.filter(status=User.Status.PENDING).select_related("organisation")
    return TemplateResponse(
        request,
        "members/admin/membership_requests.html",
        {"pending": pending, "refuse_form": RefuseForm(), "page_title": "Membership requests"},
    )


@require_POST
def admin_membership_decide(request, pk: int, decision: str):
    _require_editor(request)
    person = get_object_or_404(User, pk=pk)
    try:
        if decision == "confirm":
            services.membership_confirm(actor=request.user, person=person)
            messages.success(request, f"{person} confirmed.")
        else:
            form = RefuseForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            services.membership_refuse(actor=request.user, person=person, reason=reason)
            messages.success(request, f"{person} refused.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
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
def councils_search(user, query: str, limit: int):
    from members.search import search_organisations

    return "Councils and affiliates", search_organisations(user, query, limit)
