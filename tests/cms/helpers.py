"""Building network content for tests: the site's index pages, library items, events and PDFs."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.models import BaseViewRestriction, PageViewRestriction

from cms.demo import home_page
from cms.demo.pdf import one_page_pdf
from cms.models import EventIndexPage, EventPage, LibraryIndexPage


class Quiet:
    def write(self, *args):
        pass


def child(parent, model, *, restricted=False, publish=True, themes="", **fields):
    fields.setdefault("slug", slugify(fields.get("title", "page"))[:50])
    page = model(**fields)
    if themes:
        page.themes.add(*[t.strip() for t in themes.split(",")])
    parent.add_child(instance=page)
    if restricted:
        restrict(page)
    if publish:
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def restrict(page, kind=BaseViewRestriction.LOGIN, **extra):
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, **extra)


def library_index():
    home = home_page()
    existing = LibraryIndexPage.objects.child_of(home).first()
    return existing or child(home, LibraryIndexPage, title="Library", slug="library")


def event_index():
    home = home_page()
    existing = EventIndexPage.objects.child_of(home).first()
    return existing or child(home, EventIndexPage, title="Events", slug="events")


def pdf_document(title="A pamphlet", text="Co-operative places"):
    Document = get_document_model()
    document = Document(title=title)
    document.file.save(
        f"{title.lower().replace(' ', '-')}.pdf", ContentFile(one_page_pdf(title, [text]))
    )
    document.save()
    return document


def make_event(title="Forum session", *, days=30, hours=6, restricted=False, **fields):
    start = (timezone.now() + timedelta(days=days)).replace(microsecond=0)
    fields.setdefault("event_type", EventPage.EventType.FORUM)
    fields.setdefault("end", start + timedelta(hours=hours))
    return child(
        event_index(), EventPage, title=title, start=start, restricted=restricted, **fields
    )
