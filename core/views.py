"""Site-wide pages that belong to no feature: the health check and the hub's search."""

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from core.search import search_everything
from core.validators import strip_control

MAX_QUERY_LENGTH = 200


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def search(request):
    query = strip_control(request.GET.get("q", ""))
    error = ""
    if len(query) > MAX_QUERY_LENGTH:
        error = f"Search for at most {MAX_QUERY_LENGTH} characters."
        query = query[:MAX_QUERY_LENGTH]
    results = [] if error else search_everything(request.user, query)
    return render(
        request,
        "core/search.html",
        {"query": query, "results": results, "error": error},
        status=400 if error else 200,
    )
