"""What every mentoring journey's services share: today, the host's people, limits, errors."""

from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from core import ratelimit
from core.errors import error_dict


def today() -> date:
    return timezone.localdate()


def host_people(placement) -> list:
    """The host officer and the host council's leads: told of applications and feedback."""
    leads = get_user_model().objects.council_leads(placement.host_council_id)
    return [placement.host_officer, *leads]


def limit_posting(member) -> None:
    """Raise RateLimited when the member offers, applies or asks faster than HUB_POST_RATE."""
    ratelimit.enforce(f"mentoring-post:{member.pk}", settings.HUB_POST_RATE)


def gather(errors: dict[str, list[str]], check, /, *args, **kwargs):
    """Run one check; on bad input add its field messages to errors and return None.

    Lets a service report every bad field at once as ValidationError(errors).
    """
    try:
        return check(*args, **kwargs)
    except ValidationError as error:
        for field, messages in error_dict(error).items():
            errors.setdefault(field, []).extend(messages)
        return None
