"""The one error layer: what services raise, and the response each kind of request gets.

Services raise four exceptions and nothing else to refuse a request:

- ``PermissionDenied`` (Django): not allowed; the message is the reason shown.
- ``ValidationError`` (Django): bad input; a dict of field -> messages, or a message.
- ``RateLimited`` (below): acting faster than allowed.
- ``Http404`` (Django): not there, or not there for this person.

Views never catch them. ``ServiceErrorMiddleware`` turns an exception that
escapes a view into a response for the kind of request (HTML page, htmx
fragment or JSON); ``core.forms.submit`` puts them on a bound form instead, so
the form is shown again with its errors (400) or the limit message (429).
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string

NON_FIELD = "__all__"
DEFAULT_REFUSAL = "You cannot do that."


class RateLimited(Exception):
    """Raised by a service when a member acts faster than allowed."""

    def __init__(self, message: str = "You are doing that too often. Wait a minute and try again."):
        super().__init__(message)
        self.message = message


def error_dict(error: ValidationError) -> dict[str, list[str]]:
    """Field -> messages for any ValidationError; messages with no field go under __all__."""
    if hasattr(error, "error_dict"):
        return {field: list(messages) for field, messages in error.message_dict.items()}
    return {NON_FIELD: list(error.messages)}


def reason(error: Exception) -> str:
    """The sentence to show a person for a refusal or a limit."""
    if isinstance(error, RateLimited):
        return error.message
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or DEFAULT_REFUSAL


def wants_json(request) -> bool:
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


def _status(error: Exception) -> int:
    if isinstance(error, RateLimited):
        return 429
    if isinstance(error, ValidationError):
        return 400
    return 403


def error_response(request, error: Exception) -> HttpResponse:
    """The response to a refused, invalid or rate-limited request, in the request's format."""
    status = _status(error)
    if wants_json(request):
        errors = (
            error_dict(error)
            if isinstance(error, ValidationError)
            else {NON_FIELD: [reason(error)]}
        )
        return JsonResponse({"error": reason(error), "errors": errors}, status=status)
    if getattr(request, "htmx", False):
        html = render_to_string(
            "includes/error_fragment.html", {"message": reason(error)}, request=request
        )
        return HttpResponse(html, status=status)
    if status == 403:
        user = getattr(request, "user", None)
        if request.method == "GET" and user is not None and not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return render(request, "403.html", {"reason": reason(error)}, status=403)
    return render(
        request,
        "error.html",
        {"reason": reason(error), "status": status, "messages_list": error_messages(error)},
        status=status,
    )


def error_messages(error: Exception) -> list[str]:
    if isinstance(error, ValidationError):
        return list(error.messages)
    return [reason(error)]


class ServiceErrorMiddleware:
    """Turns a service's refusal that escapes a view into the right response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied | ValidationError | RateLimited):
            return error_response(request, exception)
        return None
