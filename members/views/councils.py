"""The council directory, a council's page, and its lead's edit page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from core.forms import form_status, submit
from members import directory
from members.forms import AdvocateFormSet, ContactFormSet, CouncilProfileForm, MapFilterForm
from members.models import Organisation
from members.permissions import can_edit_council
from members.services import councils as services


def _filters(request) -> MapFilterForm:
    form = MapFilterForm(request.GET or None, approaches=directory.approach_choices())
    form.is_valid()
    return form


def council_list(request):
    form = _filters(request)
    data = getattr(form, "cleaned_data", {})
    return render(
        request,
        "members/organisation_list.html",
        {
            "form": form,
            "councils": directory.councils_filtered(
                region=data.get("region", ""), approach=data.get("approach", "")
            ),
            "affiliates": Organisation.objects.affiliates(),
        },
    )


def council_detail(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    return render(
        request,
        "members/organisation_detail.html",
        directory.council_context(request.user, organisation),
    )


def _people(formset, *, themes: bool) -> list[services.Person]:
    people = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE") or not data.get("name"):
            continue
        people.append(
            services.Person(
                name=data["name"],
                role=data.get("role", ""),
                email=data.get("email", ""),
                phone=data.get("phone", ""),
                themes=data.get("themes", []) if themes else [],
            )
        )
    return people


def _initial_contacts(organisation):
    return [
        {"name": c.name, "role": c.role, "email": c.email, "phone": c.phone}
        for c in organisation.contacts.all()
    ]


def _initial_advocates(organisation):
    return [
        {"name": a.name, "role": a.role, "email": a.email, "themes": list(a.themes.all())}
        for a in organisation.advocates.prefetch_related("themes")
    ]


@login_required
def council_edit(request, slug: str):
    """One page, three parts: the profile, key contacts and advocates, saved together."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not can_edit_council(request.user, organisation):
        raise PermissionDenied("Only this council's leads and network editors edit its profile.")
    data = request.POST if request.method == "POST" else None
    profile = CouncilProfileForm.for_council(organisation, data)
    # Bound formsets get no initial: every row posted is what the lead wants kept.
    contacts = ContactFormSet(
        data, prefix="contacts", initial=None if data else _initial_contacts(organisation)
    )
    advocates = AdvocateFormSet(
        data, prefix="advocates", initial=None if data else _initial_advocates(organisation)
    )
    if data is not None and profile.is_valid() and contacts.is_valid() and advocates.is_valid():
        saved = submit(
            profile,
            services.council_page_update,
            actor=request.user,
            organisation=organisation,
            contacts=_people(contacts, themes=False),
            advocates=_people(advocates, themes=True),
            **profile.cleaned_data,
        )
        if saved is not None:
            messages.success(request, f"{organisation.name}'s page has been saved.")
            return redirect(organisation)
    status = form_status(profile)
    if data is not None and (contacts.total_error_count() or advocates.total_error_count()):
        status = 400
    return render(
        request,
        "members/organisation_edit.html",
        {
            "organisation": organisation,
            "profile": profile,
            "contacts": contacts,
            "advocates": advocates,
        },
        status=status,
    )
