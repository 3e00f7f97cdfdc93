"""Themes: the one rule for turning typed text into django-taggit tags, and the form field.

A comma separates themes; spaces do not, so "co-operative energy" is one
theme. Settings point django-taggit's own parser here
(TAGGIT_TAGS_FROM_STRING), so admin forms, TagField and services agree.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from taggit.forms import TagField, TagWidget

THEME_MAX = 50
THEMES_MAX = 10
THEME_PATTERN = re.compile(r"^[\w][\w '’&\-.]*$")
HELP = "Separate themes with commas, for example: co-operative energy, social value."


def _name(part) -> str:
    return " ".join(str(part).split())


def tags_from_string(value: str) -> list[str]:
    """django-taggit's parser hook: comma-separated names, stripped, duplicates dropped."""
    themes: list[str] = []
    seen: set[str] = set()
    for part in (value or "").split(","):
        name = _name(part)
        if name and name.lower() not in seen:
            seen.add(name.lower())
            themes.append(name)
    return themes


def string_from_tags(tags) -> str:
    """django-taggit's edit-string hook: names joined by ", "."""
    names = sorted(getattr(tag, "name", tag) for tag in tags)
    return ", ".join(names)


def parse_themes(value) -> list[str]:
    """Text (or a list) to clean theme names; ValidationError on {"themes": ...} when off."""
    if isinstance(value, str):
        names = tags_from_string(value)
    else:
        names = tags_from_string(",".join(str(part).replace(",", " ") for part in value or []))
    for name in names:
        if len(name) > THEME_MAX:
            raise ValidationError(
                {"themes": f"Keep each theme to {THEME_MAX} characters: “{name[:THEME_MAX]}…”."}
            )
        if not THEME_PATTERN.match(name):
            raise ValidationError(
                {
                    "themes": f"“{name}” has characters a theme cannot use. Use letters, "
                    "numbers, spaces, hyphens, apostrophes and “&”."
                }
            )
    if len(names) > THEMES_MAX:
        raise ValidationError({"themes": f"Choose at most {THEMES_MAX} themes."})
    return names


class ThemesWidget(TagWidget):
    """A text input that offers existing themes as a datalist, filled as the member types."""

    def __init__(self, suggest_url: str = "", attrs=None):
        attrs = {"autocomplete": "off", "list": "theme-suggestions", **(attrs or {})}
        # reverse_lazy() is welcome: test for "" without resolving it at import time.
        if not isinstance(suggest_url, str) or suggest_url:
            attrs["data-theme-url"] = suggest_url
        super().__init__(attrs=attrs)


class ThemesField(TagField):
    """The themes field of every form: the one rule above, with clear messages."""

    widget = ThemesWidget

    def __init__(self, *, suggest_url: str = "", **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", HELP)
        kwargs.setdefault("widget", ThemesWidget(suggest_url=suggest_url))
        super().__init__(**kwargs)

    def clean(self, value):
        value = forms.CharField.clean(self, value)
        try:
            return parse_themes(value or "")
        except ValidationError as error:
            raise ValidationError(error.message_dict["themes"]) from error
