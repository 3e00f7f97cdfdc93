"""Notifications: the one way every feature tells a member something, and the member's replies.

``notify`` stores a notification per recipient, pushes it to their open tabs
and emails it by their preference; the rest mark notifications read and turn
notification email off from an unsubscribe link.
"""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.realtime import broadcast_on_commit
from notifications.events import notification_new, notifications_group
from notifications.models import Frequency, Notification
from notifications.preferences import email_all_off, frequency_for, load_choices
from notifications.unread import unread_changed

DIGESTS = (Frequency.DAILY, Frequency.WEEKLY)

# Links already emailed were signed with this salt when notifications lived in
# core; changing it would break them.
UNSUBSCRIBE_SALT = "core.unsubscribe"


def _recipients(recipients: Iterable, actor) -> list:
    """Each person once, without the actor (nobody is told of their own action)."""
    seen: set[int] = set()
    people = []
    for person in recipients:
        if person is None or person.pk in seen:
            continue
        if actor is not None and person.pk == actor.pk:
            continue
        seen.add(person.pk)
        people.append(person)
    return people


def notify(
    *,
    recipients: Iterable,
    kind: str,
    title: str,
    url: str = "",
    body: str = "",
    actor=None,
) -> list[Notification]:
    """Store a notification for each recipient and email it by their preference.

    The actor (who caused it) is never notified of their own action; a
    recipient listed twice gets one notification.
    """
    people = _recipients(recipients, actor)
    if not people:
        return []
    now = timezone.now()
    title = title[:300]
    load_choices(people)
    frequencies = [frequency_for(person, kind) for person in people]
    rows = [
        Notification(
            recipient=person,
            kind=kind,
            title=title,
            body=body,
            url=url,
            created_at=now,
            digest_pending=frequency in DIGESTS,
            digest_frequency=frequency if frequency in DIGESTS else "",
        )
        for person, frequency in zip(people, frequencies, strict=True)
    ]
    with transaction.atomic():
        created = Notification.objects.bulk_create(rows)
        unread_changed(person.pk for person in people)
        for person in people:
            broadcast_on_commit(
                notifications_group(person.pk), notification_new(title=title, url=url)
            )
        immediate = [
            row.pk
            for row, person, frequency in zip(created, people, frequencies, strict=True)
            if frequency == Frequency.IMMEDIATELY and person.email
        ]
        if immediate:
            from notifications.tasks import send_notification_emails

            transaction.on_commit(
                lambda: send_notification_emails.enqueue(notification_ids=immediate)
            )
    return created


def notifications_mark_all_read(*, user) -> int:
    marked = Notification.objects.for_user(user).unread().update(read_at=timezone.now())
    unread_changed([user.pk])
    return marked


def notification_mark_read(*, user, notification_id: int) -> Notification | None:
    """Mark one of the member's own notifications read; None when it is not theirs."""
    notification = Notification.objects.for_user(user).filter(pk=notification_id).first()
    if notification and notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        unread_changed([user.pk])
    return notification


def unsubscribe_token(user) -> str:
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(user) -> str:
    path = reverse("notifications:unsubscribe", args=[unsubscribe_token(user)])
    return settings.SITE_URL.rstrip("/") + path


def unsubscribe_member(token: str):
    """The member an unsubscribe token was made for, or None for a forged or stale one."""
    try:
        user_pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=user_pk).first()


def email_unsubscribe(*, token: str):
    """Turn off every kind of notification email for the token's member (None: bad token)."""
    user = unsubscribe_member(token)
    if user is not None:
        email_all_off(user)
    return user
