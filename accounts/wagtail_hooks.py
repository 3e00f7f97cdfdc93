"""Network editors act on a person's data request: export or erase, in Wagtail's admin."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from members.permissions import is_network_editor


@hooks.register("register_log_actions")
def register_account_actions(actions):
    actions.register_action(
        "accounts.export", "Prepare personal data export", "Prepared a personal data export"
    )
    actions.register_action("accounts.erase", "Delete account", "Deleted an account")


@hooks.register("register_admin_urls")
def register_data_request_urls():
    from accounts import admin_views

    return [path("data-requests/", admin_views.data_requests, name="accounts_data_requests")]


class EditorOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return is_network_editor(request.user)


@hooks.register("register_admin_menu_item")
def register_data_request_menu_item():
    return EditorOnlyMenuItem(
        "Personal data requests",
        reverse("accounts_data_requests"),
        icon_name="user",
        order=250,
    )
