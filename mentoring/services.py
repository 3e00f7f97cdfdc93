"""Writes for placements, applications, feedback, calendar feeds and mentoring.

Every step is notified to both sides through core.services.notify (in-site,
plus email by each member's preference). The reminder before a placement
starts is a direct email, since it is only useful on time.
"""

from dataclasses import dataclass
from datetime import date, time, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from core import ratelimit
from core.markdown import render_markdown
from core.services import notify
from mentoring import permissions
from mentoring.models import (
    NOTE_MAX,
    STATEMENT_MAX,
    Application,
    CalendarFeed,
    Feedback,
    Format,
    MentoringRequest,
    MentorOffer,
    Mentorship,
    Placement,
    new_feed_token,
)

FULL_MESSAGE = "Every place on this placement is taken. Decline or withdraw someone first."
REMINDER_DAYS = 3


def _today() -> date:
    return timezone.localdate()


def _clean_themes(themes) -> list[str]:
    if isinstance(themes, str):
        themes = themes.split(",")
    names = []
    for name in themes or []:
        name = str(name).strip()
        if name and name.lower() not in {n.lower() for n in names}:
            if len(name) > 100:
                raise ValidationError("Keep each theme under 100 characters.")
            names.append(name)
    if len(names) > 10:
        raise ValidationError("Choose at most 10 themes.")
    return names


def _require_text(value: str, label: str, maximum: int) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(f"Write the {label}.")
    if len(value) > maximum:
        raise ValidationError(f"Keep the {label} under {maximum:,} characters.")
    return value


def _host_people(placement) -> list:
    from django.contrib.auth import get_user_model

    from members.permissions import COUNCIL_LEADS

    leads = get_user_model().objects.filter(
        organisation_id=placement.host_council_id, groups__name=COUNCIL_LEADS, is_active=True
    )
    return [placement.host_officer, *leads]


# Placements ----------------------------------------------------------------


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
        raise ValidationError("A completed placement is final; its state cannot change.")
    if state not in PLACEMENT_TRANSITIONS[old]:
        raise ValidationError(f"A placement cannot go from {old} to {state}.")
    if state == Placement.State.DRAFT and placement.applications.live().exists():
        raise ValidationError(
            "This placement has live applications, so it cannot go back to draft; close it instead."
        )


def _validate_details(details: PlacementDetails, *, council, is_new: bool) -> list[str]:
    errors = []
    title = (details.title or "").strip()
    if not title or len(title) > 200:
        errors.append("Give the placement a title of up to 200 characters.")
    description = (details.description or "").strip()
    if not description or len(description) > 10000:
        errors.append("Describe what the visitor will see and do, in up to 10,000 characters.")
    if details.host_officer is None or details.host_officer.organisation_id != council.pk:
        errors.append("The host officer must be a member of your council.")
    if details.format not in Format.values:
        errors.append("Choose in person, online or hybrid.")
    if details.places is None or int(details.places) < 1:
        errors.append("A placement needs at least one place.")
    elif int(details.places) > 100:
        errors.append("A placement can have at most 100 places.")
    if details.closing_date is None:
        errors.append("Give a closing date for applications.")
    elif is_new and details.closing_date < _today():
        errors.append("The closing date cannot be in the past.")
    if details.flexible:
        if details.end_date and not details.start_date:
            errors.append("Give a start date as well as an end date, or leave both empty.")
    elif details.start_date is None or details.end_date is None:
        errors.append("Give the start and end dates, or tick 'dates are flexible'.")
    if details.start_date and details.end_date and details.end_date < details.start_date:
        errors.append("The placement cannot end before it starts.")
    if bool(details.day_starts) != bool(details.day_ends):
        errors.append("Give both the daily start and end times, or neither.")
    elif (
        details.day_starts
        and details.start_date == (details.end_date or details.start_date)
        and details.day_ends <= details.day_starts
    ):
        errors.append("The day cannot end before it starts.")
    if details.state not in Placement.State.values:
        errors.append("Choose a valid state.")
    return errors


