"""Demo ideas on the network's themes, with votes, comments, stages and council evidence.

Facts come from the network's papers (its Policy Prototypes and Labs); the text
is written for the demo. Running it twice adds nothing.
"""

from django.contrib.auth import get_user_model
from django.test.utils import override_settings

from ideasbank import services
from ideasbank.models import Idea, Stage, Visibility

IDEAS = [
    {
        "author": "officer@cardiff.gov.uk",
        "title": "Volunteer buddies for newly arrived refugee families",
        "summary": "Pair each family with trained local volunteers for their first six months.",
        "body": (
            "Many residents want to help refugees and asylum seekers but do not know how. "
            "Cardiff has brought volunteers and community groups together to offer "
            "language practice, cultural activities and a friendly face.\n\n"
            "**The idea:** a buddy scheme any member council can copy, with a short "
            "training course, a code of conduct and a named officer as contact."
        ),
        "themes": "refugees, volunteering, community cohesion",
        "voters": [
            "officer@lambeth.gov.uk",
            "officer@oldham.gov.uk",
            "lead@plymouth.gov.uk",
            "officer@sunderland.gov.uk",
        ],
        "stage": (
            Stage.PROTOTYPE,
            "Cardiff Council will run this as a Policy Prototype on "
            "behalf of the network and share its training materials.",
        ),
        "evidence": [
            ("lead@cardiff.gov.uk", "piloting", "Running with three community groups.", "")
        ],
    },
    {
        "author": "officer@sunderland.gov.uk",
        "title": "Homework clubs inside breakfast and after-school care",
        "summary": "Work with parent-led out-of-school care to close the attainment gap.",
        "body": (
            "Out-of-school care already reaches the children who most need help with "
            "homework. Edinburgh has gathered good practice from councils across the "
            "network; this idea asks more councils to build homework support into the "
            "breakfast clubs and after-school settings they fund."
        ),
        "themes": "education, childcare, co-production",
        "voters": ["officer@cardiff.gov.uk", "officer@oldham.gov.uk"],
        "stage": (Stage.DISCUSSION, "The network forum will discuss this at its next session."),
    },
    {
        "author": "officer@plymouth.gov.uk",
        "title": "Tenants as shareholders in rooftop solar",
        "summary": "Council tenants own shares in the solar panels on their own homes.",
        "body": (
            "Plymouth showed at the network meeting of 28 March 2014 that co-operative "
            "energy models are already delivering. Offering tenants a share in the panels "
            "on their roofs lowers bills and keeps the return in the neighbourhood."
        ),
        "themes": "community energy, housing, co-operative economy",
        "voters": [
            "officer@oldham.gov.uk",
            "officer@lambeth.gov.uk",
            "officer@cardiff.gov.uk",
            "lead@oldham.gov.uk",
            "officer@sunderland.gov.uk",
            "lead@cardiff.gov.uk",
        ],
        "evidence": [
            (
                "lead@plymouth.gov.uk",
                "done",
                "Two estates in 2015.",
                "Bills fell for most households; a tenants' co-operative now runs the scheme.",
            ),
            ("lead@oldham.gov.uk", "interested", "Looking at our own housing stock.", ""),
        ],
        "comments": [
            ("officer@oldham.gov.uk", "How did you raise the first share offer?"),
            (
                "officer@plymouth.gov.uk",
                "Through a community share issue, with a council loan to underwrite it.",
            ),
        ],
    },
    {
        "author": "officer@lambeth.gov.uk",
        "title": "Service users on every co-operative commissioning panel",
        "summary": "People who use a service sit on the panel that commissions it.",
        "body": (
            "Lambeth's session on co-operative commissioning asked how residents can share "
            "power over what is bought on their behalf. A place on each panel, with training "
            "and expenses paid, is a simple first step."
        ),
        "themes": "commissioning, co-production",
        "visibility": Visibility.MEMBERS,
        "voters": ["officer@sunderland.gov.uk", "lead@plymouth.gov.uk"],
        "comments": [
            (
                "officer@sunderland.gov.uk",
                "We tried this for youth services; paying expenses made the difference.",
            )
        ],
    },
    {
        "author": "officer@oldham.gov.uk",
        "title": "Youth councils able to table resolutions at full council",
        "summary": "Write a youth council's right to table motions into the constitution.",
        "body": (
            "Oldham's Youth Council can table resolutions and challenge the Executive. "
            "Other councils could adopt the same constitutional change."
        ),
        "themes": "young people, local democracy",
        "voters": ["officer@lambeth.gov.uk", "officer@plymouth.gov.uk"],
        "stage": (Stage.ADOPTED, "Adopted by two more member councils this year."),
    },
    {
        "author": "lead@plymouth.gov.uk",
        "title": "Support for community groups after asset transfer",
        "summary": "A network of help for groups that have taken over council buildings.",
        "body": (
            "Asset transfer opened new opportunities for some organisations, while others "
            "held back because of governance or finance. Newcastle's study of what happens "
            "afterwards points to the help groups need once the keys are handed over."
        ),
        "themes": "asset transfer, community ownership",
        "voters": ["officer@oldham.gov.uk", "officer@cardiff.gov.uk", "officer@lambeth.gov.uk"],
        "stage": (Stage.LAB, "This idea joins the Beyond Asset Transfer Policy Lab."),
    },
    {
        "author": "officer@sunderland.gov.uk",
        "title": "Member and officer co-production training",
        "summary": "Councillors and officers learn co-production together, not apart.",
        "body": "Sunderland's network meeting on member development showed the value of "
        "joint sessions for councillors and officers.",
        "themes": "community leadership, co-production",
        "voters": ["lead@oldham.gov.uk"],
    },
    {
        "author": "officer@cardiff.gov.uk",
        "title": "A housing commission with tenants, builders and funders",
        "summary": "Bring everyone who shapes local housing to one table.",
        "body": "Croydon's Housing Commission examined how councils can work with "
        "communities, builders, landowners and funders to provide the homes people need.",
        "themes": "housing",
        "voters": ["officer@plymouth.gov.uk", "officer@lambeth.gov.uk"],
    },
]

