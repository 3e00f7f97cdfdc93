"""The library: its index and the case study, how-to guide, publication and briefing pages."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import BaseViewRestriction, Orderable, Page
from wagtail.search import index

THEMES_HELP = "Separate themes with commas, for example: co-operative energy, housing."
DATE_HELP = "When it was written or took place; the library's year filter uses it."

LIBRARY_PAGE_TYPES = [
    "cms.CaseStudyPage",
    "cms.HowToGuidePage",
    "cms.PublicationPage",
    "cms.BriefingPage",
    "cms.PolicyLabPage",
    "cms.PolicyPrototypePage",
    "cms.StandardPage",
]


class LibraryItem:
    """What the library index, its feed and the home sections ask of each library page type."""

    library_kind = ""  # the ?type= value
    library_label = ""
    # Fields naming councils, the first being the one shown on a card.
    council_fields: tuple[str, ...] = ("council",)
    year_lookup = "date__year"

    @property
    def card_council_id(self):
        return getattr(self, f"{self.council_fields[0]}_id", None)

    @property
    def card_year(self):
        date = getattr(self, "date", None)
        return date.year if date else None


class LibraryIndexPage(RoutablePageMixin, Page):
    """The library: case studies, guides, publications, briefings, Labs and Prototypes."""

    introduction = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    subpage_types = LIBRARY_PAGE_TYPES

    def get_context(self, request, *args, **kwargs):
        from cms.library import library_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(library_listing(self, request))
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        from cms.feeds import LibraryFeed

        return LibraryFeed()(request, index_page=self)


class CaseStudyTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.CaseStudyPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class CaseStudyPage(LibraryItem, Page):
    """What a council did, how, and what came of it."""

    library_kind = "case-study"
    library_label = "Case study"

    council = models.ForeignKey(
        "members.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_studies",
    )
    themes = ClusterTaggableManager(through=CaseStudyTag, blank=True, help_text=THEMES_HELP)
    date = models.DateField(default=datetime.date.today, help_text=DATE_HELP)
    summary = models.CharField(max_length=300, blank=True)
    challenge = RichTextField(blank=True)
    approach = RichTextField(blank=True)
    outcomes = RichTextField(blank=True)
    contact = models.CharField(max_length=200, blank=True)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("council"), FieldPanel("date")]),
        FieldPanel("themes"),
        FieldPanel("summary"),
        FieldPanel("challenge"),
        FieldPanel("approach"),
        FieldPanel("outcomes"),
        FieldPanel("contact"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("challenge"),
        index.SearchField("approach"),
        index.SearchField("outcomes"),
    ]
    parent_page_types = ["cms.LibraryIndexPage"]
    subpage_types = []


class GuideTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.HowToGuidePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class HowToGuidePage(LibraryItem, Page):
    """A practical guide to co-operative working, in ordered steps."""

    library_kind = "guide"
    library_label = "How-to guide"

    council = models.ForeignKey(
        "members.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guides",
        help_text="The council whose practice the guide draws on, if one.",
    )
    themes = ClusterTaggableManager(through=GuideTag, blank=True, help_text=THEMES_HELP)
    date = models.DateField(default=datetime.date.today, help_text=DATE_HELP)
    summary = models.CharField(max_length=300, blank=True)
    introduction = RichTextField(blank=True)
    further_help = RichTextField(blank=True, help_text="Contacts, templates, further reading.")

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("council"), FieldPanel("date")]),
        FieldPanel("themes"),
        FieldPanel("summary"),
        FieldPanel("introduction"),
        InlinePanel("steps", heading="Steps", label="Step", min_num=1),
        FieldPanel("further_help"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("introduction"),
        index.RelatedFields("steps", [index.SearchField("title"), index.SearchField("body")]),
    ]
    parent_page_types = ["cms.LibraryIndexPage"]
    subpage_types = []


class GuideStep(Orderable):
    """One step of a how-to guide; editors drag them into order."""

    guide = ParentalKey(HowToGuidePage, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(max_length=200)
    body = RichTextField(blank=True)

    panels = [FieldPanel("title"), FieldPanel("body")]

    def __str__(self):
        return self.title


class PublicationTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.PublicationPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class PublicationPage(LibraryItem, Page):
    """A pamphlet, short paper or report: a PDF from the documents library, with a summary."""

    library_kind = "publication"
    library_label = "Publication"

    class Kind(models.TextChoices):
        PAMPHLET = "pamphlet", "Pamphlet"
        PAPER = "paper", "Short paper"
        REPORT = "report", "Report"
        SUBMISSION = "submission", "Submission"

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PAMPHLET)
    council = models.ForeignKey(
        "members.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="publications",
        help_text="The council that led it, if one.",
    )
    themes = ClusterTaggableManager(through=PublicationTag, blank=True, help_text=THEMES_HELP)
    date = models.DateField(default=datetime.date.today, help_text="Date of publication.")
    summary = models.TextField(max_length=1000, help_text="A few sentences shown in lists.")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The PDF. If this page is members only, so is the PDF.",
    )
    cover = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = RichTextField(blank=True, help_text="More about the publication (optional).")

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        FieldRowPanel([FieldPanel("council"), FieldPanel("themes")]),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("document"), FieldPanel("cover")], heading="Files"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.LibraryIndexPage"]
    subpage_types = []

    def clean(self):
        super().clean()
        if self.document_id and self.document.file_extension.lower() != "pdf":
            raise ValidationError({"document": "Choose a PDF document."})


class BriefingTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.BriefingPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class BriefingPage(LibraryItem, Page):
    """The monthly update briefing to member councils: members only unless an editor opens it."""

    library_kind = "briefing"
    library_label = "Monthly briefing"
    council_fields = ()

    date = models.DateField(default=datetime.date.today, help_text="The month it covers.")
    themes = ClusterTaggableManager(through=BriefingTag, blank=True, help_text=THEMES_HELP)
    summary = models.CharField(max_length=300, blank=True)
    body = RichTextField()

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("themes"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.LibraryIndexPage"]
    subpage_types = []

    @property
    def card_council_id(self):
        return None

    def get_default_privacy_setting(self, request):
        # Wagtail applies this when the page is created in the admin, before its
        # first revision is published; editors may open a briefing up afterwards.
        return {"type": BaseViewRestriction.LOGIN}
