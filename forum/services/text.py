"""What members write in the discussions: checking bodies and titles, finding @mentions, quoting."""

import re

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.utils.html import strip_tags

from core.validators import validate_text

MAX_BODY = 20_000
MAX_TITLE = 200
MAX_REASON = 1_000
# "@" at the start or after a space, then up to four words of a name.
MENTION = re.compile(r"(?<![\w@.])@(\w[\w'’.-]*(?:[ \t]+\w[\w'’.-]*){0,3})")


def _refuse_control(field: str, text: str) -> None:
    try:
        validate_text(text)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error


def clean_body(body: str) -> str:
    body = (body or "").replace("\r\n", "\n").strip()
    if not body:
        raise ValidationError({"body": "Write something before posting."})
    if len(body) > MAX_BODY:
        raise ValidationError(
            {"body": f"A post can be at most {MAX_BODY:,} characters; this one has {len(body):,}."}
        )
    _refuse_control("body", body)
    return body


def clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": "Give the thread a title."})
    if len(title) > MAX_TITLE:
        raise ValidationError({"title": f"A title can be at most {MAX_TITLE} characters."})
    _refuse_control("title", title)
    return title


def plain_text(html: str) -> str:
    """Rendered HTML as one line of text, for notifications, feeds and search."""
    return " ".join(strip_tags(html).split())


def find_mentions(body: str) -> list:
    """The members named after "@" in the body; ValidationError if a name matches nobody."""
    tokens = [m.group(1).rstrip(".-'’") for m in MENTION.finditer(body)]
    if not tokens:
        return []
    candidates: dict[str, list[str]] = {}
    for token in tokens:
        words = token.split()
        candidates[token] = [" ".join(words[:n]).lower() for n in range(len(words), 0, -1)]
    wanted = {name for names in candidates.values() for name in names}
    found = {}
    for person in (
        get_user_model()
        .objects.confirmed_members()
        .annotate(lower_name=Lower("name"))
        .filter(lower_name__in=wanted)
        .order_by("pk")
    ):
        found.setdefault(person.lower_name, person)
    people, unknown = [], []
    for token, names in candidates.items():
        match = next((found[name] for name in names if name in found), None)
        if match is None:
            unknown.append(token.split()[0])
        elif match not in people:
            people.append(match)
    if unknown:
        listed = ", ".join(f"@{name}" for name in unknown)
        raise ValidationError(
            {
                "body": f"No member is called {listed}. Mention someone by their full name "
                "(for example @Olu Officer), or remove the @."
            }
        )
    return people


def quote_markdown(post) -> str:
    """Markdown that quotes a post, for the reply box."""
    lines = post.body.splitlines() or [""]
    quoted = "\n".join(f"> {line}" if line else ">" for line in lines)
    return f"@{post.author.name} wrote:\n\n{quoted}\n\n"
