"""Demo discussions between officers of several councils (run by load_demo).

Everything goes through the services, so post numbers, read state, watches and
mention notifications are exactly what real use would leave behind. Running it
twice adds nothing.
"""

from django.contrib.auth import get_user_model
from django.test.utils import override_settings

from forum.models import Category, Thread, Visibility
from forum.services.posts import post_create
from forum.services.threads import thread_create

CATEGORIES = [
    (
        "co-operative-commissioning",
        "Co-operative commissioning",
        "Commissioning with residents and providers: outcomes, contracts and social value.",
        Visibility.PUBLIC,
    ),
    (
        "community-energy",
        "Community energy",
        "Energy co-operatives, community shares and local generation.",
        Visibility.PUBLIC,
    ),
    (
        "financial-inclusion",
        "Financial inclusion",
        "Credit unions, affordable credit and advice that reaches people early.",
        Visibility.MEMBERS,
    ),
    (
        "officers-lounge",
        "Officers' lounge",
        "Anything officers of member councils want to ask each other. Members only.",
        Visibility.MEMBERS,
    ),
]

# category slug, title, [(author email, body), ...]: the first is the opening post.
THREADS = [
    (
        "community-energy",
        "Setting up a community energy co-operative: where did you start?",
        [
            (
                "officer@oldham.gov.uk",
                "We want to put solar panels on school and community building roofs "
                "and let residents own them through a co-operative. Which came first "
                "for you: the society, the sites or the finance?",
            ),
            (
                "officer@plymouth.gov.uk",
                "Sites first, then the society. Our energy co-operative grew out of the "
                "network meeting Plymouth hosted on **28 March 2014**, where councils "
                "showed models already working on the ground.\n\n- secure roof leases\n"
                "- register a Community Benefit Society\n- launch a community share offer",
            ),
            (
                "lead@plymouth.gov.uk",
                "@Olu Officer happy to share our lease template and the share offer "
                "document. The council lent the early money, which gave investors confidence.",
            ),
            (
                "officer@oldham.gov.uk",
                "> The council lent the early money\n\nThat is the part our finance team "
                "will ask about. Thank you both.",
            ),
        ],
    ),
    (
        "co-operative-commissioning",
        "Weighting social value in co-operative commissioning",
        [
            (
                "officer@sunderland.gov.uk",
                "How much weight do you give social value when you commission with "
                "residents? We are at 10% and providers say it makes little difference.",
            ),
            (
                "officer@lambeth.gov.uk",
                "Lambeth shared its practice at the January 2014 network session on "
                "co-operative commissioning. We moved from a percentage to outcomes "
                "residents agree with us before the tender goes out.",
            ),
            (
                "officer@cardiff.gov.uk",
                "We do something similar with volunteers and community groups when "
                "we commission support for refugees. @Leah Officer, do residents sit "
                "on your evaluation panel?",
            ),
            (
                "officer@lambeth.gov.uk",
                "Yes, two places on every panel, with training first.",
            ),
        ],
    ),
    (
        "financial-inclusion",
        "Credit union partnerships: payroll savings for council staff",
        [
            (
                "officer@cardiff.gov.uk",
                "Has anyone offered payroll savings with a local credit union to staff? "
                "We would like to start with our own workforce before residents.",
            ),
            (
                "lead@oldham.gov.uk",
                "We did. Sign-up doubled once the credit union ran drop-in sessions in "
                "the depots as well as the town hall.",
            ),
        ],
    ),
    (
        "officers-lounge",
        "Shadowing visits: what made yours worth the train fare?",
        [
            (
                "officer@sunderland.gov.uk",
                "Planning my first shadowing placement through the network. What should "
                "I ask the host council to show me?",
            ),
            (
                "officer@plymouth.gov.uk",
                "Ask to sit in on a real meeting with residents, not a presentation.",
            ),
            (
                "moderator@lambeth.gov.uk",
                "And write up three things you will try at home within a month; the "
                "network can turn them into a case study.",
            ),
        ],
    ),
]


def load(*, stdout) -> None:
    User = get_user_model()
    for order, (slug, name, description, visibility) in enumerate(CATEGORIES):
        Category.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "visibility": visibility,
                "sort_order": order,
            },
        )
    people = {u.email: u for u in User.objects.filter(email__contains="@")}
    added = 0
    # Demo posts come in a burst; keep demo emails out of the console.
    with override_settings(
        HUB_POST_RATE="1000/m", EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
    ):
        for slug, title, posts in THREADS:
            category = Category.objects.get(slug=slug)
            if Thread.objects.filter(category=category, title=title).exists():
                continue
            (author_email, opening), *replies = posts
            if author_email not in people or any(e not in people for e, _ in replies):
                stdout.write(f"Skipped “{title}”: load the members demo first.")
                continue
            thread = thread_create(
                category=category, author=people[author_email], title=title, body=opening
            ).thread
            for email, body in replies:
                post_create(thread=thread, author=people[email], body=body)
                thread.refresh_from_db()
            added += 1
    stdout.write(
        f"Discussions: {Category.objects.count()} categories, "
        f"{Thread.objects.count()} threads ({added} added)"
    )
