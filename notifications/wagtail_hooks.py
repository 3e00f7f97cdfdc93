"""The Wagtail admin's preview of the monthly briefing, for network editors."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from members.permissions import is_network_editor


def briefing_preview(request):
    """Last month's briefing as this editor would receive it (HTML, or ?format=text)."""
    from notifications.briefing import briefing_context
    from notifications.emails import render_pair
    from notifications.services import unsubscribe_url

    if not is_network_editor(request.user):
        raise PermissionDenied("Only network editors preview the briefing.")
    context = briefing_context(request.user)
    context["unsubscribe_url"] = unsubscribe_url(request.user)
    text, html = render_pair("notifications/email/briefing", context)
    if request.GET.get("format") == "text":
        return HttpResponse(text, content_type="text/plain; charset=utf-8")
    return HttpResponse(html)


@hooks.register("register_admin_urls")
def register_briefing_urls():
    return [path("briefing-preview/", briefing_preview, name="notifications_briefing_preview")]


class EditorOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return is_network_editor(request.user)


@hooks.register("register_admin_menu_item")
def register_briefing_menu_item():
    return EditorOnlyMenuItem(
        "Monthly briefing",
        reverse("notifications_briefing_preview"),
        icon_name="mail",
        order=250,
    )
