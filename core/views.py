"""Site-wide pages that belong to no feature: the health check and the hub's search."""

from django.http import HttpResponse, JsonResponse

from core import health
from core.search import search_page_html


def healthz(request):
    """Each dependency's state as JSON: 200 when all are up, 503 when any is down."""
    healthy, results = health.report()
    return JsonResponse(
        {"status": "ok" if healthy else "down", "checks": results},
        status=200 if healthy else 503,
    )


def search(request):
    """One ranked list over everything the reader may open, filtered by type, paged."""
    html, status = search_page_html(request)
    return HttpResponse(html, status=status)
