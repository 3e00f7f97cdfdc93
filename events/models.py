"""Places at events: registrations with their waiting list and offers, and invitations."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class RegistrationQuerySet(models.QuerySet):
    def holding_places(self):
        """Registered people, and those a freed place is being held for."""
        return self.filter(state__in=Registration.HOLDING_PLACE)

    def active(self):
        return self.filter(state__in=Registration.ACTIVE)

    def waiting_in_order(self):
        return self.filter(state=Registration.State.WAITING).order_by("joined_at", "pk")


class Registration(models.Model):
    """One member's place (or place in the queue) at one event; one row per member per event."""

    class State(models.TextChoices):
        REGISTERED = "registered", "Registered"
        WAITING = "waiting", "On the waiting list"
        OFFERED = "offered", "Offered a place"
        CANCELLED = "cancelled", "Cancelled"
        LAPSED = "lapsed", "Offer not taken up in time"

    HOLDING_PLACE = (State.REGISTERED, State.OFFERED)
    ACTIVE = (State.REGISTERED, State.OFFERED, State.WAITING)

    event = models.ForeignKey(
        "cms.EventPage", on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    state = models.CharField(max_length=20, choices=State.choices)
    created_at = models.DateTimeField(default=timezone.now)
    # When they last joined: the waiting list is served in this order.
    joined_at = models.DateTimeField(default=timezone.now)
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"], name="one_registration_per_member_per_event"
            )
        ]
        indexes = [
            models.Index(fields=["event", "state", "joined_at"], name="registration_queue_idx")
        ]

    def __str__(self):
        return f"{self.user} at {self.event_id}: {self.state}"

    @property
    def holds_place(self) -> bool:
        return self.state in self.HOLDING_PLACE


class Invitation(models.Model):
    """An invitation to an invitation-only event, for one member or a whole council."""

    event = models.ForeignKey("cms.EventPage", on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_invitations",
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_invitations",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, organisation__isnull=True)
                | Q(user__isnull=True, organisation__isnull=False),
                name="invitation_for_a_member_or_a_council",
            ),
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(user__isnull=False),
                name="invite_member_once",
            ),
            models.UniqueConstraint(
                fields=["event", "organisation"],
                condition=Q(organisation__isnull=False),
                name="invite_council_once",
            ),
        ]

    def __str__(self):
        return f"Invitation to {self.event_id} for {self.user or self.organisation}"

    @property
    def invitee(self):
        return self.user or self.organisation
