"""Profiles: a member changes their own name, job, bio, expertise, emails and visibility."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from core.themes import parse_themes
from core.validators import clean_text, validate_single_line

User = get_user_model()


def _single_line(value: str, *, field: str, label: str, max_length: int, required: bool) -> str:
    text = clean_text(value, field=field, label=label, max_length=max_length, required=required)
    try:
        validate_single_line(text)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error
    return text


def profile_update(
    *,
    user,
    name: str,
    job_title: str,
    bio: str,
    expertise,
    email_frequency: str,
    profile_hidden: bool = False,
):
    """Save the member's own profile; ValidationError (field -> messages) on bad input."""
    name = _single_line(name, field="name", label="your full name", max_length=150, required=True)
    job_title = _single_line(
        job_title, field="job_title", label="your job title", max_length=150, required=False
    )
    bio = clean_text(bio, field="bio", label="your bio", max_length=1000, required=False)
    themes = parse_themes(expertise)
    if email_frequency not in User.EmailFrequency.values:
        raise ValidationError({"email_frequency": "Choose how often to get emails."})
    with transaction.atomic():
        user.name = name
        user.job_title = job_title
        user.bio = bio
        user.email_frequency = email_frequency
        user.profile_hidden = bool(profile_hidden)
        user.save(update_fields=["name", "job_title", "bio", "email_frequency", "profile_hidden"])
        user.expertise.set(themes, clear=True)
    return user
