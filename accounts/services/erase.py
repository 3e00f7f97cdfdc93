"""Delete my account: remove a person's personal data, keep what they wrote as "a former member"."""

import secrets
from importlib import import_module

from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.hashers import check_password
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from accounts.models import DataExport
from accounts.services.scrub import scrub_everywhere
from core.ratelimit import enforce
from members.permissions import is_network_editor

User = get_user_model()

FORMER_MEMBER = "a former member"
ERASED_DOMAIN = "erased.invalid"

# Rows that only serve the person themselves: removed outright. Their
# contributions (ideas, votes, comments, threads, posts, placements,
# applications, feedback, entries) stay, attributed to the anonymised account,
# so every count and every thread reads as before.
PRIVATE_ROWS = [
    ("notifications.Notification", "recipient"),
    ("core.Notification", "recipient"),
    ("ideasbank.Follow", "user"),
    ("forum.ReadState", "user"),
    ("forum.ThreadWatch", "user"),
    ("forum.CategoryWatch", "user"),
    ("mentoring.CalendarFeed", "user"),
    ("wagtailusers.UserProfile", "user"),
    ("wagtailcore.PageSubscription", "user"),
    ("wagtailadmin.EditingSession", "user"),
    ("wagtailadmin.FormState", "user"),
    ("wagtailcore.APIToken", "user"),
    ("socialaccount.SocialAccount", "user"),
]
# Open offers and requests close: nobody can take them up with a former member.
CLOSE_OPEN = [
    ("mentoring.MentorOffer", "mentor", "is_open"),
    ("mentoring.MentoringRequest", "mentee", "is_open"),
]


def is_erased(user) -> bool:
    return (user.email or "").endswith("@" + ERASED_DOMAIN)


def _model(label):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def check_erase_confirmation(*, user, email: str, password: str) -> None:
    """The member typed their own address and, if they have one, their password."""
    errors = {}
    if email.strip().lower() != user.email.lower():
        errors["email"] = ["Type the email address you sign in with."]
    if user.has_usable_password() and not check_password(password, user.password):
        errors["password"] = ["That is not your password."]
    if errors:
        raise ValidationError(errors)


def account_erase_own(*, user, email: str, password: str = ""):
    """A member deletes their own account after typing their address (and password)."""
    enforce(f"accounts.erase:{user.pk}", "5/10m", "Too many tries. Wait ten minutes.")
    check_erase_confirmation(user=user, email=email, password=password)
    account_erase(user=user, actor=user)
    return user


def account_erase(*, user, actor) -> None:
    """Erase ``user``: the member themselves, or a network editor on their request."""
    if actor.pk != user.pk and not is_network_editor(actor):
        raise PermissionDenied("Only a network editor can delete someone else's account.")
    if user.is_superuser:
        raise PermissionDenied(
            "A site administrator's account is removed by another administrator."
        )
    if is_erased(user):
        raise ValidationError("This account has already been deleted.")
    with transaction.atomic():
        person = User.objects.select_for_update().get(pk=user.pk)
        names = {person.name}
        addresses = EmailAddress.objects.filter(user=person).values_list("email", flat=True)
        emails = {person.email.lower()} | {e.lower() for e in addresses}
        placeholder = f"former-member-{person.pk}-{secrets.token_hex(6)}@{ERASED_DOMAIN}"

        EmailAddress.objects.filter(user=person).delete()
        DataExport.objects.filter(user=person).delete()
        for label, owner in PRIVATE_ROWS:
            if model := _model(label):
                model._base_manager.filter(**{owner: person}).delete()
        for label, owner, flag in CLOSE_OPEN:
            if model := _model(label):
                model._base_manager.filter(**{owner: person}).update(**{flag: False})

        person.expertise.clear()
        person.groups.clear()
        person.user_permissions.clear()
        person.name = FORMER_MEMBER
        person.email = placeholder
        person.job_title = ""
        person.bio = ""
        person.organisation = None
        person.email_frequency = User.EmailFrequency.NEVER
        person.is_active = False
        person.is_staff = False
        person.last_login = None
        # A new password hash also ends every session at its next request.
        person.set_unusable_password()
        person.save()

        scrub_everywhere(names=names, emails=emails, name_as=FORMER_MEMBER, email_as=placeholder)
        log(
            instance=person,
            action="accounts.erase",
            user=actor if actor.pk != person.pk else None,
            data={"on_request": actor.pk != person.pk, "at": timezone.now().isoformat()},
        )
        end_sessions(user_id=person.pk)
    user.refresh_from_db()


def end_sessions(*, user_id: int) -> int:
    """Delete every stored session of this user (database, and its cache copy with cached_db)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    now = timezone.now()
    for session in Session.objects.filter(expire_date__gt=now).iterator():
        try:
            data = session.get_decoded()
        except Exception:  # noqa: S112 - a corrupt session is not this person's
            continue
        if str(data.get(SESSION_KEY)) == str(user_id):
            store(session_key=session.session_key).delete()
            ended += 1
    return ended
