"""Validators for anything a person types, shared by every form and service."""

import re

from django.core.exceptions import ValidationError

# Tab, line feed and carriage return are ordinary typing; every other control
# character (NUL above all, which PostgreSQL refuses) is not.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def validate_text(value: str) -> None:
    if value and _CONTROL.search(value):
        raise ValidationError(
            "Remove the control characters (such as NUL) from this text.", code="control"
        )


def validate_single_line(value: str) -> None:
    """Names, titles and other one-line text: no line breaks (they break email headers)."""
    validate_text(value)
    if value and ("\n" in value or "\r" in value):
        raise ValidationError("Keep this on one line.", code="multiline")


def clean_text(value: str | None, *, field: str, label: str, max_length: int, required=True) -> str:
    """Strip and check one text value in a service; raises ValidationError keyed by field."""
    text = (value or "").strip()
    try:
        validate_text(text)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error
    if required and not text:
        raise ValidationError({field: f"Enter {label}."})
    if len(text) > max_length:
        raise ValidationError({field: f"Keep {label} to {max_length:,} characters or fewer."})
    return text


def strip_control(value: str) -> str:
    """The text without control characters: for search queries and other lookups."""
    return _CONTROL.sub("", value or "")
