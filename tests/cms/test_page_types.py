"""Where each Wagtail page type may live, and that each renders."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cms.demo import load
from cms.models import (
    CaseStudyPage,
    EventIndexPage,
    EventPage,
    HomePage,
    LibraryIndexPage,
    StandardPage,
)
from tests.factories import OrganisationFactory


class Quiet:
    def write(self, *args):
        pass


class PageTypeTests(WagtailPageTestCase):
    def setUp(self):
        OrganisationFactory(slug="plymouth", name="Plymouth City Council")
        load(stdout=Quiet())

    def test_page_tree_rules(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(HomePage, LibraryIndexPage)
        self.assertCanCreateAt(LibraryIndexPage, CaseStudyPage)
        self.assertCanCreateAt(EventIndexPage, EventPage)
        self.assertCanNotCreateAt(HomePage, CaseStudyPage)
        self.assertCanNotCreateAt(HomePage, EventPage)

    def test_every_demo_page_renders(self):
        for page in Page.objects.live().filter(depth__gt=1).specific():
            self.assertPageIsRenderable(page)

    def test_loading_twice_duplicates_nothing(self):
        before = Page.objects.count()
        load(stdout=Quiet())
        self.assertEqual(Page.objects.count(), before)

    def test_an_event_that_ends_before_it_starts_is_refused(self):
        from django.core.exceptions import ValidationError

        event = EventPage.objects.first()
        event.end = event.start.replace(year=event.start.year - 1)
        with self.assertRaises(ValidationError):
            event.full_clean()
