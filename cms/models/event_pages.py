"""Event pages: what, when, where, who hosts, and how members get a place."""

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index


class EventIndexPage(RoutablePageMixin, Page):
    introduction = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    subpage_types = ["cms.EventPage"]

    def get_context(self, request, *args, **kwargs):
        from events.listing import event_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_index_context(self, request))
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        from events.feeds import EventFeed

        return EventFeed()(request, index_page=self)


class EventPage(RoutablePageMixin, Page):
    """A network event: forum session, roundtable, peer challenge and so on."""

    class EventType(models.TextChoices):
        FORUM = "forum", "Network forum session"
        ROUNDTABLE = "roundtable", "Policy roundtable"
        PEER_CHALLENGE = "peer-challenge", "Peer challenge"
        DEVELOPMENT = "development", "Development session"
        FRINGE = "fringe", "Conference fringe"
        OFFICERS = "officers", "Officers' event"

    class RegistrationMode(models.TextChoices):
        NONE = "none", "No registration"
        OPEN = "open", "Open to members"
        INVITATION = "invitation", "Invitation only"

    event_type = models.CharField(max_length=20, choices=EventType.choices)
    host_council = models.ForeignKey(
        "members.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_events",
        help_text="Its council lead sees the attendee list and may invite.",
    )
    start = models.DateTimeField()
    end = models.DateTimeField()
    place = models.CharField(max_length=200, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    body = RichTextField(blank=True)
    registration = models.CharField(
        max_length=20, choices=RegistrationMode.choices, default=RegistrationMode.OPEN
    )
    capacity = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Number of places. Leave empty for no limit. When it is full, members "
        "join a waiting list and are offered freed places in turn.",
    )
    registration_opens = models.DateTimeField(
        null=True, blank=True, help_text="Empty: open as soon as the page is published."
    )
    registration_closes = models.DateTimeField(
        null=True, blank=True, help_text="Empty: open until the event starts."
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("event_type"), FieldPanel("host_council")]),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("place")],
            heading="When and where",
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("registration"), FieldPanel("capacity")]),
                FieldRowPanel(
                    [FieldPanel("registration_opens"), FieldPanel("registration_closes")]
                ),
            ],
            heading="Registration",
        ),
        InlinePanel(
            "related_items",
            heading="Case studies and publications from this event",
            label="Library item",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.EventIndexPage"]
    subpage_types = []

    class Meta:
        ordering = ["start"]

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = "The event cannot end before it starts."
        opens, closes = self.registration_opens, self.registration_closes
        if opens and closes and closes <= opens:
            errors["registration_closes"] = "Registration must close after it opens."
        if closes and self.end and closes > self.end:
            errors["registration_closes"] = "Registration must close by the end of the event."
        if self.capacity == 0:
            errors["capacity"] = "Give at least one place, or leave it empty for no limit."
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        from events.views import event_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_page_context(self, request))
        return context

    # Registration, invitations and the attendee list (events/views.py).

    @path("register/", name="register")
    def register_route(self, request):
        from events import views

        return views.register(request, self)

    @path("cancel/", name="cancel")
    def cancel_route(self, request):
        from events import views

        return views.cancel(request, self)

    @path("offer/accept/", name="offer_accept")
    def offer_accept_route(self, request):
        from events import views

        return views.offer_respond(request, self, accept=True)

    @path("offer/decline/", name="offer_decline")
    def offer_decline_route(self, request):
        from events import views

        return views.offer_respond(request, self, accept=False)

    @path("attendees/", name="attendees")
    def attendees_route(self, request):
        from events import views

        return views.attendees(request, self)

    @path("attendees/csv/", name="attendees_csv")
    def attendees_csv_route(self, request):
        from events import views

        return views.attendees_csv(request, self)

    @path("invitations/", name="invite")
    def invite_route(self, request):
        from events import views

        return views.invite(request, self)

    @path("invitations/<int:invitation_id>/withdraw/", name="invitation_withdraw")
    def invitation_withdraw_route(self, request, invitation_id):
        from events import views

        return views.invitation_withdraw(request, self, invitation_id)

    @path("calendar/", name="ics")
    def ics_route(self, request):
        from events import views

        return views.event_ics(request, self)


class EventRelatedItem(Orderable):
    """A case study, publication or other library page that came out of an event."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="related_items")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = [
        PageChooserPanel(
            "page",
            [
                "cms.CaseStudyPage",
                "cms.PublicationPage",
                "cms.HowToGuidePage",
                "cms.PolicyLabPage",
                "cms.PolicyPrototypePage",
            ],
        )
    ]
