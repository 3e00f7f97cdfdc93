"""Every Wagtail page type: where it may live, that it renders, and that a network editor
creates one through the admin's own form."""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import BaseViewRestriction, Page, PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.demo import load
from cms.models import (
    BriefingPage,
    CaseStudyPage,
    EventIndexPage,
    EventPage,
    HomePage,
    HowToGuidePage,
    LibraryIndexPage,
    PolicyLabPage,
    PolicyPrototypePage,
    Principle,
    PublicationPage,
    StandardPage,
)
from ideasbank.models import Idea
from tests import factories
from tests.cms.helpers import Quiet, pdf_document

LIBRARY_TYPES = [
    CaseStudyPage,
    HowToGuidePage,
    PublicationPage,
    BriefingPage,
    PolicyLabPage,
    PolicyPrototypePage,
]


class PageTreeTests(WagtailPageTestCase):
    def test_home_sits_at_the_root_and_holds_the_sections(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                StandardPage,
                LibraryIndexPage,
                EventIndexPage,
                *self._other_apps_home_children(),
            },
        )

    def _other_apps_home_children(self):
        # Other apps (liveblogs) hang their own index pages from the home page.
        return {
            model
            for model in HomePage.allowed_subpage_models()
            if model._meta.app_label not in ("cms",)
        }

    def test_library_items_live_only_in_the_library_and_have_no_children(self):
        for model in LIBRARY_TYPES:
            with self.subTest(model=model.__name__):
                self.assertCanCreateAt(LibraryIndexPage, model)
                self.assertCanNotCreateAt(HomePage, model)
                self.assertCanNotCreateAt(EventIndexPage, model)
                self.assertAllowedSubpageTypes(model, {})
        self.assertAllowedParentPageTypes(BriefingPage, {LibraryIndexPage})

    def test_policy_project_base_cannot_be_created_itself(self):
        from cms.models import PolicyProjectPage

        self.assertCanNotCreateAt(LibraryIndexPage, PolicyProjectPage)

    def test_events_live_only_under_an_events_index(self):
        self.assertCanCreateAt(EventIndexPage, EventPage)
        self.assertCanNotCreateAt(HomePage, EventPage)
        self.assertCanNotCreateAt(LibraryIndexPage, EventPage)
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})
        self.assertAllowedSubpageTypes(EventPage, {})


class DemoPagesTests(WagtailPageTestCase):
    def setUp(self):
        for slug in ("plymouth", "oldham", "lambeth", "cardiff", "edinburgh", "sunderland"):
            factories.OrganisationFactory(slug=slug, name=f"{slug.title()} Council")
        load(stdout=Quiet())

    def test_every_demo_page_renders_for_a_member(self):
        member = factories.officer(factories.OrganisationFactory(slug="oldham"))
        types_seen = set()
        for page in Page.objects.live().filter(depth__gt=1).specific():
            types_seen.add(type(page))
            self.assertPageIsRenderable(page, user=member)
        assert set(LIBRARY_TYPES) | {EventPage, EventIndexPage, LibraryIndexPage} <= types_seen

    def test_loading_twice_duplicates_nothing(self):
        before = (Page.objects.count(), get_document_model().objects.count())
        load(stdout=Quiet())
        assert (Page.objects.count(), get_document_model().objects.count()) == before

    def test_an_event_that_ends_before_it_starts_is_refused(self):
        from django.core.exceptions import ValidationError

        event = EventPage.objects.first()
        event.end = event.start.replace(year=event.start.year - 1)
        with self.assertRaises(ValidationError):
            event.full_clean()

    def test_the_demo_pamphlet_is_a_well_formed_pdf(self):
        document = PublicationPage.objects.get(slug="co-operative-places-pamphlet").document
        data = document.file.read()
        assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
        start = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
        assert data[start : start + 4] == b"xref"
        entries = data[start:].split(b"\n")[3:9]
        for number, entry in enumerate(entries, start=1):
            offset = int(entry[:10])
            assert data[offset:].startswith(b"%d 0 obj" % number)


