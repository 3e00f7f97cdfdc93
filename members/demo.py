"""Demo councils, affiliates and accounts for every role, from the network's papers."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from members.models import Advocate, CouncilContact, EmailDomain, Organisation, Region
from members.permissions import COUNCIL_LEADS, MODERATORS, NETWORK_EDITORS

DEMO_PASSWORD = "co-operate-2026"

COUNCILS = [
    # name, slug, region, joined, domain, lat, lon, summary
    (
        "Oldham Council",
        "oldham",
        Region.NORTH_WEST,
        2013,
        "oldham.gov.uk",
        53.5409,
        -2.1114,
        "Hosts the network; a Youth Council with full rights to table resolutions.",
    ),
    (
        "Sunderland City Council",
        "sunderland",
        Region.NORTH_EAST,
        2013,
        "sunderland.gov.uk",
        54.9069,
        -1.3838,
        "Community leadership and co-production with members and officers.",
    ),
    (
        "Lambeth Council",
        "lambeth",
        Region.LONDON,
        2013,
        "lambeth.gov.uk",
        51.4607,
        -0.1163,
        "Co-operative commissioning and the Young Lambeth Cooperative.",
    ),
    (
        "Plymouth City Council",
        "plymouth",
        Region.SOUTH_WEST,
        2013,
        "plymouth.gov.uk",
        50.3755,
        -4.1427,
        "Co-operative energy and a co-operative economy.",
    ),
    (
        "Stevenage Borough Council",
        "stevenage",
        Region.EAST,
        2013,
        "stevenage.gov.uk",
        51.9038,
        -0.1966,
        "Co-operative neighbourhoods; its leader chaired the network.",
    ),
    (
        "Cardiff Council",
        "cardiff",
        Region.WALES,
        2014,
        "cardiff.gov.uk",
        51.4816,
        -3.1791,
        "Welcoming refugees and asylum seekers with volunteers and communities.",
    ),
    (
        "City of Edinburgh Council",
        "edinburgh",
        Region.SCOTLAND,
        2014,
        "edinburgh.gov.uk",
        55.9533,
        -3.1883,
        "Out-of-school care that closes the education attainment gap.",
    ),
    (
        "Telford and Wrekin Council",
        "telford-and-wrekin",
        Region.WEST_MIDLANDS,
        2014,
        "telford.gov.uk",
        52.6784,
        -2.4453,
        "A joined-up Mental Health Day with the crisis network.",
    ),
    (
        "Newcastle City Council",
        "newcastle",
        Region.NORTH_EAST,
        2014,
        "newcastle.gov.uk",
        54.9783,
        -1.6178,
        "Beyond Asset Transfer: what happens after community asset transfer.",
    ),
    (
        "Croydon Council",
        "croydon",
        Region.LONDON,
        2015,
        "croydon.gov.uk",
        51.3762,
        -0.0982,
        "A Housing Commission on homes the borough needs.",
    ),
    (
        "Liverpool City Council",
        "liverpool",
        Region.NORTH_WEST,
        2013,
        "liverpool.gov.uk",
        53.4084,
        -2.9916,
        "Neighbourhood renewal and community initiatives.",
    ),
]

APPROACHES = {
    "oldham": (
        "Oldham calls itself a co-operative borough: everybody does their bit and "
        "everybody benefits.\n\n- A **Youth Council** written into the constitution, "
        "able to table resolutions and challenge the Executive\n- Support for the "
        "network's administration since its launch in July 2013"
    ),
    "plymouth": (
        "Plymouth hosted the network meeting of **28 March 2014** on co-operative "
        "energy and economies, showing new models already delivering on the ground."
    ),
    "lambeth": (
        "Lambeth hosted the January 2014 session on **co-operative commissioning**, "
        "sharing practice on neighbourhood working."
    ),
}

AFFILIATES = [
    (
        "2020 Public Services Hub at the RSA",
        "rsa-2020-hub",
        "Supports the network's policy work and links to the national policy community.",
    ),
    ("Co-operative Party", "co-operative-party", "A policy partner of the network."),
]

# The themes of each council's approaches, for the map's filter.
APPROACH_THEMES = {
    "oldham": ["co-operative energy", "community leadership", "social value"],
    "sunderland": ["community leadership", "co-production"],
    "lambeth": ["co-operative commissioning", "community leadership"],
    "plymouth": ["co-operative energy", "co-operative economy"],
    "stevenage": ["asset transfer", "co-operative neighbourhoods"],
    "cardiff": ["welcoming refugees", "social value"],
    "edinburgh": ["co-operative housing", "financial inclusion"],
    "telford-and-wrekin": ["asset transfer", "community leadership"],
    "newcastle": ["financial inclusion", "social value"],
    "croydon": ["co-operative commissioning", "co-operative economy"],
    "liverpool": ["co-operative housing", "asset transfer"],
}

# slug: [(name, role, phone)]; emails are made from the name and the council's domain.
CONTACTS = {
    "oldham": [("Helen Brierley", "Head of Strategy and Partnerships", "0161 770 3000")],
    "sunderland": [("Graham Mason", "Community Leadership Manager", "0191 520 5555")],
    "lambeth": [("Adaeze Okafor", "Co-operative Commissioning Lead", "020 7926 1000")],
    "plymouth": [("Tom Pengelly", "Co-operative Development Manager", "01752 668000")],
    "cardiff": [("Megan Rees", "Partnerships Manager", "029 2087 2087")],
    "stevenage": [("Ruth Adeyemi", "Co-operative Neighbourhoods Officer", "01438 242242")],
}

# slug: [(name, role, themes)]
ADVOCATES = {
    "oldham": [
        ("Olu Officer", "Community Energy Officer", ["co-operative energy"]),
        ("Jo Lead", "Principal Policy Officer", ["social value", "community leadership"]),
    ],
    "plymouth": [("Pat Officer", "Economic Development Officer", ["co-operative economy"])],
    "lambeth": [("Leah Officer", "Commissioning Officer", ["co-operative commissioning"])],
    "cardiff": [("Cerys Officer", "Refugee Support Coordinator", ["welcoming refugees"])],
    "sunderland": [("Sam Officer", "Community Leadership Officer", ["community leadership"])],
}

# email: (themes of expertise, short bio)
PROFILES = {
    "officer@oldham.gov.uk": (
        ["co-operative energy", "community energy"],
        "Runs Oldham's community energy programme with local schools and housing co-ops.",
    ),
    "officer@lambeth.gov.uk": (
        ["co-operative commissioning"],
        "Commissions youth services with the Young Lambeth Cooperative.",
    ),
    "officer@plymouth.gov.uk": (
        ["co-operative economy", "social value"],
        "Works on Plymouth's social enterprise city and its co-operative economy.",
    ),
    "lead@oldham.gov.uk": (["social value", "community leadership"], ""),
}

# email, name, organisation slug or None, status, groups, job title, superuser
ACCOUNTS = [
    ("admin@councils.coop", "Site Administrator", None, "confirmed", [], "Site admin", True),
    (
        "editor@councils.coop",
        "Nadia Editor",
        "rsa-2020-hub",
        "confirmed",
        [NETWORK_EDITORS],
        "Network editor",
        False,
    ),
    (
        "moderator@lambeth.gov.uk",
        "Marcus Moderator",
        "lambeth",
        "confirmed",
        [MODERATORS],
        "Neighbourhoods officer",
        False,
    ),
    (
        "lead@oldham.gov.uk",
        "Jo Lead",
        "oldham",
        "confirmed",
        [COUNCIL_LEADS],
        "Principal Policy Officer",
        False,
    ),
    (
        "lead@plymouth.gov.uk",
        "Priya Lead",
        "plymouth",
        "confirmed",
        [COUNCIL_LEADS],
        "Head of Co-operative Development",
        False,
    ),
    (
        "lead@cardiff.gov.uk",
        "Rhys Lead",
        "cardiff",
        "confirmed",
        [COUNCIL_LEADS],
        "Partnerships Manager",
        False,
    ),
    (
        "officer@oldham.gov.uk",
        "Olu Officer",
        "oldham",
        "confirmed",
        [],
        "Community Energy Officer",
        False,
    ),
    (
        "officer@lambeth.gov.uk",
        "Leah Officer",
        "lambeth",
        "confirmed",
        [],
        "Commissioning Officer",
        False,
    ),
    (
        "officer@plymouth.gov.uk",
        "Pat Officer",
        "plymouth",
        "confirmed",
        [],
        "Economic Development Officer",
        False,
    ),
    (
        "officer@sunderland.gov.uk",
        "Sam Officer",
        "sunderland",
        "confirmed",
        [],
        "Community Leadership Officer",
        False,
    ),
    (
        "officer@cardiff.gov.uk",
        "Cerys Officer",
        "cardiff",
        "confirmed",
        [],
        "Refugee Support Coordinator",
        False,
    ),
    (
        "pending@example.org",
        "Pending Person",
        "co-operative-party",
        "pending",
        [],
        "Policy researcher",
        False,
    ),
]


def load(*, stdout) -> None:
    User = get_user_model()
    for name, slug, region, joined, domain, lat, lon, summary in COUNCILS:
        org, _ = Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "region": region,
                "year_joined": joined,
                "membership_type": Organisation.MembershipType.FULL,
                "latitude": lat,
                "longitude": lon,
                "summary": summary,
                "approaches": APPROACHES.get(slug, ""),
                "website": f"https://www.{domain}/",
            },
        )
        EmailDomain.objects.get_or_create(domain=domain, defaults={"organisation": org})
        _directory(org, domain)
    for name, slug, summary in AFFILIATES:
        Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "summary": summary,
                "membership_type": Organisation.MembershipType.AFFILIATE,
            },
        )

    for email, name, org_slug, status, groups, job, superuser in ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=DEMO_PASSWORD,
                name=name,
                is_superuser=superuser,
                is_staff=superuser,
            )
        user.name = name
        user.job_title = job
        user.status = status
        user.organisation = Organisation.objects.get(slug=org_slug) if org_slug else None
        user.save()
        for group in groups:
            user.groups.add(Group.objects.get(name=group))
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if email in PROFILES:
            themes, bio = PROFILES[email]
            user.expertise.set(themes, clear=True)
            if bio:
                user.bio = bio
                user.save(update_fields=["bio"])
    stdout.write(
        f"Councils: {Organisation.objects.councils().count()}, "
        f"affiliates: {Organisation.objects.affiliates().count()}"
    )


def _email(name: str, domain: str) -> str:
    return name.lower().replace(" ", ".") + "@" + domain


def _directory(org, domain: str) -> None:
    """The council's approach themes, key contacts and advocates (replaced on each run)."""
    org.approach_themes.set(APPROACH_THEMES.get(org.slug, []), clear=True)
    org.save()
    CouncilContact.objects.filter(organisation=org).delete()
    for n, (name, role, phone) in enumerate(CONTACTS.get(org.slug, [])):
        CouncilContact.objects.create(
            organisation=org,
            sort_order=n,
            name=name,
            role=role,
            phone=phone,
            email=_email(name, domain),
        )
    Advocate.objects.filter(organisation=org).delete()
    for n, (name, role, themes) in enumerate(ADVOCATES.get(org.slug, [])):
        advocate = Advocate.objects.create(
            organisation=org, sort_order=n, name=name, role=role, email=_email(name, domain)
        )
        advocate.themes.set(themes)


def accounts_table() -> list[tuple[str, str]]:
    roles = {
        "admin@councils.coop": "site admin",
        "editor@councils.coop": "network editor",
        "moderator@lambeth.gov.uk": "moderator (officer, Lambeth)",
        "lead@oldham.gov.uk": "council lead, Oldham",
        "lead@plymouth.gov.uk": "council lead, Plymouth",
        "lead@cardiff.gov.uk": "council lead, Cardiff",
        "officer@oldham.gov.uk": "officer, Oldham",
        "officer@lambeth.gov.uk": "officer, Lambeth",
        "officer@plymouth.gov.uk": "officer, Plymouth",
        "officer@sunderland.gov.uk": "officer, Sunderland",
        "officer@cardiff.gov.uk": "officer, Cardiff",
        "pending@example.org": "pending member",
    }
    return [(email, roles[email]) for email, *_ in ACCOUNTS]
