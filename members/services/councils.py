"""A council's lead (or a network editor) edits its profile, key contacts and advocates."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from wagtail import log_actions

from core.themes import parse_themes
from core.validators import clean_text, validate_single_line
from members.models import Advocate, CouncilContact, Organisation
from members.permissions import can_edit_council

PROFILE_ACTION = "members.council_profile"
CONTACTS_ACTION = "members.council_contacts"
ADVOCATES_ACTION = "members.council_advocates"
MAX_PEOPLE = 30


@dataclass
class Person:
    """One contact or advocate as typed into the form (advocates also carry themes)."""

    name: str
    role: str = ""
    email: str = ""
    phone: str = ""
    themes: list[str] = field(default_factory=list)


def _require_editor(actor, organisation: Organisation) -> None:
    if not can_edit_council(actor, organisation):
        raise PermissionDenied("Only this council's leads and network editors edit its profile.")


def _line(value: str, *, field: str, label: str, max_length: int, required: bool) -> str:
    text = clean_text(value, field=field, label=label, max_length=max_length, required=required)
    try:
        validate_single_line(text)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error
    return text


def council_profile_update(
    *, actor, organisation: Organisation, summary: str, approaches: str, website: str, themes
) -> Organisation:
    """Save the council's one-line summary, approaches profile, website and approach themes."""
    _require_editor(actor, organisation)
    summary = _line(summary, field="summary", label="the summary", max_length=300, required=False)
    approaches = clean_text(
        approaches, field="approaches", label="the approaches", max_length=20000, required=False
    )
    website = (website or "").strip()
    approach_themes = parse_themes(themes)
    with transaction.atomic():
        organisation.summary = summary
        organisation.approaches = approaches
        organisation.website = website
        organisation.approach_themes.set(approach_themes, clear=True)
        organisation.save()  # also writes the cluster's approach themes
        log_actions.log(
            instance=organisation,
            action=PROFILE_ACTION,
            user=actor,
            data={"themes": approach_themes},
        )
    return organisation


def _clean_people(people: list[Person], *, kind: str) -> list[Person]:
    if len(people) > MAX_PEOPLE:
        raise ValidationError(f"At most {MAX_PEOPLE} {kind}.")
    return [
        Person(
            name=_line(p.name, field="name", label="the name", max_length=150, required=True),
            role=_line(p.role, field="role", label="the role", max_length=150, required=False),
            email=(p.email or "").strip().lower(),
            phone=_line(p.phone, field="phone", label="the phone", max_length=40, required=False),
            themes=list(p.themes),
        )
        for p in people
    ]


def council_contacts_set(*, actor, organisation: Organisation, contacts: list[Person]) -> list:
    """Replace the council's key contacts with these, in this order."""
    _require_editor(actor, organisation)
    contacts = _clean_people(contacts, kind="contacts")
    with transaction.atomic():
        CouncilContact.objects.filter(organisation=organisation).delete()
        saved = CouncilContact.objects.bulk_create(
            CouncilContact(
                organisation=organisation,
                sort_order=n,
                name=c.name,
                role=c.role,
                email=c.email,
                phone=c.phone,
            )
            for n, c in enumerate(contacts)
        )
        log_actions.log(
            instance=organisation,
            action=CONTACTS_ACTION,
            user=actor,
            data={"contacts": [c.name for c in contacts]},
        )
    return saved


def council_advocates_set(*, actor, organisation: Organisation, advocates: list[Person]) -> list:
    """Replace the council's advocates with these, in this order, each with their themes."""
    _require_editor(actor, organisation)
    advocates = _clean_people(advocates, kind="advocates")
    with transaction.atomic():
        Advocate.objects.filter(organisation=organisation).delete()
        saved = []
        for n, a in enumerate(advocates):
            advocate = Advocate.objects.create(
                organisation=organisation, sort_order=n, name=a.name, role=a.role, email=a.email
            )
            if a.themes:
                advocate.themes.set(a.themes)
            saved.append(advocate)
        log_actions.log(
            instance=organisation,
            action=ADVOCATES_ACTION,
            user=actor,
            data={"advocates": [a.name for a in advocates]},
        )
    return saved


def council_page_update(
    *,
    actor,
    organisation: Organisation,
    summary: str,
    approaches: str,
    website: str,
    themes,
    contacts: list[Person],
    advocates: list[Person],
) -> Organisation:
    """The lead's edit page: profile, contacts and advocates, all saved or none."""
    _require_editor(actor, organisation)
    with transaction.atomic():
        council_profile_update(
            actor=actor,
            organisation=organisation,
            summary=summary,
            approaches=approaches,
            website=website,
            themes=themes,
        )
        council_contacts_set(actor=actor, organisation=organisation, contacts=contacts)
        council_advocates_set(actor=actor, organisation=organisation, advocates=advocates)
    return organisation
