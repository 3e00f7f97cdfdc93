"""Member councils and affiliates, with each council's directory (directory.py)."""

from members.demo import directory
from members.models import EmailDomain, Organisation, Region

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


def load() -> None:
    """Create or update the councils, their email domains and directories, then the affiliates."""
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
        directory.load(org, domain)
    for name, slug, summary in AFFILIATES:
        Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "summary": summary,
                "membership_type": Organisation.MembershipType.AFFILIATE,
            },
        )
