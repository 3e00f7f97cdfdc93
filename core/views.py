from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core import services
from core.models import Notification
from core.search import search_everything

MAX_QUERY_LENGTH = 200


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_required
def notification_list(request):
    page = Paginator(Notification.objects.for_user(request.user), 30).get_page(
        request.GET.get("page")
    )
    return render(request, "core/notification_list.html", {"page": page})


@login_required
@require_POST
def notifications_mark_all_read(request):
    services.notifications_mark_all_read(user=request.user)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_open(request, pk: int):
    notification = services.notification_mark_read(user=request.user, notification_id=pk)
    target = notification.url if notification else ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:list")


@csrf_exempt  # RFC 8058 one-click unsubscribe posts without a CSRF token.
def unsubscribe(request, token: str):
    user = services.email_unsubscribe(token=token)
    if user is None:
        return render(request, "core/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST" and not request.POST.get("from_page"):
        return HttpResponse("Unsubscribed.")
    return render(request, "core/unsubscribe.html", {"member": user})


def search(request):
    query = request.GET.get("q", "")
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
