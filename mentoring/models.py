"""Shadowing placements, applications, feedback, calendar feeds and mentoring."""

import secrets
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q
from django.urls import reverse
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

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


class Placement(models.Model):
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


# Mentoring -----------------------------------------------------------------


class MentorOfferTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "mentoring.MentorOffer", on_delete=models.CASCADE, related_name="tagged_items"
    )


class MentoringRequestTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "mentoring.MentoringRequest", on_delete=models.CASCADE, related_name="tagged_items"
    )


class MentorOfferQuerySet(models.QuerySet):
    def with_load(self):
        """load = active pairs + requests waiting for the mentor's answer."""
        busy = Q(mentorships__state__in=Mentorship.BUSY_STATES)
        return self.annotate(load=Count("mentorships", filter=busy, distinct=True)).annotate(
            free_capacity=F("capacity") - F("load")
        )

    def with_free_capacity(self):
        return self.with_load().filter(free_capacity__gt=0)

    def _eligibility(self, mentoring_request):
        """The offers annotated for the rules, and the rules: (condition, why an offer fails)."""
        mentee = mentoring_request.mentee
        theme_ids = list(mentoring_request.themes.values_list("pk", flat=True))
        already = Mentorship.objects.filter(
            request=mentoring_request, state__in=Mentorship.BUSY_STATES
        ).values("offer_id")
        shared = Count("tagged_items", filter=Q(tagged_items__tag_id__in=theme_ids), distinct=True)
        busy = Count(
            "mentorships",
            filter=Q(mentorships__state__in=Mentorship.BUSY_STATES),
            distinct=True,
        )
        offers = (
            self.annotate(shared_themes=shared, load=busy)
            .annotate(free_capacity=F("capacity") - F("load"))
        )  # fmt: skip
        other_council = Q()
        if mentee.organisation_id:
            other_council = ~Q(mentor__organisation_id=mentee.organisation_id)
        rules = [
            (~Q(mentor=mentee), "You cannot mentor yourself."),
            (
                Q(mentor__is_active=True, mentor__status="confirmed"),
                "This mentor is not a confirmed member of the network.",
            ),
            (Q(is_open=True), "This mentor is not taking new mentees."),
            (other_council, "Choose a mentor from another council."),
            (~Q(pk__in=already), "You have already asked this mentor."),
            (Q(shared_themes__gt=0), "This mentor offers none of your themes."),
            (Q(free_capacity__gt=0), "This mentor has no free capacity at the moment."),
        ]
        return offers, rules

    def eligible_for(self, mentoring_request):
        """Offers the mentee may ask: the one rule set behind suggestions and asking."""
        offers, rules = self._eligibility(mentoring_request)
        for condition, _ in rules:
            offers = offers.filter(condition)
        return offers

    def refusal_for(self, offer, mentoring_request) -> str | None:
        """Why the mentee may not ask this offer, or None when they may."""
        offers, rules = self.filter(pk=offer.pk)._eligibility(mentoring_request)
        for condition, message in rules:
            if not offers.filter(condition).exists():
                return message
        return None

    def suggested_for(self, mentoring_request):
        """Eligible offers (see eligible_for), most shared themes first."""
        return (
            self.eligible_for(mentoring_request)
            .select_related("mentor", "mentor__organisation")
            .prefetch_related("themes")
            .order_by("-shared_themes", "-free_capacity", "mentor__name")
        )


class MentorOffer(models.Model):
    """A member's offer to mentor others."""

    mentor = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_offer"
    )
    themes = TaggableManager(through=MentorOfferTag)
    capacity = models.PositiveSmallIntegerField(
        default=1, help_text="How many mentees you can take on at once."
    )
    format = models.CharField(max_length=20, choices=Format.choices, default=Format.ONLINE)
    note = models.CharField(max_length=500, blank=True)
    is_open = models.BooleanField("taking new mentees", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MentorOfferQuerySet.as_manager()

    class Meta:
        ordering = ["mentor__name"]

    def __str__(self):
        return f"Mentoring offer from {self.mentor}"


class MentoringRequest(models.Model):
    """A member asking for a mentor: goals and themes."""

    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentoring_requests"
    )
    goals = models.TextField(max_length=NOTE_MAX)
    themes = TaggableManager(through=MentoringRequestTag)
    is_open = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Mentoring request from {self.mentee}"

    def get_absolute_url(self):
        return reverse("mentoring:request_detail", args=[self.pk])


class Mentorship(models.Model):
    """A request sent to one mentor: asked, then active or declined, then closed."""

    class State(models.TextChoices):
        REQUESTED = "requested", "Waiting for the mentor"
        ACTIVE = "active", "Active"
        DECLINED = "declined", "Declined"
        CLOSED = "closed", "Closed"

    BUSY_STATES = (State.REQUESTED, State.ACTIVE)

    request = models.ForeignKey(
        MentoringRequest, on_delete=models.CASCADE, related_name="mentorships"
    )
    offer = models.ForeignKey(MentorOffer, on_delete=models.CASCADE, related_name="mentorships")
    message = models.CharField(max_length=1000, blank=True)
    state = models.CharField(
        max_length=20, choices=State.choices, default=State.REQUESTED, db_index=True
    )
    mentor_feedback = models.TextField(max_length=NOTE_MAX, blank=True)
    mentee_feedback = models.TextField(max_length=NOTE_MAX, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "offer"],
                condition=Q(state__in=["requested", "active"]),
                name="one_live_mentorship_per_pair",
            )
        ]

    def __str__(self):
        return f"{self.offer.mentor} mentoring {self.request.mentee}"

    @property
    def mentor(self):
        return self.offer.mentor

    @property
    def mentee(self):
        return self.request.mentee
