"""Mentoring: members' offers to mentor, requests for a mentor, and the pairs between them."""

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q
from django.urls import reverse
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from mentoring.models.placements import NOTE_MAX, Format


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
