"""Every email the hub sends: branded, in HTML and plain text, with absolute links.

Templates come in pairs, ``<name>.txt`` and ``<name>.html``; the HTML one
extends ``email/base.html``. Emails about notifications and the briefing carry
the member's one-click unsubscribe link (RFC 8058 headers too).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

SUBJECT_PREFIX = "[CCIN] "


def site_url() -> str:
    return settings.SITE_URL.rstrip("/")


def render_pair(template: str, context: dict) -> tuple[str, str]:
    context = {"site_url": site_url(), **context}
    return (
        render_to_string(f"{template}.txt", context),
        render_to_string(f"{template}.html", context),
    )


def send_branded(user, subject: str, template: str, context: dict) -> None:
    """Send a member an email they may turn off, with the one-click unsubscribe."""
    from notifications.services import unsubscribe_url

    link = unsubscribe_url(user)
    text, html = render_pair(template, {**context, "user": user, "unsubscribe_url": link})
    message = EmailMultiAlternatives(
        subject=f"{SUBJECT_PREFIX}{subject}",
        body=text,
        to=[user.email],
        headers={
            # RFC 8058: mail clients offer one-click unsubscribe with a POST to this link.
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    message.send()
