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
