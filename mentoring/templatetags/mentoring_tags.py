"""Template filters for mentoring pages: whether to show the council lead's links."""

from django import template

from mentoring import permissions

register = template.Library()


@register.filter
def leads_a_council(user) -> bool:
    return permissions.is_council_lead(user)
