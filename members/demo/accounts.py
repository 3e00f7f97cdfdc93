"""One demo account for every role, all with the same password."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from members.models import Organisation
from members.permissions import COUNCIL_LEADS, MODERATORS, NETWORK_EDITORS

DEMO_PASSWORD = "co-operate-2026"

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


# email: the role as the load_demo command lists it
ROLES = {
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


def load() -> None:
    """Create the accounts that are missing and bring every one back to its demo state."""
    User = get_user_model()
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


def accounts_table() -> list[tuple[str, str]]:
    return [(email, ROLES[email]) for email, *_ in ACCOUNTS]
