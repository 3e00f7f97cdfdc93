"""Site-wide pages that belong to no feature: the health check and the hub's search."""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render

from core import health
from core.search import MAX_QUERY_LENGTH, search_site
from core.validators import strip_control


def healthz(request):
    """Each dependency's state as JSON: 200 when all are up, 503 when any is down."""
    healthy, results = health.report()
    return JsonResponse(
        {"status": "ok" if healthy else "down", "checks": results},
        status=200 if healthy else 503,
    )


def search(request):
    """One ranked list over everything the reader may open, filtered by type, paged."""
    kind = strip_control(request.GET.get("type", ""))[:30]
    result = search_site(
        request.user, request.GET.get("q", ""), kind=kind, page_number=request.GET.get("page")
    )
    params = {"q": result.query}
    if result.selected:
        params["type"] = result.selected
    return render(
        request,
        "core/search.html",
        {
            "query": result.query,
            "search_query": result.query,
            "message": result.message,
            "result": result,
            "page": result.page,
            "querystring": urlencode(params),
            "query_only": urlencode({"q": result.query}),
            "max_length": MAX_QUERY_LENGTH,
        },
        status=400 if result.message else 200,
    )
