"""The page tree's starting point: a default locale and a root page.

Wagtail's own migrations create both, but a database flushed by a test (or
restored without them) has neither; every later page needs them.
"""

from django.conf import settings


def ensure_page_tree_root() -> None:
    from django.contrib.contenttypes.models import ContentType
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    # After a flush the content types come back under new ids.
    ContentType.objects.clear_cache()
    if Page.get_first_root_node() is None:
        Page.add_root(title="Root", slug="root")


def site_address() -> tuple[str, int]:
    """SITE_URL's hostname and port as Wagtail's Site keeps them (80 or 443 when absent)."""
    from urllib.parse import urlsplit

    url = urlsplit(settings.SITE_URL)
    default_port = 443 if url.scheme == "https" else 80
    return (url.hostname or "localhost"), (url.port or default_port)


def site_follows_site_url() -> None:
    """Point the default Wagtail Site at SITE_URL, so full URLs (feeds, JSON-LD) name this site.

    Wagtail builds a page's full URL from its Site record; one left at
    localhost:80 sent feed readers and search engines to http://localhost/.
    """
    from wagtail.models import Site

    hostname, port = site_address()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return
    if Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk).exists():
        return  # another Site already answers for this address: an editor's choice
    site.hostname, site.port = hostname, port
    site.save()  # save(), not update(): Wagtail clears its cached site root paths on save


# Network editors upload and choose images and documents in every collection
# (Wagtail asks for these per collection, not as plain model permissions).
EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
# Editors keep the list of co-operative principles projects serve.
EDITOR_MODEL_PERMISSIONS = [
    ("cms", "add_principle"),
    ("cms", "change_principle"),
    ("cms", "view_principle"),
]
# The founding traditions of the co-operative movement the network builds on,
# and the values its practice rests on (the network's own papers).
PRINCIPLES = [
    ("Collective action", "People acting together for shared ends."),
    ("Co-operation", "Councils and communities working as equal partners."),
    ("Empowerment", "Power and resources closer to people."),
    ("Enterprise", "New co-operative and mutual models of delivery."),
    ("Democratic accountability", "Visible, transparent community leadership."),
    ("Social value", "Outcomes for people rather than service outputs."),
]


def grant_editor_collection_permissions() -> None:
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Collection, GroupCollectionPermission

    from members.permissions import NETWORK_EDITORS

    # Like the page tree's root, a flushed test database has lost it.
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    editors = Group.objects.filter(name=NETWORK_EDITORS).first()
    if editors is None:
        return
    for app_label, codename in EDITOR_COLLECTION_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            GroupCollectionPermission.objects.get_or_create(
                group=editors, collection=root, permission=permission
            )
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="cms",
            codename__in=[codename for _, codename in EDITOR_MODEL_PERMISSIONS],
        )
    )


def ensure_principles() -> None:
    from cms.models import Principle

    if Principle.objects.exists():
        return  # editors own the list once it exists
    for order, (name, description) in enumerate(PRINCIPLES):
        Principle.objects.create(name=name, description=description, sort_order=order)
