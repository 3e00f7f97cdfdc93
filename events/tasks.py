"""Registration emails (confirmation, waiting list, offers, reminders), sent through django-tasks.

These answer the member's own registration, so they are sent whatever their
notification preference, like the emails about their membership.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from events.calendar import absolute_url, event_ics
from events.models import Registration

SUBJECTS = {
    "registered": "You have a place at {title}",
    "waiting": "You are on the waiting list for {title}",
    "offered": "A place is free at {title}: accept it by {deadline}",
    "lapsed": "Your offer of a place at {title} has lapsed",
    "reminder": "Reminder: {title} on {date}",
}
# The state a registration must still be in for its email to make sense.
STILL_TRUE = {
    "registered": Registration.State.REGISTERED,
    "waiting": Registration.State.WAITING,
    "offered": Registration.State.OFFERED,
    "lapsed": Registration.State.LAPSED,
    "reminder": Registration.State.REGISTERED,
}
WITH_CALENDAR = {"registered", "reminder"}


def build_email(registration, kind: str) -> EmailMultiAlternatives:
    event = registration.event
    start = timezone.localtime(event.start)
    deadline = (
        timezone.localtime(registration.offer_expires_at) if registration.offer_expires_at else None
    )
    site_url = settings.SITE_URL.rstrip("/")
    context = {
        "registration": registration,
        "event": event,
        "user": registration.user,
        "start": start,
        "end": timezone.localtime(event.end),
        "deadline": deadline,
        "event_url": absolute_url(event),
        "site_url": site_url,
        "kind": kind,
    }
    subject = SUBJECTS[kind].format(
        title=event.title,
        date=f"{start.day} {start:%B %Y}",
        deadline=f"{deadline:%H:%M} on {deadline.day} {deadline:%B}" if deadline else "",
    )
    message = EmailMultiAlternatives(
        subject=f"[CCIN] {subject}",
        body=render_to_string(f"events/email/{kind}.txt", context),
        to=[registration.user.email],
    )
    message.attach_alternative(render_to_string(f"events/email/{kind}.html", context), "text/html")
    if kind in WITH_CALENDAR:
        message.attach(f"{event.slug}.ics", event_ics(event), "text/calendar")
    return message


@task()
def send_registration_email(registration_id: int, kind: str) -> bool:
    """Email the member about their registration, unless it has changed since."""
    registration = (
        Registration.objects.select_related("user", "event").filter(pk=registration_id).first()
    )
    if registration is None or registration.state != STILL_TRUE[kind]:
        return False
    if not registration.user.email:
        return False
    build_email(registration, kind).send()
    return True
