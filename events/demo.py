"""Demo registrations: a full forum session with a waiting list, an invitation-only roundtable."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.models import EventPage
from events.models import Invitation, Registration
from members.models import Organisation

State = Registration.State

# slug -> (registered, waiting), by demo account, in arrival order.
REGISTRATIONS = {
    "forum-session-co-operative-commissioning": (
        [
            "officer@lambeth.gov.uk",
            "officer@oldham.gov.uk",
            "officer@plymouth.gov.uk",
            "lead@plymouth.gov.uk",
        ],
        ["officer@sunderland.gov.uk", "officer@cardiff.gov.uk"],
    ),
    "forum-session-community-leadership": (
        ["lead@cardiff.gov.uk", "officer@sunderland.gov.uk", "moderator@lambeth.gov.uk"],
        [],
    ),
    "roundtable-co-operative-places": (["lead@oldham.gov.uk", "officer@lambeth.gov.uk"], []),
}
ROUNDTABLE_INVITES = {"councils": ["oldham"], "people": ["officer@lambeth.gov.uk"]}


def load(*, stdout) -> None:
    people = {u.email: u for u in get_user_model().objects.filter(email__in=_emails())}
    events = {e.slug: e for e in EventPage.objects.filter(slug__in=REGISTRATIONS)}
    if not people or not events:
        stdout.write("Events: no demo accounts or events yet; skipped.")
        return
    editor = get_user_model().objects.filter(email="editor@councils.coop").first()
    roundtable = events.get("roundtable-co-operative-places")
    if roundtable is not None:
        for slug in ROUNDTABLE_INVITES["councils"]:
            organisation = Organisation.objects.filter(slug=slug).first()
            if organisation:
                Invitation.objects.get_or_create(
                    event=roundtable, organisation=organisation, defaults={"invited_by": editor}
                )
        for email in ROUNDTABLE_INVITES["people"]:
            if email in people:
                Invitation.objects.get_or_create(
                    event=roundtable, user=people[email], defaults={"invited_by": editor}
                )
    made = 0
    start = timezone.now() - timedelta(days=3)
    for slug, (registered, waiting) in REGISTRATIONS.items():
        event = events.get(slug)
        if event is None:
            continue
        queue = [(e, State.REGISTERED) for e in registered] + [(e, State.WAITING) for e in waiting]
        for position, (email, state) in enumerate(queue):
            if email not in people:
                continue
            joined = start + timedelta(minutes=position * 7)
            _, created = Registration.objects.get_or_create(
                event=event,
                user=people[email],
                defaults={"state": state, "created_at": joined, "joined_at": joined},
            )
            made += created
    stdout.write(f"Events: {made} registrations added, {Registration.objects.count()} in all.")


def _emails() -> set[str]:
    emails = set(ROUNDTABLE_INVITES["people"])
    for registered, waiting in REGISTRATIONS.values():
        emails.update(registered, waiting)
    emails.add("editor@councils.coop")
    return emails
