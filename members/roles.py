"""The roles of SPEC section 1 as Django groups with their permissions.

Run after every migrate (post_migrate), so a new database, a test database
and an upgraded one all have the same groups.
"""

from django.contrib.auth.models import Group, Permission

from members.permissions import COUNCIL_LEADS, MODERATORS, NETWORK_EDITORS

EDITOR_MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("members", "add_organisation"),
    ("members", "change_organisation"),
    ("members", "view_organisation"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def _permissions(pairs):
    found = []
    for app_label, codename in pairs:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            found.append(permission)
    return found


def ensure_role_groups() -> None:
    from wagtail.models import GroupPagePermission, Page

    leads, _ = Group.objects.get_or_create(name=COUNCIL_LEADS)
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    # Wagtail's first migration makes "Moderators" and "Editors" groups with admin
    # access. Our moderators work in the site, not the admin; our editors are
    # "Network editors". Remove Wagtail's defaults so no role gets more than it should.
    moderators.permissions.clear()
    GroupPagePermission.objects.filter(group=moderators).delete()
    Group.objects.filter(name="Editors", user__isnull=True).delete()
    editors, _ = Group.objects.get_or_create(name=NETWORK_EDITORS)
    editors.permissions.add(*_permissions(EDITOR_MODEL_PERMISSIONS))
    leads.permissions.add(*_permissions([("members", "change_organisation")]))

    root = Page.get_first_root_node()
    if root is None:
        return
    for codename in EDITOR_PAGE_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename=codename
        ).first()
        if permission is not None:
            GroupPagePermission.objects.get_or_create(
                group=editors, page=root, permission=permission
            )
