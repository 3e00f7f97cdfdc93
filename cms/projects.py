"""Policy Labs and Prototypes and the ideas bank, linked both ways, for what the reader may open."""

from django.db.models import Q

from cms.privacy import pages_visible_to


def project_ideas(project, user) -> list:
    """The ideas a project grew from: chosen by its editors, or naming it as their project."""
    from ideasbank.models import Idea

    chosen = [link.idea_id for link in project.idea_links.all()]
    return list(
        Idea.objects.visible_to(user)
        .filter(Q(pk__in=chosen) | Q(project_page_id=project.pk))
        .select_related("council")
        .order_by("-vote_count", "-created_at")
    )


def project_context(project, user) -> dict:
    return {
        "ideas": project_ideas(project, user),
        "updates": sorted(
            project.updates.all(), key=lambda u: (u.date, u.sort_order or 0), reverse=True
        ),
        "partners": list(project.partner_councils.all()),
        "principles": list(project.principles.all()),
    }


def projects_for_idea(user, idea) -> list:
    """Labs and Prototypes that grew from this idea and that this person may open.

    The idea's own project page (its stage change) is shown by the ideas bank,
    so it is left out here.
    """
    from cms.models import PolicyProjectPage

    projects = pages_visible_to(
        user, PolicyProjectPage.objects.filter(idea_links__idea_id=idea.pk).distinct()
    )
    if idea.project_page_id:
        projects = projects.exclude(pk=idea.project_page_id)
    return list(projects.specific().order_by("title"))
