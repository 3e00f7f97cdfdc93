"""Offering placements: a council lead creates, edits and moves a placement between states."""

from dataclasses import dataclass
from datetime import date, time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from core.markdown import render_markdown
from core.themes import parse_themes
from core.validators import clean_text
from mentoring import permissions
from mentoring.models import Application, Format, Placement
from mentoring.services.common import gather, limit_posting, today
from notifications.services import notify

TITLE_MAX = 200
DESCRIPTION_MAX = 10000
PLACE_MAX = 200


@dataclass
class PlacementDetails:
    title: str
    description: str
    host_officer: object
    themes: list | str = ()
    format: str = Format.IN_PERSON
    place: str = ""
    flexible: bool = False
    start_date: date | None = None
    end_date: date | None = None
    day_starts: time | None = None
    day_ends: time | None = None
    places: int = 1
    closing_date: date | None = None
    state: str = Placement.State.OPEN


# Where a placement may go from each state. Completed is final, and a placement
# goes back to draft only while nobody has a live application (see _check_transition).
PLACEMENT_TRANSITIONS = {
    Placement.State.DRAFT: (Placement.State.OPEN,),
    Placement.State.OPEN: (
        Placement.State.CLOSED, Placement.State.COMPLETED, Placement.State.DRAFT,
    ),
    Placement.State.CLOSED: (
        Placement.State.OPEN, Placement.State.COMPLETED, Placement.State.DRAFT,
    ),
    Placement.State.COMPLETED: (),
}  # fmt: skip
NEW_PLACEMENT_STATES = (Placement.State.DRAFT, Placement.State.OPEN)


def next_states(placement: Placement) -> list[str]:
    """The states this placement may move to now."""
    states = list(PLACEMENT_TRANSITIONS[placement.state])
    if Placement.State.DRAFT in states and placement.applications.live().exists():
        states.remove(Placement.State.DRAFT)
    return states


def _check_transition(placement: Placement, state: str) -> None:
    """Refuse a change of state that PLACEMENT_TRANSITIONS does not allow."""
    old = placement.state
    if old == Placement.State.COMPLETED:
        raise ValidationError({"state": "A completed placement is final; its state cannot change."})
    if state not in PLACEMENT_TRANSITIONS[old]:
        raise ValidationError({"state": f"A placement cannot go from {old} to {state}."})
    if state == Placement.State.DRAFT and placement.applications.live().exists():
        raise ValidationError(
            {
                "state": "This placement has live applications, so it cannot go back to draft; "
                "close it instead."
            }
        )


def _log_state_change(placement: Placement, old: str, new: str, actor) -> None:
    log(instance=placement, action="mentoring.state", user=actor, data={"from": old, "to": new})


