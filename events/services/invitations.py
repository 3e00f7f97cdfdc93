"""Invitations to invitation-only events: by member or by whole council."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from wagtail.log_actions import log

from events import permissions
from events.models import Invitation
from members.permissions import is_member
from notifications.services import notify


def _require_manager(actor, event) -> None:
    if not permissions.can_manage_event(actor, event):
        raise PermissionDenied("Only network editors and the host council's lead may do this.")


def invitation_create(*, event, actor, user=None, organisation=None) -> Invitation:
    """Invite one member or every member of a council; inviting twice changes nothing."""
    _require_manager(actor, event)
    if event.registration != event.RegistrationMode.INVITATION:
        raise ValidationError("This event is open to every member; invitations are not needed.")
    if (user is None) == (organisation is None):
        raise ValidationError("Invite either one member or one council.")
    if user is not None and not is_member(user):
        raise ValidationError({"email": "Only confirmed members of the network can be invited."})
    lookup = {"user": user} if user is not None else {"organisation": organisation}
    existing = Invitation.objects.filter(event=event, **lookup).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        try:
            with transaction.atomic():
                invitation = Invitation.objects.create(event=event, invited_by=actor, **lookup)
        except IntegrityError:
            return Invitation.objects.get(event=event, **lookup)
        log(
            instance=invitation,
            action="events.invite",
            user=actor,
            data={"event": event.pk, "invitee": str(invitation.invitee)},
        )
        if user is not None:
            recipients = [user]
        else:
            recipients = (
                get_user_model().objects.confirmed_members().filter(organisation=organisation)
            )
        notify(
            recipients=recipients,
            kind="events.invitation",
            title=f"You are invited to {event.title}",
            body="Register on the event page to take a place.",
            url=event.url or "",
            actor=actor,
        )
    return invitation


def invitation_withdraw(*, invitation, actor) -> None:
    """Withdraw an invitation; places already taken stay until their holder cancels."""
    _require_manager(actor, invitation.event)
    with transaction.atomic():
        log(
            instance=invitation,
            action="events.uninvite",
            user=actor,
            data={"event": invitation.event_id, "invitee": str(invitation.invitee)},
        )
        invitation.delete()
