"""Each council's approach themes, key contacts and advocates, for the directory and map."""

from members.models import Advocate, CouncilContact

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


def load(org, domain: str) -> None:
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


def _email(name: str, domain: str) -> str:
    return name.lower().replace(" ", ".") + "@" + domain
