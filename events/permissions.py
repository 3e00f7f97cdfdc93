"""Who may register for an event, who is invited, and who runs it (attendees, invitations)."""

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from cms.privacy import can_view_page
from members.permissions import is_council_lead, is_member, is_network_editor


def can_manage_event(user, event) -> bool:
    """Network editors, and the lead of the host council: see attendees, export, invite."""
    if is_network_editor(user):
        return True
    return bool(
        event.host_council_id
        and is_council_lead(user)
        and user.organisation_id == event.host_council_id
    )


def is_invited(user, event) -> bool:
    """Invited by name or with their whole council (a confirmed member of it)."""
    from events.models import Invitation

    if not is_member(user):
        return False
    match = Q(user=user)
    if user.organisation_id:
        match |= Q(organisation_id=user.organisation_id)
    return Invitation.objects.filter(match, event=event).exists()


def registration_closed_reason(event, now=None) -> str | None:
    """Why nobody can register at the moment (None: registration is open)."""
    now = now or timezone.now()
    mode = event.RegistrationMode
    if event.registration == mode.NONE:
        return "This event does not take registrations."
    if now >= event.start:
        return "This event has started; registration is over."
    if event.registration_opens and now < event.registration_opens:
        opens = timezone.localtime(event.registration_opens)
        return f"Registration opens on {date_format(opens, 'j F Y')} at {opens:%H:%M}."
    if event.registration_closes and now >= event.registration_closes:
        return "Registration has closed."
    return None


def registration_refusal(user, event) -> str | None:
    """Why this person may not take a place, by who they are (None: they may)."""
    if not is_member(user):
        return "Registration is for confirmed members of the network."
    if not can_view_page(user, event):
        return "This event is not open to you."
    if event.registration == event.RegistrationMode.INVITATION and not (
        is_invited(user, event) or can_manage_event(user, event)
    ):
        return "This event is by invitation only."
    return None


def can_register(user, event) -> bool:
    return registration_refusal(user, event) is None and registration_closed_reason(event) is None
