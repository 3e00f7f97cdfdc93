"""Network editors manage discussion categories in the Wagtail admin."""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

from members.permissions import NETWORK_EDITORS

CATEGORY_PERMISSIONS = ["add_category", "change_category", "delete_category", "view_category"]


def grant_editor_permissions(app_config=None, using="default", **kwargs) -> None:
    # "forum" comes before django.contrib.auth in INSTALLED_APPS, so this runs
    # before auth's own post_migrate handler has created the forum permissions.
    if app_config is not None:
        create_permissions(app_config, verbosity=0, using=using)
    editors, _ = Group.objects.using(using).get_or_create(name=NETWORK_EDITORS)
    editors.permissions.add(
        *Permission.objects.using(using).filter(
            content_type__app_label="forum", codename__in=CATEGORY_PERMISSIONS
        )
    )
