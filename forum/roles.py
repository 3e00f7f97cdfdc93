"""Network editors manage discussion categories in the Wagtail admin."""

from django.contrib.auth.models import Group, Permission

from members.permissions import NETWORK_EDITORS

CATEGORY_PERMISSIONS = ["add_category", "change_category", "delete_category", "view_category"]


def grant_editor_permissions() -> None:
    editors, _ = Group.objects.get_or_create(name=NETWORK_EDITORS)
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="forum", codename__in=CATEGORY_PERMISSIONS
        )
    )
