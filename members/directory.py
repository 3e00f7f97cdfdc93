"""Reads for the council directory, council pages, member profiles, the people finder and the map.

Each list goes through its own app's visible_to queryset (or cms.privacy for pages), and
each page makes the same number of queries however much the council or person has.
"""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db.models import Q

from cms.privacy import pages_visible_to
from members.models import Advocate, Organisation, OrganisationApproach
from members.permissions import can_edit_council, can_view_contacts

User = get_user_model()
LIST_LIMIT = 20
EXAMPLES_PER_COUNCIL = 5


def _ideas(user):
    from ideasbank.models import Idea

    return Idea.objects.visible_to(user)


def council_context(user, organisation: Organisation) -> dict:
    """Everything a council has on the site that this person may open."""
    from cms.models import EventPage
    from ideasbank.models import Evidence
    from mentoring.models import Placement

    ideas = list(_ideas(user).filter(council=organisation).order_by("-created_at")[:LIST_LIMIT])
    evidence = list(
        Evidence.objects.filter(council=organisation, idea__in=_ideas(user))
        .select_related("idea")
        .order_by("-updated_at")[:LIST_LIMIT]
    )
    placements = list(
        Placement.objects.visible_to(user)
        .filter(host_council=organisation)
        .order_by("-pk")[:LIST_LIMIT]
    )
    events = list(
        pages_visible_to(user, EventPage.objects.filter(host_council=organisation)).order_by(
            "-start"
        )[:LIST_LIMIT]
    )
    context = {
        "organisation": organisation,
        "approach_themes": list(organisation.approach_themes.all()),
        "ideas": ideas,
        "evidence": evidence,
        "placements": placements,
        "events": events,
        "show_contacts": can_view_contacts(user, organisation),
        "can_edit": can_edit_council(user, organisation),
        "contacts": [],
        "advocates": [],
        "people": [],
    }
    if context["show_contacts"]:
        context["contacts"] = list(organisation.contacts.all())
        context["advocates"] = list(
            Advocate.objects.filter(organisation=organisation).prefetch_related("themes")
        )
        context["people"] = list(
            User.objects.profiles_visible_to(user).filter(organisation=organisation)
        )
    return context


def profile_context(viewer, person) -> dict:
    """A member's profile: their ideas, discussions and hosted placements the viewer may open."""
    from forum.models import Thread
    from mentoring.models import Placement

    return {
        "person": person,
        "expertise": list(person.expertise.all()),
        "ideas": list(_ideas(viewer).filter(author=person).order_by("-created_at")[:LIST_LIMIT]),
        "threads": list(
            Thread.objects.visible_to(viewer)
            .filter(author=person)
            .order_by("-created_at")[:LIST_LIMIT]
        ),
        "placements": list(
            Placement.objects.visible_to(viewer)
            .filter(host_officer=person)
            .select_related("host_council")
            .order_by("-pk")[:LIST_LIMIT]
        ),
    }


def find_people(viewer, *, q: str = "", theme: str = "", council=None):
    """Members whose profile the viewer may open, filtered by text, theme and council."""
    people = (
        User.objects.profiles_visible_to(viewer)
        .select_related("organisation")
        .prefetch_related("expertise")
    )
    if q:
        people = people.filter(
            Q(name__icontains=q) | Q(job_title__icontains=q) | Q(bio__icontains=q)
        )
    if theme:
        people = people.filter(
            Q(expertise__slug=theme) | Q(expertise__name__iexact=theme)
        ).distinct()
    if council is not None:
        people = people.filter(organisation=council)
    return people.order_by("name", "pk")


def approach_choices() -> list[tuple[str, str]]:
    """The themes councils name among their approaches, for the filter."""
    return list(
        OrganisationApproach.objects.order_by("tag__name")
        .values_list("tag__slug", "tag__name")
        .distinct()
    )


def councils_filtered(*, region: str = "", approach: str = ""):
    councils = Organisation.objects.councils().prefetch_related("approach_themes")
    if region:
        councils = councils.filter(region=region)
    if approach:
        councils = councils.filter(approach_items__tag__slug=approach).distinct()
    return councils


def live_examples(user, councils) -> dict[int, list[dict]]:
    """Per council: ideas it is piloting or has done, and its case studies (the reader's own)."""
    from cms.models import CaseStudyPage
    from ideasbank.models import Evidence

    ids = [c.pk for c in councils]
    examples = defaultdict(list)
    evidence = (
        Evidence.objects.filter(
            council_id__in=ids,
            status__in=[Evidence.Status.PILOTING, Evidence.Status.DONE],
            idea__in=_ideas(user),
        )
        .select_related("idea")
        .order_by("-updated_at")
    )
    for e in evidence:
        examples[e.council_id].append(
            {
                "title": e.idea.title,
                "url": e.idea.get_absolute_url(),
                "kind": e.get_status_display(),
            }
        )
    studies = pages_visible_to(user, CaseStudyPage.objects.filter(council_id__in=ids)).order_by(
        "-first_published_at"
    )
    for page in studies:
        examples[page.council_id].append(
            {"title": page.title, "url": page.url, "kind": "Case study"}
        )
    return {k: v[:EXAMPLES_PER_COUNCIL] for k, v in examples.items()}


def map_councils(user, councils) -> list[dict]:
    """The councils as the map and its list show them (coordinates may be missing)."""
    councils = list(councils)
    examples = live_examples(user, councils)
    return [
        {
            "slug": c.slug,
            "name": c.name,
            "url": c.get_absolute_url(),
            "region": c.get_region_display(),
            "summary": c.summary,
            "lat": float(c.latitude) if c.latitude is not None else None,
            "lng": float(c.longitude) if c.longitude is not None else None,
            "approaches": [t.name for t in c.approach_themes.all()],
            "examples": examples.get(c.pk, []),
        }
        for c in councils
    ]
