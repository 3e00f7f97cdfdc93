"""The work programme: Policy Labs and Prototypes, their updates and the ideas they grew from."""

import datetime

from django import forms
from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.choosers import idea_chooser_viewset
from cms.models.library import THEMES_HELP, LibraryItem


def this_year() -> int:
    return datetime.date.today().year


class Principle(models.Model):
    """A co-operative principle a project serves; editors keep the list."""

    name = models.CharField(max_length=100, unique=True)
    description = models.CharField(max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class ProjectTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.PolicyProjectPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class PolicyProjectPage(LibraryItem, Page):
    """What Policy Labs and Policy Prototypes share; editors create one or the other."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        UNDER_WAY = "under-way", "Under way"
        REPORTING = "reporting", "Reporting"
        COMPLETED = "completed", "Completed"

    council_fields = ("lead_council", "partner_councils")
    year_lookup = "year"

    lead_council = models.ForeignKey(
        "members.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_projects",
        help_text="Empty when the network as a whole leads it.",
    )
    partner_councils = ParentalManyToManyField(
        "members.Organisation", blank=True, related_name="partner_projects"
    )
    year = models.PositiveSmallIntegerField(default=this_year, help_text="The year the work began.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.UNDER_WAY)
    principles = ParentalManyToManyField(
        Principle,
        blank=True,
        related_name="projects",
        help_text="The co-operative principles this work serves.",
    )
    themes = ClusterTaggableManager(through=ProjectTag, blank=True, help_text=THEMES_HELP)
    summary = models.CharField(max_length=300)
    body = RichTextField(blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("lead_council"),
                FieldPanel("partner_councils", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Councils",
        ),
        FieldRowPanel([FieldPanel("year"), FieldPanel("status")]),
        FieldPanel("principles", widget=forms.CheckboxSelectMultiple),
        FieldPanel("themes"),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("idea_links", heading="The ideas it grew from", label="Idea"),
        InlinePanel("updates", heading="Updates", label="Update"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.LibraryIndexPage"]
    subpage_types = []
    is_creatable = False

    @property
    def card_year(self):
        return self.year

    def get_context(self, request, *args, **kwargs):
        from cms.projects import project_context

        context = super().get_context(request, *args, **kwargs)
        context.update(project_context(self, request.user))
        return context


class PolicyLabPage(PolicyProjectPage):
    """A larger piece of work that several member councils do together."""

    library_kind = "policy-lab"
    library_label = "Policy Lab"
    is_creatable = True

    class Meta:
        verbose_name = "Policy Lab"


class PolicyPrototypePage(PolicyProjectPage):
    """A smaller project one member council delivers on behalf of the network."""

    library_kind = "policy-prototype"
    library_label = "Policy Prototype"
    is_creatable = True

    class Meta:
        verbose_name = "Policy Prototype"


class ProjectUpdate(Orderable):
    """A dated note of progress on a project."""

    project = ParentalKey(PolicyProjectPage, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(default=datetime.date.today)
    text = RichTextField()

    panels = [FieldPanel("date"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        ordering = ["-date", "sort_order"]


class ProjectIdea(Orderable):
    """An idea from the ideas bank that the project grew from, chosen in the admin."""

    project = ParentalKey(PolicyProjectPage, on_delete=models.CASCADE, related_name="idea_links")
    idea = models.ForeignKey("ideasbank.Idea", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("idea", widget=idea_chooser_viewset.widget_class)]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["project", "idea"], name="project_idea_once")
        ]

    def __str__(self):
        return str(self.idea)
