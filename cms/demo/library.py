"""The demo library: case studies, a guide, a pamphlet (a real PDF), a briefing, Labs, Prototypes.

Facts come from the network's papers (../shared/papers); the words are ours.
"""

import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from wagtail.documents import get_document_model
from wagtail.models import BaseViewRestriction, PageViewRestriction

from cms.demo.pdf import one_page_pdf
from cms.models import (
    BriefingPage,
    CaseStudyPage,
    GuideStep,
    HowToGuidePage,
    PolicyLabPage,
    PolicyPrototypePage,
    Principle,
    ProjectIdea,
    ProjectUpdate,
    PublicationPage,
)
from members.models import Organisation

PAMPHLET_FILE = "documents/ccin-co-operative-places.pdf"


def members_only(page) -> None:
    if not page.get_view_restrictions().exists():
        PageViewRestriction.objects.create(page=page, restriction_type=BaseViewRestriction.LOGIN)


def council(slug):
    return Organisation.objects.filter(slug=slug).first()


def add(parent, model, slug, *, themes="", restricted=False, **fields):
    """The child page with this slug, made and published once (themes: comma-separated)."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = model(slug=slug, **fields)
    if themes:
        page.themes.add(*[t.strip() for t in themes.split(",")])
    parent.add_child(instance=page)
    if restricted:
        members_only(page)
    page.save_revision().publish()
    return page


def pamphlet_document():
    """The pamphlet PDF, written once to storage and to the documents library."""
    Document = get_document_model()
    document = Document.objects.filter(
        title="From Co-operative Councils to Co-operative Places"
    ).first()
    if document is not None:
        return document
    if not default_storage.exists(PAMPHLET_FILE):
        pdf = one_page_pdf(
            "From Co-operative Councils to Co-operative Places",
            [
                "A statement of intent from the Co-operative Councils' Innovation Network about "
                "the future direction of the co-operative council approach.",
                "It is increasingly time for councils to be catalysts of place: working in equal "
                "partnership with local people to shape and strengthen communities, at a time "
                "that can feel fragmenting and unpredictable.",
                "The network's work programme is split into larger projects, Policy Labs, which "
                "members work on together, and smaller projects, Policy Prototypes, delivered by "
                "one member on behalf of the network.",
                "Demo document: the full report is on the network's website.",
            ],
        )
        default_storage.save(PAMPHLET_FILE, ContentFile(pdf))
    document = Document(title="From Co-operative Councils to Co-operative Places")
    document.file.name = PAMPHLET_FILE
    document.file_size = default_storage.size(PAMPHLET_FILE)
    document.save()
    return document


def _idea(title):
    from ideasbank.models import Idea

    return Idea.objects.filter(title=title).first()


def link_ideas(project, titles) -> None:
    """Link the project to its ideas once they exist (the ideas bank may load after us).

    Through a new revision, as an editor would, so the next edit keeps them.
    """
    project = project.get_latest_revision_as_object()
    linked = {link.idea_id for link in project.idea_links.all()}
    ideas = [idea for idea in map(_idea, titles) if idea is not None and idea.pk not in linked]
    if not ideas:
        return
    project.idea_links = list(project.idea_links.all()) + [ProjectIdea(idea=idea) for idea in ideas]
    project.save_revision().publish()


PROJECTS = [
    # model, slug, title, lead, partners, year, status, summary, body, themes, ideas
    (
        PolicyLabPage,
        "beyond-asset-transfer",
        "Beyond Asset Transfer",
        "newcastle",
        ["oldham", "plymouth"],
        2016,
        PolicyLabPage.Status.REPORTING,
        "How community organisations fare after taking on a council building, and what "
        "councils can do to help.",
        "<p>For some organisations asset transfer opened new and exciting opportunities; "
        "others considered it and decided against, for want of governance or financial "
        "capacity. Newcastle studied how organisations have done after the transfer, to help "
        "members strengthen their support and to define asset transfer in a co-operative "
        "context.</p>",
        "asset transfer, community ownership",
        ["Support for community groups after asset transfer"],
    ),
    (
        PolicyLabPage,
        "housing-commission",
        "Housing Commission",
        "croydon",
        ["lambeth", "liverpool"],
        2016,
        PolicyLabPage.Status.UNDER_WAY,
        "How councils can work with communities, house builders, land owners and funders "
        "to provide the homes people need.",
        "<p>Housing stress is rising: rents, mortgages and deposits out of reach of families "
        "on average salaries, repossessions the biggest driver of homelessness, rough sleeping "
        "increasing. Croydon set up a Housing Commission to look for co-operative answers.</p>",
        "housing",
        ["A housing commission with tenants, builders and funders"],
    ),
    (
        PolicyLabPage,
        "co-operative-places",
        "From Co-operative Councils to Co-operative Places",
        "oldham",
        ["sunderland"],
        2016,
        PolicyLabPage.Status.COMPLETED,
        "The network's statement of intent: councils as catalysts of place, in equal "
        "partnership with local people.",
        "<p>Led by Oldham and Sunderland, the Lab's report sets out where the co-operative "
        "council approach goes next.</p>",
        "community leadership, co-production",
        ["Member and officer co-production training"],
    ),
    (
        PolicyPrototypePage,
        "prototype-welcoming-refugees",
        "Welcoming and helping refugees and asylum seekers",
        "cardiff",
        [],
        2016,
        PolicyPrototypePage.Status.COMPLETED,
        "Cardiff mobilised volunteers and communities to support refugees and asylum seekers.",
        "<p>Many people want to help but do not know the best way to get involved. Alongside "
        "formal training, Cardiff brought volunteers and communities together to offer "
        "cultural learning and community activities.</p>",
        "refugees, volunteering",
        ["Volunteer buddies for newly arrived refugee families"],
    ),
    (
        PolicyPrototypePage,
        "prototype-attainment-gap",
        "Closing the education attainment gap",
        "edinburgh",
        [],
        2016,
        PolicyPrototypePage.Status.COMPLETED,
        "Homework support in breakfast clubs and after-school care, with parent-led providers.",
        "<p>With other member councils, Edinburgh gathered good practice from out-of-school "
        "care and worked with parent-led organisations to build a network of homework "
        "support.</p>",
        "education, childcare",
        ["Homework clubs inside breakfast and after-school care"],
    ),
    (
        PolicyPrototypePage,
        "prototype-mental-health-day",
        "A mental health day",
        "telford-and-wrekin",
        [],
        2016,
        PolicyPrototypePage.Status.COMPLETED,
        "A day in April 2016, with Telford Crisis Network, joining up support for service users.",
        "<p>Telford and Wrekin worked with Telford Crisis Network to hold a Mental Health Day "
        "in April 2016, for a joined-up approach to support across the borough.</p>",
        "mental health, co-production",
        [],
    ),
]


def load_projects(library) -> None:
    principles = [p for p in Principle.objects.filter(name__in=["Co-operation", "Empowerment"])]
    for model, slug, title, lead, partners, year, status, summary, body, themes, ideas in PROJECTS:
        page = add(
            library,
            model,
            slug,
            themes=themes,
            title=title,
            lead_council=council(lead),
            partner_councils=[c for c in map(council, partners) if c],
            principles=principles,
            year=year,
            status=status,
            summary=summary,
            body=body,
            updates=[
                ProjectUpdate(
                    date=datetime.date(year, 3, 1),
                    text=f"<p>{title} reported to the network forum.</p>",
                )
            ],
        )
        link_ideas(page, ideas)


def load(library) -> None:
    add(
        library,
        CaseStudyPage,
        "welcoming-refugees-cardiff",
        title="Welcoming and helping refugees and asylum seekers",
        council=council("cardiff"),
        date=datetime.date(2016, 6, 1),
        themes="refugees, volunteering",
        summary="A Policy Prototype: volunteers and communities supporting refugees.",
        challenge="<p>Many people want to help refugees and asylum seekers but do not "
        "know the best way to get involved.</p>",
        approach="<p>Alongside formal training, Cardiff mobilised volunteers and "
        "communities to offer cultural learning and community activities.</p>",
        outcomes="<p>A range of activities run with local communities.</p>",
    )
    add(
        library,
        CaseStudyPage,
        "attainment-gap-edinburgh",
        title="Closing the education attainment gap",
        council=council("edinburgh"),
        date=datetime.date(2016, 6, 1),
        themes="education, childcare",
        summary="Homework support in breakfast clubs and after-school settings.",
        challenge="<p>Children from poorer households fall behind outside school.</p>",
        approach="<p>Edinburgh researched out-of-school care across member councils "
        "and worked with parent-led organisations.</p>",
        outcomes="<p>A network of support for homework in out-of-school care.</p>",
    )
    add(
        library,
        CaseStudyPage,
        "young-lambeth-co-operative",
        title="Young Lambeth Co-operative",
        council=council("lambeth"),
        date=datetime.date(2014, 1, 20),
        themes="young people, co-operative commissioning",
        summary="A community-owned co-operative that puts young people in charge of what youth "
        "and children's services should achieve.",
        challenge="<p>Spending on youth services was decided for young people, not by them.</p>",
        approach="<p>Lambeth helped set up the Young Lambeth Co-operative, owned by the "
        "community, so young people define the outcomes the money is spent on.</p>",
        outcomes="<p>Public money for youth and children's services used in the way young "
        "people and their families say works best.</p>",
    )
    add(
        library,
        CaseStudyPage,
        "oldham-youth-council",
        title="Oldham's Youth Council in the constitution",
        council=council("oldham"),
        date=datetime.date(2014, 6, 18),
        themes="young people, local democracy",
        restricted=True,
        summary="Full rights to table resolutions and challenge the Executive.",
        challenge="<p>Young people had a voice but no formal power in the council.</p>",
        approach="<p>Oldham wrote its Youth Council into the council's constitution, with "
        "full rights to table resolutions and to challenge the Executive.</p>",
        outcomes="<p>Nearly 10,000 young people voted in the Youth Council's elections.</p>",
        contact="Policy team, Oldham Council",
    )
    add(
        library,
        HowToGuidePage,
        "co-production-member-officer",
        title="How to co-produce services with members and officers",
        council=council("sunderland"),
        date=datetime.date(2013, 10, 18),
        themes="co-production, community leadership",
        restricted=True,
        summary="Practical member-officer partnerships, from the Sunderland network meeting.",
        introduction="<p>Drawn from the workshops at the network's Sunderland meeting on "
        "member development and the co-production of services.</p>",
        steps=[
            GuideStep(
                title="Map what communities already have",
                body="<p>Start from assets, "
                "not needs: what people, groups and places can build on.</p>",
            ),
            GuideStep(
                title="Agree roles for councillors and officers",
                body="<p>Ward councillors lead in the community; officers support and connect.</p>",
            ),
            GuideStep(
                title="Design the service with the people who use it",
                body="<p>Hold open sessions and give residents a real say in the design.</p>",
            ),
            GuideStep(
                title="Share what you learn",
                body="<p>Write it up as a case study for the network's library.</p>",
            ),
        ],
    )
    add(
        library,
        PublicationPage,
        "co-operative-places-pamphlet",
        title="From Co-operative Councils to Co-operative Places",
        kind=PublicationPage.Kind.PAMPHLET,
        date=datetime.date(2016, 7, 1),
        council=council("oldham"),
        themes="community leadership, co-production",
        summary="The network's statement of intent about the future direction of the "
        "co-operative council approach: councils as catalysts of place.",
        document=pamphlet_document(),
    )
    add(
        library,
        BriefingPage,
        "briefing-first",
        title="Monthly briefing: the network's first year",
        date=datetime.date(2014, 7, 1),
        themes="co-operative commissioning, co-operative energy",
        restricted=True,
        summary="Three network meetings, the Taskforce submission and the 2014/15 work programme.",
        body="<p>Since the launch in July 2013 the network has met in Sunderland, Lambeth and "
        "Plymouth, held a workshop on mutualisation with the Cabinet Office and contributed to "
        "the Local Government Innovation Taskforce.</p><p>Coming up: four forum sessions, "
        "policy roundtables and the first Policy Labs.</p>",
    )
    load_projects(library)
