"""The editors' page for a person's request: prepare their data, or delete their account."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from accounts.forms import EraseOnRequestForm, PersonLookupForm
from accounts.models import DataExport
from accounts.services import erase, export
from core.forms import form_status, submit
from members.permissions import is_network_editor

User = get_user_model()


def _person(email: str):
    return User.objects.filter(email__iexact=email.strip()).first() if email else None


def data_requests(request):
    if not is_network_editor(request.user):
        raise PermissionDenied("Only network editors handle personal data requests.")
    lookup = PersonLookupForm(request.GET or None)
    person = _person(lookup.cleaned_data["email"]) if lookup.is_valid() else None
    erase_form = EraseOnRequestForm(request.POST or None) if person else None
    here = f"{reverse('accounts_data_requests')}?email={person.email}" if person else ""

    if person and request.method == "POST":
        if request.POST.get("action") == "export":
            export.export_request(user=person, requested_by=request.user)
            messages.success(request, f"Preparing {person}'s data; it appears below when ready.")
            return redirect(here)
        if request.POST.get("action") == "erase" and erase_form.is_valid():
            if erase_form.cleaned_data["confirm_email"].lower() != person.email.lower():
                erase_form.add_error("confirm_email", "This is not the person's email address.")
            elif submit(erase_form, _erase, person=person, actor=request.user):
                messages.success(request, "The account has been deleted.")
                return redirect("accounts_data_requests")

    exports = (
        DataExport.objects.filter(user=person, requested_by=request.user).defer("archive")[:5]
        if person
        else []
    )
    return TemplateResponse(
        request,
        "accounts/admin/data_requests.html",
        {
            "page_title": "Personal data requests",
            "header_icon": "user",
            "lookup": lookup,
            "person": person,
            "not_found": lookup.is_valid() and person is None,
            "erase_form": erase_form,
            "exports": exports,
        },
        status=form_status(erase_form) if request.method == "POST" else 200,
    )


def _erase(*, person, actor):
    erase.account_erase(user=person, actor=actor)
    return True
