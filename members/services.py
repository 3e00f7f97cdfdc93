"""Membership: what happens when someone verifies their address, and decisions on them."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from notifications.services import notify
from notifications.tasks import send_transactional_email
from members.models import Organisation
from members.permissions import COUNCIL_LEADS, can_decide_membership

User = get_user_model()


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
        _tell_deciders_about(user)


def _tell_deciders_about(person) -> None:
    deciders = User.objects.filter(is_active=True)
    if person.organisation_id:
        deciders = deciders.filter(
            groups__name=COUNCIL_LEADS,
            organisation_id=person.organisation_id,
            status=User.Status.CONFIRMED,
        )
    else:
        deciders = deciders.filter(is_superuser=True)
    notify(
        recipients=list(deciders),
        kind="membership.request",
        title=f"{person.name or person.email} asks to join the network",
        url="/members/requests/",
    )


def _decide(*, actor, person, status: str, reason: str = "") -> None:
    if not can_decide_membership(actor, person):
        raise PermissionDenied("You cannot decide on this person's membership.")
    if person.status != User.Status.PENDING:
        raise ValidationError("This request has already been decided.")
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=person.pk)
        if locked.status != User.Status.PENDING:
            raise ValidationError("This request has already been decided.")
        locked.status = status
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_by", "decided_at"])
        person.status, person.decided_by, person.decided_at = (
            locked.status,
            actor,
            locked.decided_at,
        )
        template = "confirmed" if status == User.Status.CONFIRMED else "refused"
        context = {"person": person, "reason": reason.strip()}
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
    if len(reason) > 2000:
        raise ValidationError("Keep the reason under 2,000 characters.")
    _decide(actor=actor, person=person, status=User.Status.REFUSED, reason=reason)


def profile_update(
    *, user, name: str, job_title: str, bio: str, expertise: list[str], email_frequency: str
) -> None:
    with transaction.atomic():
        user.name = name
        user.job_title = job_title
        user.bio = bio
        user.email_frequency = email_frequency
        user.save(update_fields=["name", "job_title", "bio", "email_frequency"])
        user.expertise.set(expertise, clear=True)
