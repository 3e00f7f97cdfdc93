"""Demo events: the network's first three meetings, and upcoming sessions taking registrations."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from wagtail.models import Page

from cms.demo.library import add, council
from cms.models import EventIndexPage, EventPage, EventRelatedItem

LONDON = ZoneInfo("Europe/London")
Type = EventPage.EventType
Mode = EventPage.RegistrationMode


def _day(year, month, day, hours=(10, 16)):
    return {
        "start": datetime(year, month, day, hours[0], 0, tzinfo=LONDON),
        "end": datetime(year, month, day, hours[1], 0, tzinfo=LONDON),
    }


def _in_days(days, hours=(10, 16)):
    date = (timezone.localtime() + timedelta(days=days)).date()
    return _day(date.year, date.month, date.day, hours)


def _related(*slugs):
    return [
        EventRelatedItem(page=page)
        for page in (Page.objects.filter(slug=slug).first() for slug in slugs)
        if page is not None
    ]


def load(home) -> None:
    events = add(
        home,
        EventIndexPage,
        "events",
        title="Events",
        introduction="<p>Four full-day forum sessions a year, each hosted by a member council; "
        "invitation-only policy roundtables; peer challenge and development sessions.</p>",
    )
    add(
        events,
        EventPage,
        "sunderland-network-meeting-2013",
        title="Network meeting: community leadership and co-production",
        event_type=Type.FORUM,
        host_council=council("sunderland"),
        place="Sunderland",
        registration=Mode.NONE,
        summary="Member development and the co-production of services, in three workshops.",
        body="<ul><li>Area decentralisation and responsive services: a framework for "
        "co-production with our communities.</li><li>Effective internal co-production: "
        "practical member-officer partnerships.</li><li>New solutions to old problems: "
        "co-production in new models of service delivery.</li></ul>",
        related_items=_related("co-production-member-officer"),
        **_day(2013, 10, 18),
    )
    add(
        events,
        EventPage,
        "lambeth-network-meeting-2014",
        title="Network meeting: co-operative commissioning",
        event_type=Type.FORUM,
        host_council=council("lambeth"),
        place="Lambeth",
        registration=Mode.NONE,
        summary="Sharing ideas, practice and learning about co-operative commissioning and "
        "neighbourhood working.",
        related_items=_related("young-lambeth-co-operative"),
        **_day(2014, 1, 24),
    )
    add(
        events,
        EventPage,
        "plymouth-network-meeting-2014",
        title="Network meeting: co-operative energy and economies",
        event_type=Type.FORUM,
        host_council=council("plymouth"),
        place="Plymouth",
        registration=Mode.NONE,
        summary="How councils took co-operative principles and created new models that "
        "deliver on the ground.",
        body="<p>Workshops on co-operative energy, co-operative economies, co-operative "
        "approaches to pay day lending and financial inclusion, and co-operative learning.</p>",
        related_items=_related("co-operative-places-pamphlet"),
        **_day(2014, 3, 28),
    )
    add(
        events,
        EventPage,
        "forum-session-community-leadership",
        title="Forum session: community leadership",
        event_type=Type.FORUM,
        host_council=council("sunderland"),
        place="Sunderland",
        capacity=40,
        summary="A full day on community leadership, hosted by Sunderland.",
        **_in_days(40),
    )
    add(
        events,
        EventPage,
        "forum-session-co-operative-commissioning",
        title="Forum session: co-operative commissioning",
        event_type=Type.FORUM,
        host_council=council("lambeth"),
        place="Lambeth Town Hall",
        capacity=4,
        summary="Commissioning with the people who use services. Small room: join the "
        "waiting list if it is full.",
        **_in_days(75),
    )
    add(
        events,
        EventPage,
        "roundtable-co-operative-places",
        title="Policy roundtable: from co-operative councils to co-operative places",
        event_type=Type.ROUNDTABLE,
        host_council=council("oldham"),
        place="Oldham Civic Centre",
        registration=Mode.INVITATION,
        capacity=12,
        summary="An invitation-only roundtable on councils as catalysts of place.",
        **_in_days(25, hours=(14, 17)),
    )
    add(
        events,
        EventPage,
        "development-session-social-value",
        title="Development session: measuring social value",
        event_type=Type.DEVELOPMENT,
        host_council=council("stevenage"),
        place="Stevenage",
        capacity=20,
        summary="For members: linking up councils who want to measure social value.",
        restricted=True,
        **_in_days(60, hours=(10, 13)),
    )
