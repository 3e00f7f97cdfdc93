"""Home, standard, library and event pages for the demo site."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from wagtail.models import Page, Site

from cms.models import (
    CaseStudyPage,
    EventIndexPage,
    EventPage,
    HomePage,
    LibraryIndexPage,
    StandardPage,
)
from members.models import Organisation

LONDON = ZoneInfo("Europe/London")

HOME_INTRO = (
    "<p>A network of UK councils and affiliates that learn, share and develop "
    "co-operative approaches to local practice, working in equal partnership "
    "with local people.</p>"
)

STANDARD_PAGES = [
    (
        "principles",
        "Our principles",
        "Why councils join the network, and what they agree to.",
        "<p>Members agree that the challenges facing the public sector mean top-down "
        "governance and service delivery are no longer fit for purpose, and that "
        "councils need a new approach built together with local people.</p>"
        "<p>The founding traditions of the co-operative movement (collective action, "
        "co-operation, empowerment and enterprise) are our foundation. Our practice "
        "rests on the values of self-help, self-responsibility, democracy, equality, "
        "equity and solidarity.</p>",
    ),
    (
        "governance",
        "Governance",
        "The Forum, the Executive Oversight Committee and Review Committees.",
        "<h2>The Forum</h2><p>The network is governed by a Forum of all members and "
        "associates, meeting once a year.</p><h2>Executive Oversight Committee</h2>"
        "<p>The Forum delegates executive powers to an Executive Oversight Committee, "
        "which meets quarterly.</p><h2>Review Committees</h2><p>Task and finish groups "
        "whose timescales and remits depend on the issues the Forum is exploring, "
        "supplemented by expert individuals and organisations.</p>",
    ),
    (
        "membership",
        "Membership",
        "Full membership for councils; affiliate membership for others.",
        "<p>Full membership is open to all UK local authorities committed to the "
        "network's purpose, whatever their political affiliation. Affiliate membership "
        "is open to other organisations and individuals.</p><p>An annual fee is payable "
        "by members and associate members. Members get four forum sessions a year, "
        "invitation-only policy roundtables, liveblogs, online discussion, case studies "
        "and guides, monthly briefings and key contacts at every member council.</p>",
    ),
]


def _child(parent, model, slug, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def home_page() -> HomePage:
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    welcome = (
        Page.objects.filter(depth=2, slug="home").exclude(content_type__model="homepage").first()
    )
    if welcome is not None:
        welcome.slug = "old-welcome"
        welcome.save()
    home = HomePage(
        title="Co-operative Councils Innovation Network",
        slug="home",
        introduction=HOME_INTRO,
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "root_page": home,
            "hostname": "localhost",
            "port": 80,
            "site_name": "CCIN network hub",
        },
    )
    if welcome is not None:
        welcome.delete()
    return home


def load(*, stdout) -> None:
    home = home_page()
    for slug, title, intro, body in STANDARD_PAGES:
        _child(home, StandardPage, slug, title=title, introduction=intro, body=body)

    library = _child(
        home,
        LibraryIndexPage,
        "library",
        title="Library",
        introduction="<p>Case studies, how-to guides, publications and briefings.</p>",
    )
    _child(
        library,
        CaseStudyPage,
        "welcoming-refugees-cardiff",
        title="Welcoming and helping refugees and asylum seekers",
        council=Organisation.objects.filter(slug="cardiff").first(),
        summary="A Policy Prototype: volunteers and communities supporting refugees.",
        challenge="<p>Many people want to help refugees and asylum seekers but do not "
        "know the best way to get involved.</p>",
        approach="<p>Alongside formal training, Cardiff mobilised volunteers and "
        "communities to offer cultural learning and community activities.</p>",
        outcomes="<p>A range of activities run with local communities.</p>",
    )
    _child(
        library,
        CaseStudyPage,
        "attainment-gap-edinburgh",
        title="Closing the education attainment gap",
        council=Organisation.objects.filter(slug="edinburgh").first(),
        summary="Homework support in breakfast clubs and after-school settings.",
        challenge="<p>Children from poorer households fall behind outside school.</p>",
        approach="<p>Edinburgh researched out-of-school care across member councils "
        "and worked with parent-led organisations.</p>",
        outcomes="<p>A network of support for homework in out-of-school care.</p>",
    )

    events = _child(
        home,
        EventIndexPage,
        "events",
        title="Events",
        introduction="<p>Forum sessions hosted by member councils, policy roundtables, "
        "peer challenge and development sessions.</p>",
    )
    _child(
        events,
        EventPage,
        "plymouth-network-meeting-2014",
        title="Network meeting: co-operative energy and economies",
        event_type=EventPage.EventType.FORUM,
        host_council=Organisation.objects.filter(slug="plymouth").first(),
        start=datetime(2014, 3, 28, 10, 0, tzinfo=LONDON),
        end=datetime(2014, 3, 28, 16, 0, tzinfo=LONDON),
        place="Plymouth",
        summary="How councils took co-operative principles and created new models "
        "that deliver on the ground.",
    )
    next_session = timezone.localtime() + timedelta(days=40)
    start = next_session.replace(hour=10, minute=0, second=0, microsecond=0)
    _child(
        events,
        EventPage,
        "forum-session-community-leadership",
        title="Forum session: community leadership",
        event_type=EventPage.EventType.FORUM,
        host_council=Organisation.objects.filter(slug="sunderland").first(),
        start=start,
        end=start + timedelta(hours=6),
        place="Sunderland",
        summary="A full day on community leadership, hosted by Sunderland.",
    )
    stdout.write(f"Pages: {Page.objects.live().count()} live")
