"""Demo placements, applications in every state, mentors and mentoring requests.

Rows are written directly (not through the services) so loading the demo sends
no email; each row is looked up first, so running twice adds nothing.
"""

from datetime import date, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from core.markdown import render_markdown
from members.models import Organisation
from mentoring.models import (
    Application,
    Feedback,
    Format,
    MentoringRequest,
    MentorOffer,
    Mentorship,
    Placement,
)

# council slug, host officer, title, description, themes, format, place,
# start offset in days (None: flexible), length in days, places, state
PLACEMENTS = [
    (
        "plymouth",
        "officer@plymouth.gov.uk",
        "Co-operative energy: a week with Plymouth's energy team",
        "Join the team that helped set up a community energy co-operative. You will "
        "sit in on project meetings, visit a solar installation on a community "
        "building and see how the council works with the co-operative's members.",
        ["co-operative energy", "co-operative economy"],
        Format.IN_PERSON,
        "Ballard House, Plymouth",
        30,
        5,
        3,
        Placement.State.OPEN,
    ),
    (
        "oldham",
        "officer@oldham.gov.uk",
        "Shadowing Oldham's Youth Council support team",
        "Oldham's Youth Council can table resolutions and challenge the Executive. "
        "Spend two days with the officers who support it: preparing a council "
        "meeting with young people and following a resolution through.",
        ["community leadership", "youth participation"],
        Format.HYBRID,
        "Oldham Civic Centre",
        45,
        2,
        2,
        Placement.State.OPEN,
    ),
    (
        "cardiff",
        "officer@cardiff.gov.uk",
        "Welcoming refugees: volunteers and communities in Cardiff",
        "See how Cardiff brings volunteers, community groups and services together "
        "to welcome refugees and asylum seekers: a volunteer induction, a community "
        "activity and a partners' meeting.",
        ["welcoming refugees", "community leadership"],
        Format.IN_PERSON,
        "County Hall, Cardiff",
        None,
        0,
        4,
        Placement.State.OPEN,
    ),
    (
        "oldham",
        "officer@oldham.gov.uk",
        "Social value in commissioning: a day with Oldham's procurement team",
        "A day with the officers who weigh social value in contracts: a tender "
        "panel, a supplier conversation and the monitoring that follows.",
        ["social value", "co-operative commissioning"],
        Format.ONLINE,
        "Online",
        -20,
        1,
        2,
        Placement.State.COMPLETED,
    ),
]

# applicant, placement title prefix, state, preferred dates
APPLICATIONS = [
    ("officer@lambeth.gov.uk", "Co-operative energy", Application.State.ACCEPTED, "Any weekday"),
    ("officer@sunderland.gov.uk", "Co-operative energy", Application.State.PENDING, ""),
    ("officer@cardiff.gov.uk", "Co-operative energy", Application.State.WAITLISTED, "Mornings"),
    ("officer@lambeth.gov.uk", "Shadowing Oldham", Application.State.DECLINED, ""),
    ("officer@sunderland.gov.uk", "Shadowing Oldham", Application.State.ACCEPTED, ""),
    ("officer@plymouth.gov.uk", "Welcoming refugees", Application.State.WITHDRAWN, ""),
    ("officer@lambeth.gov.uk", "Welcoming refugees", Application.State.PENDING, "In June"),
    ("officer@plymouth.gov.uk", "Social value", Application.State.ACCEPTED, ""),
]

STATEMENTS = {
    "officer@lambeth.gov.uk": "I commission neighbourhood services in Lambeth and want to "
    "see how another council shares decisions with a co-operative's members.",
    "officer@sunderland.gov.uk": "I support community leadership in Sunderland and would "
    "like to learn how young people and residents shape decisions elsewhere.",
    "officer@cardiff.gov.uk": "Our refugee support work needs reliable, affordable energy "
    "for community buildings; I would like to see what Plymouth has done.",
    "officer@plymouth.gov.uk": "I work on our co-operative economy and want to compare "
    "approaches with another member council.",
}

MENTORS = [
    (
        "lead@plymouth.gov.uk",
        ["co-operative energy", "co-operative economy"],
        2,
        Format.ONLINE,
        "Happy to talk through setting up a community energy co-operative.",
    ),
    (
        "officer@sunderland.gov.uk",
        ["community leadership", "social value"],
        1,
        Format.HYBRID,
        "Co-production with residents, members and officers.",
    ),
    (
        "lead@cardiff.gov.uk",
        ["welcoming refugees", "community leadership"],
        2,
        Format.ONLINE,
        "Partnership working with volunteers and the voluntary sector.",
    ),
    (
        "moderator@lambeth.gov.uk",
        ["co-operative commissioning", "social value"],
        1,
        Format.IN_PERSON,
        "Neighbourhood commissioning in practice.",
    ),
]

