"""Site-wide plain views: the 500 and 503 pages, robots.txt and the favicon."""

import sys

from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

# Members-only and personal areas: nothing there for a search engine to index.
ROBOTS_DISALLOW = [
    "/admin/",
    "/django-admin/",
    "/accounts/",
    "/members/",
    "/notifications/",
    "/shadowing/",
    "/search/",
]

# The last resort if even the static 500 template cannot be read.
PLAIN_500 = (
    '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
    "<title>Something went wrong — CCIN network hub</title></head>"
    "<body><main><h1>Sorry, something went wrong</h1>"
    "<p>Please try again in a few minutes.</p></main></body></html>"
)


def server_error(request):
    """The 500 page: rendered with no request, so no database or context processor runs.

    When the database cannot be reached (restarting, failing over) the reader
    gets a 503 "try again shortly" page with Retry-After instead, which a load
    balancer and a browser both understand as temporary.
    """
    unavailable = isinstance(sys.exc_info()[1], OperationalError | InterfaceError)
    status = 503 if unavailable else 500
    try:
        from django.template import loader

        html = loader.get_template(f"{status}.html").render()
    except Exception:  # noqa: BLE001 - the error page must never fail itself
        html = PLAIN_500
    response = HttpResponse(html, status=status)
    if unavailable:
        response["Retry-After"] = "30"
    return response


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def favicon(request):
    return HttpResponsePermanentRedirect(static("icons/favicon-32.png"))
