"""Registering, cancelling and the waiting list: every change locks the event's row first.

The lock (SELECT ... FOR UPDATE on PostgreSQL; SQLite's write lock, taken at
BEGIN IMMEDIATE, does the same) serialises all changes to one event's places,
so counting places and taking one is a single step however many arrive at once.
The one-row-per-member constraint makes a double submit register once.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log

from cms.models import EventPage
from events import permissions
from events.models import Registration

State = Registration.State


@dataclass(frozen=True)
class RegistrationResult:
    registration: Registration
    changed: bool  # False when they already had a place or a place in the queue

    @property
    def message(self) -> str:
        state = self.registration.state
        if not self.changed:
            return {
                State.REGISTERED: "You were already registered for this event; nothing changed.",
                State.OFFERED: "A place is already being held for you; accept it below.",
                State.WAITING: "You are already on the waiting list; nothing changed.",
            }[state]
        if state == State.REGISTERED:
            return "You are registered. A confirmation is on its way by email."
        return (
            "The event is full, so you are on the waiting list. "
            "We will email you if a place frees up."
        )


def offer_hours() -> int:
    return int(getattr(settings, "EVENTS_OFFER_HOURS", 48))


def lock_event(event) -> EventPage:
    """The event, re-read with its row locked until the transaction ends."""
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event.pk)


def places_taken(event) -> int:
    return Registration.objects.filter(event=event).holding_places().count()


def places_left(event, taken=None) -> int | None:
    """Free places, or None when the event has no limit."""
    if event.capacity is None:
        return None
    taken = places_taken(event) if taken is None else taken
    return max(event.capacity - taken, 0)


def waiting_position(registration) -> int | None:
    """1 for the next person to be offered a place; None when not waiting."""
    if registration.state != State.WAITING:
        return None
    ahead = (
        Registration.objects.filter(event_id=registration.event_id, state=State.WAITING)
        .filter(joined_at__lte=registration.joined_at)
        .exclude(joined_at=registration.joined_at, pk__gte=registration.pk)
        .count()
    )
    return ahead + 1


def _email_on_commit(registration, kind: str) -> None:
    from events.tasks import send_registration_email

    pk = registration.pk
    transaction.on_commit(lambda: send_registration_email.enqueue(registration_id=pk, kind=kind))


def offer_free_places(event, now=None) -> list[Registration]:
    """Offer each free place to the next person waiting, in order; call with the event locked."""
    now = now or timezone.now()
    if now >= event.start:
        return []
    queue = Registration.objects.filter(event=event).waiting_in_order()
    free = places_left(event)
    if free is not None:
        if free <= 0:
            return []
        queue = queue[:free]
    offered = list(queue)
    expires = min(now + timedelta(hours=offer_hours()), event.start)
    for registration in offered:
        registration.state = State.OFFERED
        registration.offered_at = now
        registration.offer_expires_at = expires
        registration.save(update_fields=["state", "offered_at", "offer_expires_at"])
        _email_on_commit(registration, "offered")
    return offered


def event_register(*, event, user) -> RegistrationResult:
    """Give the member a place, or a place on the waiting list when the event is full."""
    with transaction.atomic():
        locked = lock_event(event)
        refusal = permissions.registration_refusal(user, locked)
        if refusal:
            raise PermissionDenied(refusal)
        closed = permissions.registration_closed_reason(locked)
        existing = Registration.objects.filter(event=locked, user=user).first()
        if existing is not None and existing.state in Registration.ACTIVE:
            return RegistrationResult(existing, changed=False)
        if closed:
            raise ValidationError(closed)
        now = timezone.now()
        # Places freed earlier (a cancellation, more capacity) go to those already waiting.
        offer_free_places(locked, now)
        free = places_left(locked)
        state = State.REGISTERED if free is None or free > 0 else State.WAITING
        registration = existing or Registration(event=locked, user=user, created_at=now)
        registration.state = state
        registration.joined_at = now
        registration.offered_at = registration.offer_expires_at = None
        registration.cancelled_at = registration.reminded_at = None
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError:
            # Another request from the same member got there first.
            existing = Registration.objects.get(event=locked, user=user)
            return RegistrationResult(existing, changed=False)
        log(instance=registration, action=f"events.{state}", user=user)
        _email_on_commit(registration, state)
    return RegistrationResult(registration, changed=True)


def event_cancel(*, event, user) -> Registration | None:
    """Give up a place (or leave the waiting list); a freed place is offered on at once."""
    with transaction.atomic():
        locked = lock_event(event)
        registration = Registration.objects.filter(event=locked, user=user).active().first()
        if registration is None:
            return None
        if timezone.now() >= locked.end:
            raise ValidationError("This event is over.")
        held_place = registration.holds_place
        registration.state = State.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.offered_at = registration.offer_expires_at = None
        registration.save(update_fields=["state", "cancelled_at", "offered_at", "offer_expires_at"])
        log(instance=registration, action="events.cancel", user=user)
        if held_place:
            offer_free_places(locked)
    return registration


def offer_accept(*, event, user) -> Registration:
    """Take up the place held for them, while the offer lasts."""
    with transaction.atomic():
        locked = lock_event(event)
        registration = Registration.objects.filter(event=locked, user=user).first()
        if registration is not None and registration.state == State.REGISTERED:
            return registration  # a second click
        if registration is None or registration.state != State.OFFERED:
            raise ValidationError("There is no place on offer to you for this event.")
        if registration.offer_expires_at <= timezone.now():
            raise ValidationError("This offer has lapsed; the place has gone to the next person.")
        registration.state = State.REGISTERED
        registration.save(update_fields=["state"])
        log(instance=registration, action="events.accept", user=user)
        _email_on_commit(registration, "registered")
    return registration


def offer_decline(*, event, user) -> Registration | None:
    """Turn down an offered place; it goes to the next person waiting."""
    with transaction.atomic():
        locked = lock_event(event)
        registration = Registration.objects.filter(
            event=locked, user=user, state=State.OFFERED
        ).first()
        if registration is None:
            return None
        registration.state = State.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["state", "cancelled_at"])
        log(instance=registration, action="events.decline", user=user)
        offer_free_places(locked)
    return registration


def offers_expire(*, now=None) -> int:
    """Lapse offers not taken up in time and pass each place on; running it again changes nothing.

    Returns how many offers lapsed.
    """
    now = now or timezone.now()
    # Events with lapsed offers, and any with people waiting (places an editor
    # added, or freed while nothing else ran, reach them here too).
    event_ids = set(
        Registration.objects.filter(
            Q(state=State.OFFERED, offer_expires_at__lte=now)
            | Q(state=State.WAITING, event__start__gt=now)
        ).values_list("event_id", flat=True)
    )
    lapsed_count = 0
    for event_id in sorted(event_ids):
        with transaction.atomic():
            locked = lock_event(EventPage(pk=event_id))
            lapsed = list(
                Registration.objects.filter(
                    event=locked, state=State.OFFERED, offer_expires_at__lte=now
                ).order_by("offered_at", "pk")
            )
            for registration in lapsed:
                registration.state = State.LAPSED
                registration.save(update_fields=["state"])
                log(instance=registration, action="events.lapse", user=None)
                _email_on_commit(registration, "lapsed")
            offer_free_places(locked, now)
            lapsed_count += len(lapsed)
    return lapsed_count


def event_places_changed(*, event) -> list[Registration]:
    """After an editor adds places: offer them to those waiting."""
    with transaction.atomic():
        locked = lock_event(event)
        if not locked.live:
            return []
        return offer_free_places(locked)
