"""Who may download a document: anyone who may open a page that uses it.

A PDF used only by members-only pages is members only too. Documents are
served through Django (WAGTAILDOCS_SERVE_METHOD = "serve_view") so this check
runs for every download; one used by no page, or by any page the reader may
open, is served as before. Wagtail's own collection privacy still applies.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import BaseViewRestriction, Page, ReferenceIndex

from cms.privacy import can_view_page
from members.permissions import is_member, is_network_editor


def pages_using(document):
    """Pages that link to or embed the document (reference index, and publications' PDFs)."""
    from cms.models import PublicationPage

    page_type = ContentType.objects.get_for_model(Page)
    referencing = [
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    ]
    return Page.objects.filter(
        Q(pk__in=referencing)
        | Q(pk__in=PublicationPage.objects.filter(document=document).values("pk"))
    )


def can_download(user, document, session=None) -> bool:
    if is_network_editor(user):
        return True
    collection_restrictions = document.collection.get_view_restrictions()
    if any(r.restriction_type == BaseViewRestriction.LOGIN for r in collection_restrictions):
        # Wagtail admits any signed-in account; members-only means confirmed members.
        if not is_member(user):
            return False
    pages = list(pages_using(document))
    if not pages:
        return True
    return any(can_view_page(user, page.specific_deferred, session=session) for page in pages)