REQUESTS = [
    (
        "officer@oldham.gov.uk",
        "I am starting a community energy project and would like "
        "advice from someone who has done it.",
        ["co-operative energy"],
        "lead@plymouth.gov.uk",
        Mentorship.State.ACTIVE,
    ),
    (
        "officer@cardiff.gov.uk",
        "I want to bring social value into our commissioning.",
        ["social value", "co-operative commissioning"],
        "moderator@lambeth.gov.uk",
        Mentorship.State.REQUESTED,
    ),
    (
        "officer@lambeth.gov.uk",
        "Growing community leadership on our estates.",
        ["community leadership"],
        None,
        None,
    ),
]


def load(*, stdout) -> None:
    User = get_user_model()
    people = {u.email: u for u in User.objects.all()}
    if "officer@plymouth.gov.uk" not in people:
        stdout.write("Mentoring: demo accounts missing; load members first.")
        return
    today = timezone.localdate()
    placements = {}
    for (slug, host, title, description, themes, fmt, place, offset, length, places,
         state) in PLACEMENTS:  # fmt: skip
        council = Organisation.objects.get(slug=slug)
        placement = Placement.objects.filter(host_council=council, title=title).first()
        if placement is None:
            start = None if offset is None else today + timedelta(days=offset)
            end = None if start is None else start + timedelta(days=max(length - 1, 0))
            closing = (start or today + timedelta(days=60)) - timedelta(days=7)
            lead = User.objects.council_leads(council).first()
            placement = Placement.objects.create(
                host_council=council,
                host_officer=people[host],
                created_by=lead,
                title=title,
                description=description,
                description_html=render_markdown(description),
                format=fmt,
                place=place,
                flexible=start is None,
                start_date=start,
                end_date=end,
                day_starts=time(9, 30) if start else None,
                day_ends=time(16, 30) if start else None,
                places=places,
                closing_date=max(closing, date(2000, 1, 1)),
                state=state,
            )
            placement.themes.set(themes)
        placements[title] = placement

    def find(prefix):
        return next(p for p in placements.values() if p.title.startswith(prefix))

    for email, prefix, state, preferred in APPLICATIONS:
        placement = find(prefix)
        applicant = people[email]
        if Application.objects.filter(placement=placement, applicant=applicant).exists():
            continue
        statement = STATEMENTS[email]
        application = Application.objects.create(
            placement=placement,
            applicant=applicant,
            statement=statement,
            statement_html=render_markdown(statement),
            preferred_dates=preferred,
            state=state,
            decided_by=placement.created_by if state != Application.State.PENDING else None,
            decided_at=timezone.now() if state != Application.State.PENDING else None,
        )
        if placement.state == Placement.State.COMPLETED and state == Application.State.ACCEPTED:
            for side, author, body in (
                (
                    Feedback.Side.VISITOR,
                    applicant,
                    "Seeing a tender panel weigh social "
                    "value was the most useful day I have spent on commissioning.",
                ),
                (
                    Feedback.Side.HOST,
                    placement.host_officer,
                    "Good questions that made us "
                    "look again at how we monitor social value after the award.",
                ),
            ):
                Feedback.objects.create(
                    application=application, author=author, side=side, body=body,
                    body_html=render_markdown(body),
                )  # fmt: skip

    offers = {}
    for email, themes, capacity, fmt, note in MENTORS:
        offer, created = MentorOffer.objects.get_or_create(
            mentor=people[email],
            defaults={"capacity": capacity, "format": fmt, "note": note},
        )
        if created:
            offer.themes.set(themes)
        offers[email] = offer

    for email, goals, themes, mentor_email, state in REQUESTS:
        mentee = people[email]
        request = MentoringRequest.objects.filter(mentee=mentee, goals=goals).first()
        if request is None:
            request = MentoringRequest.objects.create(mentee=mentee, goals=goals)
            request.themes.set(themes)
            if mentor_email:
                Mentorship.objects.create(
                    request=request,
                    offer=offers[mentor_email],
                    state=state,
                    decided_at=timezone.now() if state == Mentorship.State.ACTIVE else None,
                )
    stdout.write(
        f"Mentoring: {Placement.objects.count()} placements, "
        f"{Application.objects.count()} applications, {MentorOffer.objects.count()} mentors"
    )