def placement_create(*, actor, details: PlacementDetails) -> Placement:
    """A council lead offers a placement for their own council."""
    if not permissions.can_offer_placement(actor):
        raise PermissionDenied("Only a council's lead can offer placements.")
    council = actor.organisation
    themes = _clean_themes(details.themes)
    errors = _validate_details(details, council=council, is_new=True)
    if details.state in Placement.State.values and details.state not in NEW_PLACEMENT_STATES:
        errors.append("A new placement starts as a draft or open.")
    if errors:
        raise ValidationError(errors)
    ratelimit.enforce(f"mentoring-post:{actor.pk}", settings.HUB_POST_RATE)
    with transaction.atomic():
        placement = Placement.objects.create(
            host_council=council,
            host_officer=details.host_officer,
            created_by=actor,
            title=details.title.strip(),
            description=details.description.strip(),
            description_html=render_markdown(details.description.strip()),
            format=details.format,
            place=(details.place or "").strip()[:200],
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
    themes = _clean_themes(details.themes)
    errors = _validate_details(details, council=placement.host_council, is_new=False)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Placement.objects.select_for_update().get(pk=placement.pk)
        accepted = locked.applications.filter(state=Application.State.ACCEPTED).count()
        if int(details.places) < accepted:
            raise ValidationError(
                f"{accepted} visitors are already accepted; keep at least {accepted} places."
            )
        if details.state != locked.state:
            _check_transition(locked, details.state)
        for field in (
            "host_officer", "format", "flexible", "start_date", "end_date", "day_starts",
            "day_ends", "closing_date", "state",
        ):  # fmt: skip
            setattr(locked, field, getattr(details, field))
        locked.title = details.title.strip()
        locked.description = details.description.strip()
        locked.description_html = render_markdown(locked.description)
        locked.place = (details.place or "").strip()[:200]
        locked.places = int(details.places)
        locked.save()
        locked.themes.set(themes)
    return locked


def placement_set_state(*, actor, placement: Placement, state: str) -> Placement:
    """Move a placement along PLACEMENT_TRANSITIONS; anything else is refused."""
    if not permissions.can_run_placement(actor, placement):
        raise PermissionDenied("Only the host council's lead can change this placement.")
    if state not in Placement.State.values:
        raise ValidationError("Choose a valid state.")
    with transaction.atomic():
        locked = Placement.objects.select_for_update().get(pk=placement.pk)
        if locked.state == state:
            raise ValidationError(f"The placement is already {locked.get_state_display().lower()}.")
        _check_transition(locked, state)
        Placement.objects.filter(pk=placement.pk).update(state=state, updated_at=timezone.now())
    placement.state = state
    return placement


# Applications ----------------------------------------------------------------


def application_submit(
    *, placement: Placement, applicant, statement: str, preferred_dates: str = ""
) -> Application:
    """An officer of another council applies; one live application per officer."""
    if not permissions.is_member(applicant):
        raise PermissionDenied("Only confirmed members can apply for placements.")
    if not permissions.can_apply(applicant, placement):
        raise PermissionDenied("You cannot apply for a placement offered by your own council.")
    statement = _require_text(statement, "statement", STATEMENT_MAX)
    preferred_dates = (preferred_dates or "").strip()
    if len(preferred_dates) > 300:
        raise ValidationError("Keep the preferred dates under 300 characters.")
    refusal = permissions.apply_refusal(applicant, placement)
    if refusal:
        raise ValidationError(refusal)
    ratelimit.enforce(f"mentoring-post:{applicant.pk}", settings.HUB_POST_RATE)
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
                recipients=_host_people(placement),
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


def _tell_host_who_is_waiting(placement: Placement, freed_by) -> None:
    waiting = list(
        placement.applications.filter(
            state__in=[Application.State.WAITLISTED, Application.State.PENDING]
        ).select_related("applicant")
    )
    names = ", ".join(str(a.applicant) for a in waiting) or "nobody"
    notify(
        recipients=_host_people(placement),
        kind="mentoring.place_freed",
        title=f"A place is free on “{placement.title}”",
        url=placement.get_absolute_url() + "#applications",
        body=f"Waiting: {names}.",
        actor=freed_by,
    )


def application_decide(*, actor, application: Application, decision: str, note: str = ""):
    """The host council's lead accepts, declines or waitlists; never past the places."""
    if decision not in DECISIONS:
        raise ValidationError("Choose accept, decline or waitlist.")
    placement = application.placement
    if not permissions.can_run_placement(actor, placement):
        raise PermissionDenied("Only the host council's lead decides on applications.")
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationError(f"Keep the note under {NOTE_MAX:,} characters.")
    new_state = DECISIONS[decision]
    with transaction.atomic():
        # Lock the placement row: every decision on it queues here, so the count
        # below is the truth for as long as this transaction lasts.
        locked = Placement.objects.select_for_update().get(pk=placement.pk)
        current = Application.objects.select_for_update().get(pk=application.pk)
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
        freed = current.state == Application.State.ACCEPTED
        current.state = new_state
        current.decision_note = note
        current.decided_by = actor
        current.decided_at = timezone.now()
        current.save(update_fields=["state", "decision_note", "decided_by", "decided_at"])
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
            recipients=_host_people(locked),
            kind="mentoring.decision",
            title=f"{current.applicant}: {current.get_state_display().lower()} "
            f"for “{locked.title}”",
            url=current.get_absolute_url(),
            actor=actor,
        )
        if freed:
            _tell_host_who_is_waiting(locked, actor)
    current.placement = locked
    application.state = current.state
    return current


