from django import template

from mentoring import permissions

register = template.Library()


@register.filter
def leads_a_council(user) -> bool:
    return permissions.is_council_lead(user)
