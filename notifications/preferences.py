"""Which kinds of notification a member wants emailed, and how often: one choice per kind.

Every ``notify(kind=...)`` string maps to one of five kinds by its prefix
(``forum.mention`` -> replies and mentions). A member without saved choices
gets their account-wide setting (``User.email_frequency``) for every kind.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from notifications.models import EmailCategory, EmailPreferences, Frequency

# The prefix of each notify() kind used across the apps.
KIND_CATEGORIES = {
    "forum": EmailCategory.REPLIES,
    "ideas": EmailCategory.IDEAS,
    "mentoring": EmailCategory.PLACEMENTS,
    "events": EmailCategory.EVENTS,
    "reminder": EmailCategory.EVENTS,
    "membership": EmailCategory.MEMBERSHIP,
    "contacts": EmailCategory.MEMBERSHIP,
    "advocates": EmailCategory.MEMBERSHIP,
}


def category_for(kind: str) -> str:
    return KIND_CATEGORIES.get((kind or "").split(".")[0], EmailCategory.MEMBERSHIP)


def choices_for(user) -> dict[str, str]:
    """{category: frequency} for this member, saved or from their account-wide setting."""
    saved = getattr(user, "_email_choices", None)
    if saved is not None:
        return saved
    row = EmailPreferences.objects.filter(user=user).first()
    return row.as_dict() if row else dict.fromkeys(EmailCategory.values, user.email_frequency)


def load_choices(people) -> None:
    """Fetch every person's saved choices in one query (for notify's recipients)."""
    rows = {row.user_id: row for row in EmailPreferences.objects.filter(user__in=people)}
    for person in people:
        row = rows.get(person.pk)
        person._email_choices = (
            row.as_dict() if row else dict.fromkeys(EmailCategory.values, person.email_frequency)
        )


def frequency_for(user, kind: str) -> str:
    return choices_for(user)[category_for(kind)]


def email_choices_save(*, user, choices: dict[str, str]) -> EmailPreferences:
    """Save the member's choice for each kind (an unknown frequency is refused)."""
    from django.core.exceptions import ValidationError

    errors = {
        key: "Choose immediately, daily, weekly or never."
        for key in EmailCategory.values
        if choices.get(key) not in Frequency.values
    }
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        row, _ = EmailPreferences.objects.update_or_create(
            user=user, defaults={key: choices[key] for key in EmailCategory.values}
        )
    user._email_choices = row.as_dict()
    return row


def email_all_off(user) -> None:
    """Turn every kind of notification email off (the one-click unsubscribe)."""
    User = get_user_model()
    EmailPreferences.objects.update_or_create(
        user=user, defaults=dict.fromkeys(EmailCategory.values, Frequency.NEVER)
    )
    if user.email_frequency != User.EmailFrequency.NEVER:
        user.email_frequency = User.EmailFrequency.NEVER
        user.save(update_fields=["email_frequency"])
    user._email_choices = dict.fromkeys(EmailCategory.values, Frequency.NEVER)
