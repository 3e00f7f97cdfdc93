"""The site's page types, one address each, found in the demo data."""

from django.core.management import call_command

from members.demo import DEMO_PASSWORD  # noqa: F401  (re-exported for the browser tests)

POLICY_PATHS = ["/privacy/", "/accessibility/", "/cookies/", "/contact/"]
OFFICER = "officer@oldham.gov.uk"
LEAD = "lead@oldham.gov.uk"


def load_demo() -> None:
    import io

    call_command("load_demo", stdout=io.StringIO())


def page_types() -> dict[str, str]:
    """{page type: path} for every kind of page a member can open."""
    from cms.models import CaseStudyPage, EventPage
    from forum.models import Category, Thread
    from ideasbank.models import Idea
    from liveblogs.models import LiveblogPage
    from mentoring.models import Placement

    return {
        "home": "/",
        "idea list": "/ideas/",
        "idea detail": Idea.objects.order_by("pk").first().get_absolute_url(),
        "idea form": "/ideas/new/",
        "discussion list": "/discussions/",
        "discussion category": Category.objects.order_by("pk").first().get_absolute_url(),
        "discussion thread": Thread.objects.order_by("pk").first().get_absolute_url(),
        "placements list": "/shadowing/",
        "placement detail": Placement.objects.order_by("pk").first().get_absolute_url(),
        "council placements": "/shadowing/council/",
        "liveblog": LiveblogPage.objects.live().order_by("pk").first().url,
        "library index": "/library/",
        "case study": CaseStudyPage.objects.live().order_by("pk").first().url,
        "event index": "/events/",
        "event page": EventPage.objects.live().order_by("pk").first().url,
        "council list": "/members/councils/",
        "council map": "/members/councils/map/",
        "council detail": "/members/councils/oldham/",
        "search": "/search/?q=energy",
        "account": "/members/account/",
        "notifications": "/notifications/",
        "my data": "/accounts/my-data/",
        **{f"policy {path.strip('/')}": path for path in POLICY_PATHS},
        "not found": "/no-such-page/",
    }


# Pages for visitors only (a signed-in member is sent on from them).
VISITOR_PAGES = {
    "sign in": "/accounts/login/",
    "sign up": "/accounts/signup/",
    "password reset": "/accounts/password/reset/",
}