def _validate_details(details: PlacementDetails, *, council, is_new: bool) -> dict:
    """Every problem with the details at once, as field -> messages."""
    errors: dict[str, list[str]] = {}

    def refuse(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    gather(
        errors, clean_text, details.title, field="title", label="the title", max_length=TITLE_MAX
    )
    gather(
        errors, clean_text, details.description, field="description",
        label="what the visitor will see and do", max_length=DESCRIPTION_MAX,
    )  # fmt: skip
    gather(
        errors, clean_text, details.place, field="place", label="the place",
        max_length=PLACE_MAX, required=False,
    )  # fmt: skip
    if details.host_officer is None or details.host_officer.organisation_id != council.pk:
        refuse("host_officer", "The host officer must be a member of your council.")
    if details.format not in Format.values:
        refuse("format", "Choose in person, online or hybrid.")
    if details.places is None or int(details.places) < 1:
        refuse("places", "A placement needs at least one place.")
    elif int(details.places) > 100:
        refuse("places", "A placement can have at most 100 places.")
    if details.closing_date is None:
        refuse("closing_date", "Give a closing date for applications.")
    elif is_new and details.closing_date < today():
        refuse("closing_date", "The closing date cannot be in the past.")
    if details.flexible:
        if details.end_date and not details.start_date:
            refuse("start_date", "Give a start date as well as an end date, or leave both empty.")
    elif details.start_date is None or details.end_date is None:
        refuse(
            "start_date" if details.start_date is None else "end_date",
            "Give the start and end dates, or tick 'dates are flexible'.",
        )
    if details.start_date and details.end_date and details.end_date < details.start_date:
        refuse("end_date", "The placement cannot end before it starts.")
    if bool(details.day_starts) != bool(details.day_ends):
        refuse("day_ends", "Give both the daily start and end times, or neither.")
    elif (
        details.day_starts
        and details.start_date == (details.end_date or details.start_date)
        and details.day_ends <= details.day_starts
    ):
        refuse("day_ends", "The day cannot end before it starts.")
    if details.state not in Placement.State.values:
        refuse("state", "Choose a valid state.")
    elif is_new and details.state not in NEW_PLACEMENT_STATES:
        refuse("state", "A new placement starts as a draft or open.")
    return errors


def placement_create(*, actor, details: PlacementDetails) -> Placement:
    """A council lead offers a placement for their own council."""
    if not permissions.can_offer_placement(actor):
        raise PermissionDenied("Only a council's lead can offer placements.")
    council = actor.organisation
    errors = _validate_details(details, council=council, is_new=True)
    themes = gather(errors, parse_themes, details.themes)
    if errors:
        raise ValidationError(errors)
    limit_posting(actor)
    description = details.description.strip()
    with transaction.atomic():
        placement = Placement.objects.create(
            host_council=council,
            host_officer=details.host_officer,
            created_by=actor,
            title=details.title.strip(),
            description=description,
            description_html=render_markdown(description),
            format=details.format,
            place=(details.place or "").strip()[:PLACE_MAX],
            flexible=details.flexible,
            start_date=details.start_date,
            end_date=details.end_date,
            day_starts=details.day_starts,
            day_ends=details.day_ends,
            places=int(details.places),
            closing_date=details.closing_date,
            state=details.state,
        )
        placement.themes.set(themes)
        log(instance=placement, action="wagtail.create", user=actor)
        if placement.host_officer_id != actor.pk:
            notify(
                recipients=[placement.host_officer],
                kind="mentoring.placement",
                title=f"You are hosting the placement “{placement.title}”",
                url=placement.get_absolute_url(),
                actor=actor,
            )
    return placement


def placement_update(*, actor, placement: Placement, details: PlacementDetails) -> Placement:
    """The host council's lead edits a placement; places never drop below those accepted."""
    if not permissions.can_run_placement(actor, placement):
        raise PermissionDenied("Only the host council's lead can change this placement.")
    errors = _validate_details(details, council=placement.host_council, is_new=False)
    themes = gather(errors, parse_themes, details.themes)
    if errors:
        raise ValidationError(errors)
    # An edit counts as a post: the same interval and rate as offering one.
    limit_posting(actor)
    with transaction.atomic():
        locked = Placement.objects.select_for_update().get(pk=placement.pk)
        accepted = locked.applications.filter(state=Application.State.ACCEPTED).count()
        if int(details.places) < accepted:
            raise ValidationError(
                {
                    "places": f"{accepted} visitors are already accepted; "
                    f"keep at least {accepted} places."
                }
            )
        old_state = locked.state
        if details.state != old_state:
            _check_transition(locked, details.state)
        for field in (
            "host_officer", "format", "flexible", "start_date", "end_date", "day_starts",
            "day_ends", "closing_date", "state",
        ):  # fmt: skip
            setattr(locked, field, getattr(details, field))
        locked.title = details.title.strip()
        locked.description = details.description.strip()
        locked.description_html = render_markdown(locked.description)
        locked.place = (details.place or "").strip()[:PLACE_MAX]
        locked.places = int(details.places)
        locked.save()
        locked.themes.set(themes)
        log(instance=locked, action="wagtail.edit", user=actor)
        if locked.state != old_state:
            _log_state_change(locked, old_state, locked.state, actor)
    return locked


def placement_set_state(*, actor, placement: Placement, state: str) -> Placement:
    """Move a placement along PLACEMENT_TRANSITIONS; anything else is refused."""
    if not permissions.can_run_placement(actor, placement):
        raise PermissionDenied("Only the host council's lead can change this placement.")
    if state not in Placement.State.values:
        raise ValidationError({"state": "Choose a valid state."})
    with transaction.atomic():
        locked = Placement.objects.select_for_update().get(pk=placement.pk)
        if locked.state == state:
            raise ValidationError(
                {"state": f"The placement is already {locked.get_state_display().lower()}."}
            )
        _check_transition(locked, state)
        Placement.objects.filter(pk=placement.pk).update(state=state, updated_at=timezone.now())
        _log_state_change(locked, locked.state, state, actor)
    placement.state = state
    return placement
