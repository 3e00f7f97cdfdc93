"""Download my data and Delete my account: the member's own pages."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from accounts.forms import EraseForm
from accounts.models import DataExport
from accounts.services import erase, export
from core.forms import form_status, submit


@login_required
@never_cache
def my_data(request):
    if request.method == "POST":
        export.export_request(user=request.user, requested_by=request.user)
        messages.success(
            request,
            "We are preparing your data. It will be ready to download on this page.",
        )
        return redirect("accounts:my_data")
    exports = DataExport.objects.filter(user=request.user, requested_by=request.user).defer(
        "archive"
    )[:5]
    return render(
        request,
        "accounts/my_data.html",
        {"exports": exports, "export_hours": settings.HUB_DATA_EXPORT_HOURS},
    )


@login_required
@never_cache
def download(request, pk: int):
    item = export.export_for_download(export_id=pk, user=request.user)
    response = HttpResponse(bytes(item.archive), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{item.filename()}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@never_cache
def delete_account(request):
    form = EraseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        erased = submit(
            form,
            erase.account_erase_own,
            user=request.user,
            email=form.cleaned_data["email"],
            password=form.cleaned_data.get("password", ""),
        )
        if erased is not None:
            logout(request)
            return redirect("accounts:deleted")
    return render(request, "accounts/delete.html", {"form": form}, status=form_status(form))


def deleted(request):
    return render(request, "accounts/deleted.html")
