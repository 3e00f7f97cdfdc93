from django.db import models
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.privacy import pages_visible_to
from core.home import build_home_sections


class HomePage(Page):
    """The root of the site: what the network is, then sections the apps fill."""

    introduction = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = build_home_sections(request)
        return context


class StandardPage(Page):
    """Principles, governance, membership and other plain pages."""

    introduction = models.CharField(max_length=300, blank=True)
    body = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]


class LibraryIndexPage(Page):
    """The library: case studies, guides, publications and briefings below it."""

    introduction = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    subpage_types = ["cms.CaseStudyPage", "cms.StandardPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = (
            pages_visible_to(request.user, self.get_children())
            .specific()
            .order_by("-first_published_at")
        )
        return context


class CaseStudyTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.CaseStudyPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class CaseStudyPage(Page):
    """What a council did, how, and what came of it."""

    council = models.ForeignKey(
        "members.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_studies",
    )
    themes = ClusterTaggableManager(through=CaseStudyTag, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    challenge = RichTextField(blank=True)
    approach = RichTextField(blank=True)
    outcomes = RichTextField(blank=True)
    contact = models.CharField(max_length=200, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("council"),
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


class EventIndexPage(Page):
    introduction = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    subpage_types = ["cms.EventPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = pages_visible_to(request.user, EventPage.objects.child_of(self))
        now = timezone.now()
        context["upcoming"] = events.filter(end__gte=now).order_by("start")
        context["past"] = events.filter(end__lt=now).order_by("-start")
        return context


class EventPage(Page):
    """A network event: forum session, roundtable, peer challenge and so on."""

    class EventType(models.TextChoices):
        FORUM = "forum", "Network forum session"
        ROUNDTABLE = "roundtable", "Policy roundtable"
        PEER_CHALLENGE = "peer-challenge", "Peer challenge"
        DEVELOPMENT = "development", "Development session"
        FRINGE = "fringe", "Conference fringe"
        OFFICERS = "officers", "Officers' event"

    event_type = models.CharField(max_length=20, choices=EventType.choices)
    host_council = models.ForeignKey(
        "members.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_events",
    )
    start = models.DateTimeField()
    end = models.DateTimeField()
    place = models.CharField(max_length=200, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    body = RichTextField(blank=True)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("event_type"), FieldPanel("host_council")]),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("place")],
            heading="When and where",
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.EventIndexPage"]

    class Meta:
        ordering = ["start"]

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "The event cannot end before it starts."})
