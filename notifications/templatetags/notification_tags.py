"""The email settings form, shown on the member's account page."""

from django import template

from notifications.forms import EmailChoicesForm
from notifications.preferences import choices_for

register = template.Library()


@register.inclusion_tag("notifications/includes/email_settings.html", takes_context=True)
def email_settings_form(context):
    user = context["request"].user
    return {
        "form": EmailChoicesForm(choices=choices_for(user)),
        "csrf_token": context.get("csrf_token"),
    }
