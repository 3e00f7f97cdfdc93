"""Mentoring: offers to mentor, requests for a mentor, and the pairs between them."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.themes import parse_themes
from core.validators import clean_text
from mentoring import permissions
from mentoring.models import NOTE_MAX, Format, MentoringRequest, MentorOffer, Mentorship
from mentoring.services.common import gather, limit_posting
from notifications.services import notify

CAPACITY_MAX = 20
OFFER_NOTE_MAX = 500
MESSAGE_MAX = 1000


def mentor_offer_save(
    *, mentor, themes, capacity: int, format: str, note: str = "", is_open: bool = True
) -> MentorOffer:
    """Create or update a member's offer to mentor."""
    if not permissions.is_member(mentor):
        raise PermissionDenied("Only confirmed members can offer to mentor.")
    errors: dict[str, list[str]] = {}
    themes = gather(errors, parse_themes, themes)
    if themes == []:
        errors["themes"] = ["Give at least one theme you can mentor on."]
    if capacity is None or not 1 <= int(capacity) <= CAPACITY_MAX:
        errors["capacity"] = [f"Capacity must be between 1 and {CAPACITY_MAX} mentees."]
    if format not in Format.values:
        errors["format"] = ["Choose in person, online or hybrid."]
    note = gather(
        errors, clean_text, note, field="note", label="the note", max_length=OFFER_NOTE_MAX,
        required=False,
    )  # fmt: skip
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        offer, _ = MentorOffer.objects.update_or_create(
            mentor=mentor,
            defaults={
                "capacity": int(capacity), "format": format, "note": note, "is_open": is_open,
            },
        )  # fmt: skip
        offer.themes.set(themes)
    return offer


def mentoring_request_create(*, mentee, goals: str, themes) -> MentoringRequest:
    """A member asks for a mentor: their goals and the themes to match mentors on."""
    if not permissions.is_member(mentee):
        raise PermissionDenied("Only confirmed members can ask for a mentor.")
    errors: dict[str, list[str]] = {}
    goals = gather(
        errors, clean_text, goals, field="goals", label="your goals", max_length=NOTE_MAX
    )
    themes = gather(errors, parse_themes, themes)
    if themes == []:
        errors["themes"] = ["Give at least one theme, so we can suggest mentors."]
    if errors:
        raise ValidationError(errors)
    limit_posting(mentee)
    with transaction.atomic():
        request = MentoringRequest.objects.create(mentee=mentee, goals=goals)
        request.themes.set(themes)
    return request


def mentorship_ask(
    *, actor, mentoring_request: MentoringRequest, offer: MentorOffer, message: str = ""
) -> Mentorship:
    """Send a request to one mentor the mentee may ask (MentorOffer.objects.eligible_for)."""
    if not permissions.is_member(actor):
        raise PermissionDenied("Only confirmed members can ask for a mentor.")
    if actor.pk != mentoring_request.mentee_id:
        raise PermissionDenied("Only the mentee can send this request.")
    if not mentoring_request.is_open:
        raise ValidationError("This request for a mentor is closed.")
    message = clean_text(
        message, field="message", label="the message", max_length=MESSAGE_MAX, required=False
    )
    mentor = offer.mentor
    try:
        with transaction.atomic():
            # Lock the offer so its free capacity holds until the request is saved.
            locked = MentorOffer.objects.select_for_update().get(pk=offer.pk)
            refusal = MentorOffer.objects.refusal_for(locked, mentoring_request)
            if refusal:
                raise ValidationError(refusal)
            mentorship = Mentorship.objects.create(
                request=mentoring_request, offer=locked, message=message
            )
            notify(
                recipients=[mentor],
                kind="mentoring.mentorship",
                title=f"{actor} asks you to be their mentor",
                url=mentoring_request.get_absolute_url(),
                body=mentoring_request.goals[:500],
                actor=actor,
            )
    except IntegrityError as error:
        raise ValidationError("You have already asked this mentor.") from error
    return mentorship


def mentorship_decide(*, actor, mentorship: Mentorship, accept: bool) -> Mentorship:
    """The mentor accepts or declines a request sent to them."""
    if actor.pk != mentorship.offer.mentor_id:
        raise PermissionDenied("Only the mentor can answer this request.")
    with transaction.atomic():
        current = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
        if current.state != Mentorship.State.REQUESTED:
            raise ValidationError("This request has already been answered.")
        current.state = Mentorship.State.ACTIVE if accept else Mentorship.State.DECLINED
        current.decided_at = timezone.now()
        current.save(update_fields=["state", "decided_at"])
        notify(
            recipients=[mentorship.request.mentee],
            kind="mentoring.mentorship",
            title=f"{actor} {'accepted' if accept else 'declined'} your mentoring request",
            url=mentorship.request.get_absolute_url(),
            actor=actor,
        )
        notify(
            recipients=[actor],
            kind="mentoring.mentorship",
            title=f"You {'accepted' if accept else 'declined'} {mentorship.request.mentee}",
            url=mentorship.request.get_absolute_url(),
        )
    return current


def mentorship_close(*, actor, mentorship: Mentorship, feedback: str = "") -> Mentorship:
    """Either side closes an active pair, with short feedback."""
    is_mentor = actor.pk == mentorship.offer.mentor_id
    if not (is_mentor or actor.pk == mentorship.request.mentee_id):
        raise PermissionDenied("Only the mentor and mentee can close this pair.")
    feedback = clean_text(
        feedback, field="feedback", label="the feedback", max_length=NOTE_MAX, required=False
    )
    with transaction.atomic():
        current = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
        if current.state != Mentorship.State.ACTIVE:
            raise ValidationError("Only an active pair can be closed.")
        current.state = Mentorship.State.CLOSED
        current.closed_at = timezone.now()
        if is_mentor:
            current.mentor_feedback = feedback
        else:
            current.mentee_feedback = feedback
        current.save()
        other = mentorship.request.mentee if is_mentor else mentorship.offer.mentor
        notify(
            recipients=[other],
            kind="mentoring.mentorship",
            title=f"{actor} closed your mentoring pair",
            url=mentorship.request.get_absolute_url(),
            body=feedback[:500],
            actor=actor,
        )
    return current
