"""Home, standard, library and event pages for the demo site (library.py, events.py)."""

from wagtail.models import Page, Site

from cms.models import HomePage, LibraryIndexPage, StandardPage
from cms.setup import site_address, site_follows_site_url

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
    hostname, port = site_address()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "root_page": home,
            "hostname": hostname,
            "port": port,
            "site_name": "CCIN network hub",
        },
    )
    if welcome is not None:
        welcome.delete()
    return home


def load(*, stdout) -> None:
    from cms.demo import events, library

    home = home_page()
    site_follows_site_url()  # a demo loaded before under another SITE_URL
    for slug, title, intro, body in STANDARD_PAGES:
        _child(home, StandardPage, slug, title=title, introduction=intro, body=body)

    library_page = _child(
        home,
        LibraryIndexPage,
        "library",
        title="Library",
        introduction="<p>Case studies, how-to guides, publications, monthly briefings and the "
        "work programme: Policy Labs and Policy Prototypes. Some items are for members "
        "only.</p>",
    )
    library.load(library_page)
    events.load(home)
    stdout.write(f"Pages: {Page.objects.live().count()} live")
