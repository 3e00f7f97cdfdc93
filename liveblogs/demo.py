"""Demo liveblogs: the Plymouth network meeting of 28 March 2014, and one that is live."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.demo import home_page
from cms.models import EventPage
from liveblogs.models import LiveblogIndexPage, LiveblogPage
from liveblogs.services import EntryFields, entry_post

LONDON = ZoneInfo("Europe/London")
EDITOR = "editor@councils.coop"

PLYMOUTH_ENTRIES = [
    (
        10,
        0,
        "Welcome to Plymouth. Today's network meeting looks at how councils have "
        "taken co-operative principles and built new models that are starting to deliver "
        "better outcomes on the ground.",
        {"is_pinned": True},
    ),
    (
        10,
        20,
        "The aim of the day: to discuss and **challenge** how well these "
        "innovations work, look at the policy developments that help or hold them back, "
        "and find partners across the network.",
        {},
    ),
    (
        11,
        0,
        "First workshop: **co-operative energy**. Councils compare notes on buying "
        "energy together so that residents pay less.",
        {"is_key": True},
    ),
    (
        11,
        40,
        "From the energy workshop: collective switching works best when residents "
        "trust who is running it. Several councils want to share their tender documents.",
        {
            "quote": "People sign up when they know it is their council and their neighbours "
            "behind it, not a sales pitch.",
            "quote_attribution": "A workshop participant",
        },
    ),
    (
        13,
        30,
        "After lunch: **co-operative economies**, on how local spending and "
        "social value can keep money working in the place.",
        {},
    ),
    (
        14,
        30,
        "Workshop on co-operative approaches to **pay day lending and financial "
        "inclusion**: credit unions, advice and what councils can do together.",
        {"is_key": True},
    ),
    (
        15,
        15,
        "Last workshop: co-operative learning approaches, and how schools and councils share them.",
        {},
    ),
    (
        16,
        0,
        "That is the end of the day. Thank you to Plymouth for hosting. Notes from "
        "every workshop will follow in the members' area.",
        {},
    ),
]

LIVE_ENTRIES = [
    (
        "Good morning from the officers' day. Officers from member councils are "
        "swapping practice on co-operative commissioning.",
        {"is_pinned": True},
    ),
    (
        "First round table: what a council needs in place before commissioning "
        "with communities rather than for them.",
        {},
    ),
]


def _child(parent, model, slug, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def load(*, stdout) -> None:
    editor = get_user_model().objects.filter(email=EDITOR).first()
    if editor is None:
        stdout.write("Liveblogs: no editor account; load the members demo first.")
        return
    index, _ = _child(
        home_page(),
        LiveblogIndexPage,
        "liveblogs",
        title="Liveblogs",
        introduction="<p>Follow network meetings and events as they happen.</p>",
    )
    plymouth = EventPage.objects.filter(slug="plymouth-network-meeting-2014").first()
    day = datetime(2014, 3, 28, tzinfo=LONDON)
    ended, created = _child(
        index,
        LiveblogPage,
        "plymouth-network-meeting-2014",
        title="Live: network meeting in Plymouth on co-operative energy and economies",
        event=plymouth,
        introduction="<p>Updates from the network meeting hosted by Plymouth on 28 March 2014.</p>",
        state=LiveblogPage.State.ENDED,
        coverage_start=day.replace(hour=10),
        coverage_end=day.replace(hour=16, minute=30),
    )
    if created:
        for hour, minute, body, extra in PLYMOUTH_ENTRIES:
            entry_post(
                page=ended,
                author=editor,
                fields=EntryFields(body=body, **extra),
                posted_at=day.replace(hour=hour, minute=minute),
            )

    now = timezone.now()
    live, created = _child(
        index,
        LiveblogPage,
        "officers-day-co-operative-commissioning",
        title="Live: officers' day on co-operative commissioning",
        introduction="<p>Officers from member councils share practice on "
        "co-operative commissioning.</p>",
        state=LiveblogPage.State.LIVE,
        coverage_start=now - timedelta(hours=1),
        coverage_end=now + timedelta(hours=5),
    )
    if created:
        for body, extra in LIVE_ENTRIES:
            entry_post(page=live, author=editor, fields=EntryFields(body=body, **extra))
    stdout.write(f"Liveblogs: {LiveblogPage.objects.count()} ({ended.title}; {live.title})")
