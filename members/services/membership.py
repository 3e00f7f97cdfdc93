"""Membership: what a verified address does, who hears of a request, and the decisions on it."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from core.validators import clean_text
from members.models import Organisation
from members.permissions import can_decide_membership
from notifications.services import notify
from notifications.tasks import send_transactional_email

User = get_user_model()

CONFIRM_ACTION = "members.membership.confirm"
REFUSE_ACTION = "members.membership.refuse"


def membership_on_email_verified(*, user, email: str) -> None:
    """A verified address on a full-member council's domain confirms at once.

    Anyone else waits for their chosen organisation's lead or a network editor.
    """
    if user.status in (User.Status.CONFIRMED, User.Status.REFUSED):
        return
    council = Organisation.objects.for_email(email)
    with transaction.atomic():
        if council is not None:
            user.organisation = council
            user.status = User.Status.CONFIRMED
            user.decided_at = timezone.now()
            user.save(update_fields=["organisation", "status", "decided_at"])
            return
        user.status = User.Status.PENDING
        user.save(update_fields=["status"])
        notify(
            recipients=deciders_for(user),
            kind="membership.request",
            title=f"{user.name or user.email} asks to join the network",
            url=reverse("members:requests"),
        )


def deciders_for(person) -> list:
    """Who hears of a request: its organisation's leads, or editors when there is no lead."""
    if person.organisation_id is not None:
        leads = list(User.objects.council_leads(person.organisation).exclude(pk=person.pk))
        if leads:
            return leads
    return list(User.objects.network_editors().exclude(pk=person.pk))


def _decide(*, actor, person, status: str, reason: str = "") -> None:
    if not can_decide_membership(actor, person):
        raise PermissionDenied("You cannot decide on this person's membership.")
    already = ValidationError("This request has already been decided.")
    if person.status != User.Status.PENDING:
        raise already
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=person.pk)
        if locked.status != User.Status.PENDING:
            raise already
        locked.status = status
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_by", "decided_at"])
        person.status, person.decided_by, person.decided_at = status, actor, locked.decided_at
        confirmed = status == User.Status.CONFIRMED
        log(
            instance=locked,
            action=CONFIRM_ACTION if confirmed else REFUSE_ACTION,
            user=actor,
            data={
                "organisation": str(locked.organisation or "Individual affiliate"),
                "reason": reason,
            },
        )
        template = "confirmed" if confirmed else "refused"
        context = {"person": person, "reason": reason}
        subject = render_to_string(
            f"members/email/membership_{template}_subject.txt", context
        ).strip()
        body = render_to_string(f"members/email/membership_{template}.txt", context)
        transaction.on_commit(
            lambda: send_transactional_email.enqueue(subject=subject, body=body, to=[person.email])
        )


def membership_confirm(*, actor, person) -> None:
    _decide(actor=actor, person=person, status=User.Status.CONFIRMED)


def membership_refuse(*, actor, person, reason: str = "") -> None:
    reason = clean_text(reason, field="reason", label="the reason", max_length=2000, required=False)
    _decide(actor=actor, person=person, status=User.Status.REFUSED, reason=reason)


DECIDED = {
    "confirm": "{person} is now a confirmed member.",
    "refuse": "{person}'s request has been refused.",
}


def membership_decide(*, actor, person, decision: str, reason: str = "") -> str:
    """Confirm or refuse (the site's and the admin's buttons); the sentence saying it is done."""
    if decision == "confirm":
        membership_confirm(actor=actor, person=person)
    elif decision == "refuse":
        membership_refuse(actor=actor, person=person, reason=reason)
    else:
        raise Http404("No such decision.")
    return DECIDED[decision].format(person=person)
