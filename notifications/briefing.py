"""The monthly briefing: each member's summary of last month, built from every app's section.

Apps add sections through the ``hub_briefing_section`` hook, each drawing only
on what that member may open:

    @hooks.register(BRIEFING_HOOK, order=10)
    def top_ideas(user, start, end) -> BriefingSection | None: ...

A member gets the briefing for a month once (a BriefingSent row, unique per
member and month), however often the command runs.
"""

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail import hooks

from notifications.emails import send_branded
from notifications.models import BriefingSent

logger = logging.getLogger(__name__)
BRIEFING_HOOK = "hub_briefing_section"


@dataclass
class BriefingItem:
    title: str
    url: str
    note: str = ""


@dataclass
class BriefingSection:
    title: str
    items: list[BriefingItem] = field(default_factory=list)


def last_month(today: date | None = None) -> tuple[date, datetime, datetime]:
    """(first day of last month, its start, its end) in the site's time zone."""
    today = today or timezone.localdate()
    first_this = today.replace(day=1)
    first_last = date(first_this.year - (first_this.month == 1), (first_this.month - 2) % 12 + 1, 1)
    tz = timezone.get_current_timezone()
    start = datetime.combine(first_last, time.min, tzinfo=tz)
    end = datetime.combine(first_this, time.min, tzinfo=tz)
    return first_last, start, end


def briefing_sections(user, start, end) -> list[BriefingSection]:
    sections = []
    for section_for in hooks.get_hooks(BRIEFING_HOOK):
        section = section_for(user, start, end)
        if section is not None and section.items:
            sections.append(section)
    return sections


def briefing_context(user, today: date | None = None) -> dict:
    month, start, end = last_month(today)
    return {"month": month, "sections": briefing_sections(user, start, end), "user": user}


def send_briefing(user, today: date | None = None) -> bool:
    """Send this member last month's briefing unless they have had it; True if sent."""
    context = briefing_context(user, today)
    try:
        with transaction.atomic():
            BriefingSent.objects.create(user=user, month=context["month"])
            send_branded(
                user,
                f"Your network briefing for {context['month']:%B %Y}",
                "notifications/email/briefing",
                context,
            )
    except IntegrityError:
        return False
    return True


def send_monthly_briefing(today: date | None = None) -> int:
    """Send last month's briefing to every confirmed member with an email address, once."""
    month, _, _ = last_month(today)
    sent = 0
    members = (
        get_user_model()
        .objects.confirmed_members()
        .exclude(email="")
        .exclude(pk__in=BriefingSent.objects.filter(month=month).values("user_id"))
    )
    for user in members.iterator():
        sent += send_briefing(user, today)
    return sent