def application_withdraw(*, actor, application: Application) -> Application:
    """The applicant withdraws; an accepted place becomes free."""
    if actor.pk != application.applicant_id:
        raise PermissionDenied("Only the applicant can withdraw an application.")
    with transaction.atomic():
        locked = Placement.objects.select_for_update().get(pk=application.placement_id)
        current = Application.objects.select_for_update().get(pk=application.pk)
        if not current.is_live:
            raise ValidationError("This application has already been closed.")
        freed = current.state == Application.State.ACCEPTED
        current.state = Application.State.WITHDRAWN
        current.save(update_fields=["state"])
        notify(
            recipients=_host_people(locked),
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
    current.placement = locked
    application.state = current.state
    return current


placement_has_happened = permissions.placement_has_happened


def feedback_give(*, actor, application: Application, body: str) -> Feedback:
    """After the placement, the visitor and the host side each leave short feedback."""
    placement = application.placement
    side = permissions.feedback_side(actor, application)
    if side is None:
        raise PermissionDenied("Only the visitor and the host can give feedback.")
    refusal = permissions.feedback_refusal(application, side)
    if refusal:
        raise ValidationError(refusal)
    body = _require_text(body, "feedback", NOTE_MAX)
    try:
        with transaction.atomic():
            feedback = Feedback.objects.create(
                application=application,
                author=actor,
                side=side,
                body=body,
                body_html=render_markdown(body),
            )
            other = (
                _host_people(placement) if side == Feedback.Side.VISITOR
                else [application.applicant]
            )  # fmt: skip
            notify(
                recipients=other,
                kind="mentoring.feedback",
                title=f"{actor} left feedback on “{placement.title}”",
                url=application.get_absolute_url(),
                actor=actor,
            )
    except IntegrityError as error:
        raise ValidationError("Feedback from this side has already been given.") from error
    return feedback


def _library_index():
    from cms.models import LibraryIndexPage

    library = LibraryIndexPage.objects.order_by("path").first()
    if library is not None:
        return library
    from cms.demo import home_page

    library = LibraryIndexPage(title="Library", slug="library")
    home_page().add_child(instance=library)
    library.save_revision().publish()
    return library


def placement_to_case_study(*, actor, placement: Placement):
    """Turn a completed placement and its feedback into a draft case study."""
    from cms.models import CaseStudyPage

    if not permissions.is_host_side(actor, placement):
        raise PermissionDenied("Only the host can turn a placement into a case study.")
    if not placement_has_happened(placement):
        raise ValidationError("A case study can be drafted once the placement has taken place.")
    with transaction.atomic():
        locked = Placement.objects.select_for_update().get(pk=placement.pk)
        if locked.case_study_id and CaseStudyPage.objects.filter(pk=locked.case_study_id).exists():
            return locked.case_study
        feedback = Feedback.objects.filter(application__placement=locked).select_related(
            "application__applicant", "author"
        )
        outcomes = "".join(
            f"<h3>{'Visitor' if f.side == Feedback.Side.VISITOR else 'Host'}: "
            f"{f.author or 'former member'}</h3>{f.body_html}"
            for f in feedback
        )
        visitors = ", ".join(
            str(a.applicant)
            for a in locked.applications.filter(state=Application.State.ACCEPTED).select_related(
                "applicant"
            )
        )
        page = CaseStudyPage(
            title=f"Shadowing at {locked.host_council.name}: {locked.title}"[:255],
            council=locked.host_council,
            summary=f"A job-shadowing placement hosted by {locked.host_council.name}."[:300],
            challenge=locked.description_html,
            approach=f"<p>Visitors: {visitors or 'none recorded'}. "
            f"Format: {locked.get_format_display()}.</p>",
            outcomes=outcomes or "<p>No feedback was recorded.</p>",
            contact=str(locked.host_officer)[:200],
            live=False,
        )
        library = _library_index()
        library.add_child(instance=page)
        page.themes.set(list(locked.themes.names()))
        page.save_revision(user=actor)
        locked.case_study = page
        locked.save(update_fields=["case_study", "updated_at"])
    return page


def placement_reminders_send(*, today: date | None = None, days: int = REMINDER_DAYS) -> int:
    """Email accepted visitors and their hosts a few days before a placement starts, once."""
    today = today or _today()
    due = (
        Application.objects.filter(
            state=Application.State.ACCEPTED,
            reminded_at__isnull=True,
            placement__start_date__gte=today,
            placement__start_date__lte=today + timedelta(days=days),
        )
        .exclude(placement__state=Placement.State.DRAFT)
        .select_related("placement__host_council", "placement__host_officer", "applicant")
    )
    from mentoring.calendar import calendar_bytes

    sent = 0
    for application in due:
        with transaction.atomic():
            # Claim the row first so two cron runs never remind twice.
            claimed = Application.objects.filter(
                pk=application.pk, reminded_at__isnull=True
            ).update(reminded_at=timezone.now())
            if not claimed:
                continue
            placement = application.placement
            when = placement.start_date.strftime("%-d %B %Y")
            url = settings.SITE_URL.rstrip("/") + application.get_absolute_url()
            ics = calendar_bytes([application], placement.title)
            for person, line in (
                (application.applicant, f"Your shadowing placement at {placement.host_council}"),
                (placement.host_officer, f"{application.applicant} visits you"),
            ):
                if not person.email:
                    continue
                message = EmailMessage(
                    subject=f"[CCIN] Reminder: “{placement.title}” starts on {when}",
                    body=f"{line}, starting on {when}.\n\n"
                    f"Place: {placement.place or placement.get_format_display()}\n"
                    f"Details: {url}\n",
                    to=[person.email],
                )
                message.attach("placement.ics", ics, "text/calendar")
                transaction.on_commit(message.send)
            sent += 1
    return sent


# Calendar feeds ----------------------------------------------------------------


def calendar_feed_for(*, user) -> CalendarFeed:
    feed, _ = CalendarFeed.objects.get_or_create(user=user)
    return feed


def calendar_feed_regenerate(*, user) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    feed, created = CalendarFeed.objects.get_or_create(user=user)
    if not created:
        feed.token = new_feed_token()
        feed.save(update_fields=["token", "created_at"])
    return feed


def feed_applications(user):
    """Accepted placements the member visits or hosts, for their feed."""
    return (
        Application.objects.filter(state=Application.State.ACCEPTED)
        .filter(Q(applicant=user) | Q(placement__host_officer=user))
        .exclude(placement__state=Placement.State.DRAFT)
        .select_related("placement__host_council", "placement__host_officer", "applicant")
    )


# Mentoring -----------------------------------------------------------------------


def mentor_offer_save(
    *, mentor, themes, capacity: int, format: str, note: str = "", is_open: bool = True
) -> MentorOffer:
    """Create or update a member's offer to mentor."""
    if not permissions.is_member(mentor):
        raise PermissionDenied("Only confirmed members can offer to mentor.")
    themes = _clean_themes(themes)
    if not themes:
        raise ValidationError("Give at least one theme you can mentor on.")
    if capacity is None or int(capacity) < 1 or int(capacity) > 20:
        raise ValidationError("Capacity must be between 1 and 20 mentees.")
    if format not in Format.values:
        raise ValidationError("Choose in person, online or hybrid.")
    note = (note or "").strip()
    if len(note) > 500:
        raise ValidationError("Keep the note under 500 characters.")
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
    if not permissions.is_member(mentee):
        raise PermissionDenied("Only confirmed members can ask for a mentor.")
    goals = _require_text(goals, "goals", NOTE_MAX)
    themes = _clean_themes(themes)
    if not themes:
        raise ValidationError("Give at least one theme, so we can suggest mentors.")
    ratelimit.enforce(f"mentoring-post:{mentee.pk}", settings.HUB_POST_RATE)
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
    message = (message or "").strip()
    if len(message) > 1000:
        raise ValidationError("Keep the message under 1,000 characters.")
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
    feedback = (feedback or "").strip()
    if len(feedback) > NOTE_MAX:
        raise ValidationError(f"Keep the feedback under {NOTE_MAX:,} characters.")
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
