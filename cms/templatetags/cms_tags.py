"""Template tags other apps' templates use to show network content."""

from django import template

from cms.projects import projects_for_idea

register = template.Library()


@register.inclusion_tag("cms/includes/idea_projects.html", takes_context=True)
def idea_projects(context, idea):
    """The Policy Labs and Prototypes an idea grew into (for the idea's page)."""
    return {"projects": projects_for_idea(context["request"].user, idea)}