DUPLICATE = {
    "author": "officer@lambeth.gov.uk",
    "title": "Solar panels owned by council tenants",
    "summary": "Let tenants own the solar panels on their homes.",
    "body": "Community energy on council homes.",
    "themes": "community energy",
    # Lambeth's officer backed both; Plymouth's lead only this one.
    "voters": ["officer@lambeth.gov.uk", "lead@plymouth.gov.uk"],
    "original": "Tenants as shareholders in rooftop solar",
}


def _load_idea(spec, people, editor):
    idea = Idea.objects.filter(title=spec["title"]).first()
    if idea is not None:
        return idea, False
    idea = services.idea_create(
        author=people[spec["author"]],
        title=spec["title"],
        summary=spec["summary"],
        body=spec["body"],
        themes=spec["themes"],
        visibility=spec.get("visibility", Visibility.PUBLIC),
    )
    for email in spec.get("voters", []):
        services.idea_vote_toggle(idea=idea, user=people[email], voted=True)
    parent = None
    for email, body in spec.get("comments", []):
        parent = services.comment_create(idea=idea, author=people[email], body=body, parent=parent)
    for email, status, note, outcome in spec.get("evidence", []):
        services.evidence_record(
            idea=idea, actor=people[email], status=status, note=note, outcome=outcome
        )
    if spec.get("stage"):
        stage, note = spec["stage"]
        services.idea_stage_change(idea=idea, actor=editor, stage=stage, note=note)
    return idea, True


def load(*, stdout) -> None:
    User = get_user_model()
    people = {u.email: u for u in User.objects.select_related("organisation")}
    editor = people.get("editor@councils.coop")
    if editor is None:
        stdout.write("Ideas bank: no demo accounts yet (load members first); skipped.")
        return
    created = 0
    # The demo posts faster than any member may.
    with override_settings(HUB_POST_RATE="1000/m", HUB_VOTE_RATE="1000/m"):
        for spec in IDEAS:
            created += _load_idea(spec, people, editor)[1]
        dup, is_new = _load_idea(DUPLICATE, people, editor)
        created += is_new
        if is_new:
            original = Idea.objects.get(title=DUPLICATE["original"])
            services.idea_mark_duplicate(idea=dup, original=original, actor=editor)
    stdout.write(f"Ideas bank: {created} ideas added, {Idea.objects.count()} in all.")
