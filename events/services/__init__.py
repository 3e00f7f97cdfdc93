"""Writes for events: registration and the waiting list, and invitations."""

from events.services.invitations import invitation_create, invitation_withdraw
from events.services.registration import (
    RegistrationResult,
    event_cancel,
    event_places_changed,
    event_register,
    offer_accept,
    offer_decline,
    offer_free_places,
    offers_expire,
    places_left,
    places_taken,
    waiting_position,
)
from events.services.reminders import reminders_send

__all__ = [
    "RegistrationResult",
    "event_cancel",
    "event_places_changed",
    "event_register",
    "invitation_create",
    "invitation_withdraw",
    "offer_accept",
    "offer_decline",
    "offer_free_places",
    "offers_expire",
    "places_left",
    "places_taken",
    "reminders_send",
    "waiting_position",
]