class AdminCreateTests(WagtailPageTestCase):
    """A network editor fills in each page type's admin form and publishes it."""

    def setUp(self):
        from cms.demo import home_page

        self.editor = factories.network_editor(name="Nadia Editor")
        self.client.force_login(self.editor)
        self.home = home_page()
        self.library = LibraryIndexPage(title="Library", slug="library")
        self.home.add_child(instance=self.library)
        self.events = EventIndexPage(title="Events", slug="events")
        self.home.add_child(instance=self.events)
        self.council = factories.OrganisationFactory(slug="oldham", name="Oldham Council")
        self.partner = factories.OrganisationFactory(slug="sunderland", name="Sunderland")
        author = factories.officer(self.council)
        self.idea = Idea.objects.create(
            title="Tenants own the solar panels",
            summary="S",
            author=author,
            council=self.council,
            created_at="2024-01-01T10:00Z",
            updated_at="2024-01-01T10:00Z",
        )

    def test_standard_and_index_pages(self):
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data({"title": "Governance", "body": rich_text("<p>The Forum.</p>")}),
        )
        self.assertCanCreate(self.home, LibraryIndexPage, nested_form_data({"title": "Library 2"}))
        self.assertCanCreate(self.home, EventIndexPage, nested_form_data({"title": "Events 2"}))

    def test_case_study(self):
        self.assertCanCreate(
            self.library,
            CaseStudyPage,
            nested_form_data(
                {
                    "title": "Young Lambeth Co-operative",
                    "council": self.council.pk,
                    "date": "2014-01-20",
                    "themes": "young people, co-operative commissioning",
                    "summary": "Young people decide.",
                    "challenge": rich_text("<p>Challenge</p>"),
                    "approach": rich_text("<p>Approach</p>"),
                    "outcomes": rich_text("<p>Outcomes</p>"),
                    "contact": "Policy team",
                }
            ),
        )
        page = CaseStudyPage.objects.get(slug="young-lambeth-co-operative")
        assert sorted(t.name for t in page.themes.all()) == [
            "co-operative commissioning",
            "young people",
        ]

    def test_how_to_guide_with_ordered_steps(self):
        self.assertCanCreate(
            self.library,
            HowToGuidePage,
            nested_form_data(
                {
                    "title": "How to co-produce",
                    "date": "2013-10-18",
                    "summary": "Steps.",
                    "introduction": rich_text("<p>Intro</p>"),
                    "further_help": rich_text(""),
                    "steps": inline_formset(
                        [
                            {"title": "Map assets", "body": rich_text("<p>One</p>")},
                            {"title": "Agree roles", "body": rich_text("<p>Two</p>")},
                        ],
                        min=1,
                    ),
                }
            ),
        )
        guide = HowToGuidePage.objects.get(slug="how-to-co-produce")
        assert [s.title for s in guide.steps.all()] == ["Map assets", "Agree roles"]

    def test_publication_with_a_pdf_and_a_cover(self):
        from wagtail.images import get_image_model
        from wagtail.images.tests.utils import get_test_image_file

        document = pdf_document()
        cover = get_image_model().objects.create(title="Cover", file=get_test_image_file())
        self.assertCanCreate(
            self.library,
            PublicationPage,
            nested_form_data(
                {
                    "title": "Co-operative places",
                    "kind": "pamphlet",
                    "date": "2016-07-01",
                    "summary": "A statement of intent.",
                    "document": document.pk,
                    "cover": cover.pk,
                    "body": rich_text(""),
                }
            ),
        )
        page = PublicationPage.objects.get(slug="co-operative-places")
        assert page.document == document and page.cover == cover

    def test_a_publication_refuses_a_document_that_is_not_a_pdf(self):
        Document = get_document_model()
        text = Document(title="Notes")
        text.file.save("notes.txt", ContentFile(b"plain text"))
        text.save()
        response = self.client.post(
            f"/admin/pages/add/cms/publicationpage/{self.library.pk}/",
            nested_form_data(
                {
                    "title": "Notes",
                    "slug": "notes",
                    "kind": "paper",
                    "date": "2016-07-01",
                    "summary": "S",
                    "document": text.pk,
                    "body": rich_text(""),
                    "action-publish": "action-publish",
                }
            ),
        )
        assert response.status_code == 200
        assert "Choose a PDF document." in response.content.decode()
        assert not PublicationPage.objects.exists()

    def test_briefing_is_members_only_from_the_moment_it_is_created(self):
        self.assertCanCreate(
            self.library,
            BriefingPage,
            nested_form_data(
                {
                    "title": "Monthly briefing: March",
                    "date": "2024-03-01",
                    "summary": "News.",
                    "body": rich_text("<p>News</p>"),
                }
            ),
        )
        briefing = BriefingPage.objects.get(slug="monthly-briefing-march")
        restrictions = PageViewRestriction.objects.filter(page=briefing)
        assert [r.restriction_type for r in restrictions] == [BaseViewRestriction.LOGIN]

    def _project_data(self, title):
        principle = Principle.objects.first()
        data = nested_form_data(
            {
                "title": title,
                "lead_council": self.council.pk,
                "year": "2016",
                "status": "under-way",
                "themes": "housing",
                "summary": "Homes people need.",
                "body": rich_text("<p>Body</p>"),
                "idea_links": inline_formset([{"idea": self.idea.pk}]),
                "updates": inline_formset(
                    [{"date": "2016-03-01", "text": rich_text("<p>Reported.</p>")}]
                ),
            }
        )
        # Multiple-choice fields post one value per choice (nested_form_data would number them).
        data["partner_councils"] = [self.partner.pk]
        data["principles"] = [principle.pk]
        return data

    def test_policy_lab_and_prototype_with_partners_principles_ideas_and_updates(self):
        for model, title in (
            (PolicyLabPage, "Housing Commission"),
            (PolicyPrototypePage, "Mental health day"),
        ):
            with self.subTest(model=model.__name__):
                self.assertCanCreate(self.library, model, self._project_data(title))
                page = model.objects.get(title=title)
                assert page.lead_council == self.council
                assert list(page.partner_councils.all()) == [self.partner]
                assert page.principles.count() == 1
                assert [link.idea for link in page.idea_links.all()] == [self.idea]
                assert page.updates.count() == 1

    def test_the_idea_chooser_opens_for_an_editor(self):
        response = self.client.get("/admin/idea_chooser/?q=solar")
        assert response.status_code == 200
        assert "Tenants own the solar panels" in response.json()["html"]

    def test_event_with_places_and_registration_window(self):
        self.assertCanCreate(
            self.events,
            EventPage,
            nested_form_data(
                {
                    "title": "Forum session: housing",
                    "event_type": "forum",
                    "host_council": self.council.pk,
                    "start": "2030-03-29 10:00",
                    "end": "2030-03-29 16:00",
                    "place": "Oldham",
                    "summary": "A day on housing.",
                    "body": rich_text(""),
                    "registration": "invitation",
                    "capacity": "12",
                    "registration_opens": "",
                    "registration_closes": "2030-03-28 12:00",
                    "related_items": inline_formset([]),
                }
            ),
        )
        event = EventPage.objects.get(slug="forum-session-housing")
        assert event.capacity == 12 and event.registration == "invitation"
