"""Template tags for people: an author's name, linked to their profile for those who may open it."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from members.permissions import can_view_profile

register = template.Library()


@register.simple_tag(takes_context=True)
def person_link(context, person, fallback="a former member"):
    """The person's name, a link to their profile when the reader may open it."""
    if person is None:
        return fallback
    name = str(person)
    request = context.get("request")
    viewer = getattr(request, "user", None)
    if viewer is not None and can_view_profile(viewer, person):
        return format_html(
            '<a href="{}" class="person-link">{}</a>',
            reverse("members:profile", args=[person.pk]),
            name,
        )
    return name
