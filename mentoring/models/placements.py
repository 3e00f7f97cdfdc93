"""Shadowing placements: the placement, applications to it, feedback after it, calendar feeds."""

import secrets
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q
from django.urls import reverse
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase
from wagtail.search import index

from mentoring import permissions

STATEMENT_MAX = 3000
NOTE_MAX = 2000


class Format(models.TextChoices):
    IN_PERSON = "in-person", "In person"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "Hybrid"


class PlacementTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "mentoring.Placement", on_delete=models.CASCADE, related_name="tagged_items"
    )


class PlacementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Members see open, closed and completed placements; the host council its drafts."""
        if permissions.is_network_editor(user):
            return self
        if not permissions.is_member(user):
            return self.none()
        public = ~Q(state=Placement.State.DRAFT)
        if user.organisation_id:
            public |= Q(host_council_id=user.organisation_id)
        return self.filter(public)

    def with_counts(self):
        """Accepted and waiting counts and free places, computed in the same query."""
        accepted = Q(applications__state=Application.State.ACCEPTED)
        waiting = Q(
            applications__state__in=[Application.State.PENDING, Application.State.WAITLISTED]
        )
        return self.annotate(
            accepted_count=Count("applications", filter=accepted, distinct=True),
            waiting_count=Count("applications", filter=waiting, distinct=True),
        ).annotate(free_places=F("places") - F("accepted_count"))

    def for_list(self):
        return self.select_related("host_council", "host_officer").prefetch_related("themes")

    def open_for_applications(self, today: date):
        return self.filter(state=Placement.State.OPEN, closing_date__gte=today)

    def in_month(self, year: int, month: int):
        """Dated placements that overlap the month, and flexible ones."""
        first = date(year, month, 1)
        last = date(year + (month == 12), month % 12 + 1, 1)
        dated = Q(start_date__lt=last, end_date__gte=first)
        return self.filter(dated | Q(flexible=True))


class Placement(index.Indexed, models.Model):
    """A job-shadowing placement offered by a council."""

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open for applications"
        CLOSED = "closed", "Closed"
        COMPLETED = "completed", "Completed"

    host_council = models.ForeignKey(
        "members.Organisation", on_delete=models.PROTECT, related_name="placements"
    )
    host_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="hosted_placements"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(max_length=200)
    description = models.TextField(
        "what the visitor will see and do", max_length=10000, help_text="Markdown."
    )
    description_html = models.TextField(editable=False, default="")
    themes = TaggableManager(through=PlacementTag, blank=True)
    format = models.CharField(max_length=20, choices=Format.choices, default=Format.IN_PERSON)
    place = models.CharField(max_length=200, blank=True)
    flexible = models.BooleanField(
        "dates are flexible", default=False, help_text="Dates agreed with each visitor."
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    day_starts = models.TimeField(null=True, blank=True)
    day_ends = models.TimeField(null=True, blank=True)
    places = models.PositiveSmallIntegerField(default=1)
    closing_date = models.DateField()
    state = models.CharField(
        max_length=20, choices=State.choices, default=State.OPEN, db_index=True
    )
    case_study = models.ForeignKey(
        "cms.CaseStudyPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlacementQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("description"),
        index.SearchField("place"),
        index.RelatedFields("themes", [index.SearchField("name", boost=2)]),
        index.RelatedFields("host_council", [index.SearchField("name", boost=2)]),
        index.FilterField("state"),
        index.FilterField("host_council"),
    ]

    class Meta:
        ordering = ["start_date", "closing_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(places__gte=1), name="placement_places_positive"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="placement_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("mentoring:placement_detail", args=[self.pk])


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Applicants see their own; a host council's lead and host officer see its ones."""
        if permissions.is_network_editor(user):
            return self
        if not getattr(user, "is_authenticated", False):
            return self.none()
        mine = Q(applicant=user) | Q(placement__host_officer=user)
        if permissions.is_council_lead(user):
            mine |= Q(placement__host_council_id=user.organisation_id)
        return self.filter(mine)

    def live(self):
        return self.filter(state__in=Application.LIVE_STATES)

    def in_calendar_of(self, user):
        """Accepted visits the member makes or hosts, on placements past draft: their feed."""
        return (
            self.filter(state=Application.State.ACCEPTED)
            .filter(Q(applicant=user) | Q(placement__host_officer=user))
            .exclude(placement__state=Placement.State.DRAFT)
            .select_related("placement__host_council", "placement__host_officer", "applicant")
        )


class Application(models.Model):
    """An officer's application for a placement."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        WAITLISTED = "waitlisted", "On the waiting list"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    LIVE_STATES = (State.PENDING, State.WAITLISTED, State.ACCEPTED)

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="placement_applications"
    )
    statement = models.TextField(max_length=STATEMENT_MAX)
    statement_html = models.TextField(editable=False, default="")
    preferred_dates = models.CharField(max_length=300, blank=True)
    state = models.CharField(
        max_length=20, choices=State.choices, default=State.PENDING, db_index=True
    )
    decision_note = models.TextField(max_length=NOTE_MAX, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "applicant"],
                condition=Q(state__in=["pending", "waitlisted", "accepted"]),
                name="one_live_application_per_officer",
            )
        ]

    def __str__(self):
        return f"{self.applicant} for {self.placement}"

    def get_absolute_url(self):
        return reverse("mentoring:application_detail", args=[self.pk])

    @property
    def is_live(self) -> bool:
        return self.state in self.LIVE_STATES


class Feedback(models.Model):
    """Short feedback on a placement from the host side or the visitor."""

    class Side(models.TextChoices):
        HOST = "host", "Host"
        VISITOR = "visitor", "Visitor"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    side = models.CharField(max_length=10, choices=Side.choices)
    body = models.TextField(max_length=NOTE_MAX)
    body_html = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name_plural = "feedback"
        constraints = [
            models.UniqueConstraint(fields=["application", "side"], name="one_feedback_per_side")
        ]

    def __str__(self):
        return f"{self.get_side_display()} feedback on application {self.application_id}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A member's secret calendar-feed address; regenerating it revokes the old one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="placement_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Calendar feed of {self.user}"

    def get_absolute_url(self):
        return reverse("mentoring:calendar_feed", args=[self.token])
