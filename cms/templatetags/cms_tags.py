"""Template tags other apps' templates use to show network content."""

from django import template

from cms.privacy import can_view_page
from cms.projects import projects_for_idea

register = template.Library()


@register.inclusion_tag("cms/includes/idea_projects.html", takes_context=True)
def idea_projects(context, idea):
    """The Policy Labs and Prototypes an idea grew into (for the idea's page)."""
    return {"projects": projects_for_idea(context["request"].user, idea)}


@register.simple_tag(takes_context=True)
def page_if_visible(context, page):
    """The page when the reader may open it, else None: no link to a page they cannot read."""
    if page is None:
        return None
    request = context.get("request")
    user = getattr(request, "user", None)
    return page if can_view_page(user, page, session=getattr(request, "session", None)) else None


@register.inclusion_tag("cms/includes/council_library.html", takes_context=True)
def council_library(context, organisation, limit=10):
    """The case studies, guides and projects of a council that the reader may open (its page)."""
    from cms.library import council_items

    items = council_items(context["request"].user, organisation, limit=limit)
    return {"items": items, "organisation": organisation}
