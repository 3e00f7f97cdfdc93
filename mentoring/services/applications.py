"""Applications: an officer applies or withdraws; the host lead decides, never past the places."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from core.markdown import render_markdown
from core.validators import clean_text
from mentoring import permissions
from mentoring.models import NOTE_MAX, STATEMENT_MAX, Application, Placement
from mentoring.services.common import host_people, limit_posting
from notifications.services import notify

FULL_MESSAGE = "Every place on this placement is taken. Decline or withdraw someone first."
PREFERRED_DATES_MAX = 300

DECISIONS = {
    "accept": Application.State.ACCEPTED,
    "decline": Application.State.DECLINED,
    "waitlist": Application.State.WAITLISTED,
}
_ALLOWED_FROM = {
    Application.State.ACCEPTED: (Application.State.PENDING, Application.State.WAITLISTED),
    Application.State.WAITLISTED: (Application.State.PENDING,),
    Application.State.DECLINED: (
        Application.State.PENDING,
        Application.State.WAITLISTED,
        Application.State.ACCEPTED,
    ),
}


def application_submit(
    *, placement: Placement, applicant, statement: str, preferred_dates: str = ""
) -> Application:
    """An officer of another council applies; one live application per officer."""
    if not permissions.is_member(applicant):
        raise PermissionDenied("Only confirmed members can apply for placements.")
    if not permissions.can_apply(applicant, placement):
        raise PermissionDenied("You cannot apply for a placement offered by your own council.")
    statement = clean_text(
        statement, field="statement", label="your statement", max_length=STATEMENT_MAX
    )
    preferred_dates = clean_text(
        preferred_dates, field="preferred_dates", label="the preferred dates",
        max_length=PREFERRED_DATES_MAX, required=False,
    )  # fmt: skip
    refusal = permissions.apply_refusal(applicant, placement)
    if refusal:
        raise ValidationError(refusal)
    limit_posting(applicant)
    try:
        with transaction.atomic():
            application = Application.objects.create(
                placement=placement,
                applicant=applicant,
                statement=statement,
                statement_html=render_markdown(statement),
                preferred_dates=preferred_dates,
            )
            notify(
                recipients=host_people(placement),
                kind="mentoring.application",
                title=f"{applicant} applied for “{placement.title}”",
                url=application.get_absolute_url(),
                body=statement[:500],
                actor=applicant,
            )
            notify(
                recipients=[applicant],
                kind="mentoring.application",
                title=f"Your application for “{placement.title}” has been sent",
                url=application.get_absolute_url(),
            )
    except IntegrityError as error:
        # A double submit that raced past the check above.
        raise ValidationError("You have already applied for this placement.") from error
    return application


def _tell_host_who_is_waiting(placement: Placement, freed_by) -> None:
    waiting = list(
        placement.applications.filter(
            state__in=[Application.State.WAITLISTED, Application.State.PENDING]
        ).select_related("applicant")
    )
    names = ", ".join(str(a.applicant) for a in waiting) or "nobody"
    notify(
        recipients=host_people(placement),
        kind="mentoring.place_freed",
        title=f"A place is free on “{placement.title}”",
        url=placement.get_absolute_url() + "#applications",
        body=f"Waiting: {names}.",
        actor=freed_by,
    )


def application_decide(*, actor, application: Application, decision: str, note: str = ""):
    """The host council's lead accepts, declines or waitlists; never past the places."""
    if decision not in DECISIONS:
        raise ValidationError({"decision": "Choose accept, decline or waitlist."})
    placement = application.placement
    if not permissions.can_run_placement(actor, placement):
        raise PermissionDenied("Only the host council's lead decides on applications.")
    note = clean_text(note, field="note", label="the note", max_length=NOTE_MAX, required=False)
    new_state = DECISIONS[decision]
    with transaction.atomic():
        # Lock the placement row: every decision on it queues here, so the count
        # below is the truth for as long as this transaction lasts.
        locked = Placement.objects.select_for_update().get(pk=placement.pk)
        current = Application.objects.select_for_update().get(pk=application.pk)
        current.placement = locked
        if current.state == new_state:
            raise ValidationError(
                f"This application is already {current.get_state_display().lower()}."
            )
        if current.state not in _ALLOWED_FROM[new_state]:
            raise ValidationError(
                f"This application is {current.get_state_display().lower()}; "
                "it can no longer be changed."
            )
        if new_state == Application.State.ACCEPTED:
            if locked.state == Placement.State.DRAFT:
                raise ValidationError("Open the placement before accepting visitors.")
            accepted = locked.applications.filter(state=Application.State.ACCEPTED).count()
            if accepted >= locked.places:
                raise ValidationError(FULL_MESSAGE)
        old_state = current.state
        freed = old_state == Application.State.ACCEPTED
        current.state = new_state
        current.decision_note = note
        current.decided_by = actor
        current.decided_at = timezone.now()
        current.save(update_fields=["state", "decision_note", "decided_by", "decided_at"])
        log(
            instance=current,
            action=f"mentoring.{decision}",
            user=actor,
            data={"placement": locked.pk, "from": old_state, "note": note},
        )
        titles = {
            Application.State.ACCEPTED: f"You have a place on “{locked.title}”",
            Application.State.DECLINED: f"Your application for “{locked.title}” was declined",
            Application.State.WAITLISTED: f"You are on the waiting list for “{locked.title}”",
        }
        notify(
            recipients=[current.applicant],
            kind="mentoring.decision",
            title=titles[new_state],
            url=current.get_absolute_url(),
            body=note,
            actor=actor,
        )
        notify(
            recipients=host_people(locked),
            kind="mentoring.decision",
            title=f"{current.applicant}: {current.get_state_display().lower()} "
            f"for “{locked.title}”",
            url=current.get_absolute_url(),
            actor=actor,
        )
        if freed:
            _tell_host_who_is_waiting(locked, actor)
    application.state = current.state
    return current


def application_withdraw(*, actor, application: Application) -> Application:
    """The applicant withdraws; an accepted place becomes free."""
    if actor.pk != application.applicant_id:
        raise PermissionDenied("Only the applicant can withdraw an application.")
    with transaction.atomic():
        locked = Placement.objects.select_for_update().get(pk=application.placement_id)
        current = Application.objects.select_for_update().get(pk=application.pk)
        current.placement = locked
        if not current.is_live:
            raise ValidationError("This application has already been closed.")
        old_state = current.state
        freed = old_state == Application.State.ACCEPTED
        current.state = Application.State.WITHDRAWN
        current.save(update_fields=["state"])
        log(
            instance=current,
            action="mentoring.withdraw",
            user=actor,
            data={"placement": locked.pk, "from": old_state},
        )
        notify(
            recipients=host_people(locked),
            kind="mentoring.withdrawal",
            title=f"{actor} withdrew from “{locked.title}”",
            url=current.get_absolute_url(),
            actor=actor,
        )
        notify(
            recipients=[actor],
            kind="mentoring.withdrawal",
            title=f"You withdrew from “{locked.title}”",
            url=current.get_absolute_url(),
        )
        if freed:
            _tell_host_who_is_waiting(locked, actor)
    application.state = current.state
    return current
