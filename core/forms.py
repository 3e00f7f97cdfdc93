"""Forms' half of the error layer, and the fields every app's forms share.

``submit(form, service, **kwargs)`` calls a service with a bound, valid form:
a ``ValidationError`` lands on the form's fields (or above them), a
``RateLimited`` above them, and ``form_status(form)`` gives the status to
render the form again with (400 or 429). ``PermissionDenied`` and ``Http404``
are not about the form and go on to ``core.errors.ServiceErrorMiddleware``.
"""

from django import forms
from django.core.exceptions import ValidationError

from core.errors import NON_FIELD, RateLimited, error_dict
from core.validators import validate_text

_RATE_LIMITED = "_hub_rate_limited"


def submit(form: forms.BaseForm, service, /, **kwargs):
    """Call service(**kwargs); on bad input or a limit, put it on the form, return None."""
    try:
        return service(**kwargs)
    except ValidationError as error:
        for field, messages in error_dict(error).items():
            form.add_error(field if field in form.fields else None, messages)
    except RateLimited as error:
        setattr(form, _RATE_LIMITED, True)
        form.add_error(None, error.message)
    return None


def form_status(form: forms.BaseForm | None) -> int:
    """200 for a fresh form, 429 after a limit, 400 when it has errors."""
    if form is None or not form.is_bound:
        return 200
    if getattr(form, _RATE_LIMITED, False):
        return 429
    return 400 if form.errors else 200


class TextField(forms.CharField):
    """A CharField that refuses NUL and other control characters with a clear message."""

    default_validators = [validate_text]


class MarkdownField(TextField):
    """Member-written Markdown: a textarea, control characters refused, length capped."""

    widget = forms.Textarea


__all__ = ["NON_FIELD", "MarkdownField", "TextField", "form_status", "submit"]
