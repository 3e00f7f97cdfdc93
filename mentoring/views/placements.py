"""Placement pages: the filtered list, the detail page, offering and editing, the council page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.forms import form_status, submit
from mentoring import permissions
from mentoring.forms import PlacementFilterForm, PlacementForm
from mentoring.models import Application, Placement
from mentoring.services import placements as services
from mentoring.views.access import members_only, placement_for

PER_PAGE = 20
EDITABLE_FIELDS = (
    "title", "description", "host_officer", "format", "place", "flexible", "start_date",
    "end_date", "day_starts", "day_ends", "places", "closing_date", "state",
)  # fmt: skip


def _filtered(placements, form: PlacementFilterForm):
    if not form.is_bound:
        return placements
    if not form.is_valid():
        return placements.none()
    data = form.cleaned_data
    if data["theme"]:
        placements = placements.filter(themes__name__iexact=data["theme"].strip())
    if data["region"]:
        placements = placements.filter(host_council__region=data["region"])
    if data["council"]:
        placements = placements.filter(host_council=data["council"])
    if data["format"]:
        placements = placements.filter(format=data["format"])
    if data["month"]:
        placements = placements.in_month(*data["month"])
    if data["free"]:
        placements = placements.filter(free_places__gt=0)
    return placements


@members_only
def placement_list(request):
    form = PlacementFilterForm(request.GET or None)
    placements = (
        Placement.objects.visible_to(request.user)
        .exclude(state=Placement.State.DRAFT)
        .for_list()
        .with_counts()
    )
    placements = _filtered(placements, form).order_by("-state", "start_date", "pk")
    page = Paginator(placements, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "mentoring/placement_list.html",
        {
            "form": form,
            "page": page,
            "querystring": query.urlencode(),
            "can_offer": permissions.can_offer_placement(request.user),
        },
    )


@members_only
def placement_detail(request, pk: int):
    placement = placement_for(request, pk)
    user = request.user
    runs = permissions.can_run_placement(user, placement)
    host_side = permissions.is_host_side(user, placement)
    applications = []
    if host_side:
        applications = placement.applications.select_related("applicant__organisation")
    mine = Application.objects.filter(placement=placement, applicant=user).order_by("-pk")
    state_choices = []
    if runs:
        state_choices = [
            (state, Placement.State(state).label) for state in services.next_states(placement)
        ]
    return render(
        request,
        "mentoring/placement_detail.html",
        {
            "placement": placement,
            "runs": runs,
            "host_side": host_side,
            "applications": applications,
            "my_applications": mine,
            "live_application": next((a for a in mine if a.is_live), None),
            "can_apply": permissions.can_apply_now(user, placement),
            "has_happened": permissions.placement_has_happened(placement),
            "state_choices": state_choices,
        },
    )


def _details(form: PlacementForm) -> services.PlacementDetails:
    return services.PlacementDetails(**form.cleaned_data)


@members_only
def placement_create(request):
    if not permissions.can_offer_placement(request.user):
        raise PermissionDenied("Only a council's lead can offer placements.")
    council = request.user.organisation
    form = PlacementForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        placement = submit(
            form, services.placement_create, actor=request.user, details=_details(form)
        )
        if placement is not None:
            messages.success(request, "Your placement has been published.")
            return redirect(placement)
    return render(
        request,
        "mentoring/placement_form.html",
        {"form": form, "council": council},
        status=form_status(form),
    )


@members_only
def placement_edit(request, pk: int):
    placement = placement_for(request, pk)
    if not permissions.can_run_placement(request.user, placement):
        raise PermissionDenied("Only the host council's lead can change this placement.")
    initial = {field: getattr(placement, field) for field in EDITABLE_FIELDS}
    initial["themes"] = ", ".join(placement.themes.names())
    form = PlacementForm(request.POST or None, initial=initial, council=placement.host_council)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            services.placement_update,
            actor=request.user,
            placement=placement,
            details=_details(form),
        )
        if saved is not None:
            messages.success(request, "The placement has been saved.")
            return redirect(saved)
    return render(
        request,
        "mentoring/placement_form.html",
        {"form": form, "council": placement.host_council, "placement": placement},
        status=form_status(form),
    )


@members_only
@require_POST
def placement_state(request, pk: int):
    placement = placement_for(request, pk)
    services.placement_set_state(
        actor=request.user, placement=placement, state=request.POST.get("state", "")
    )
    messages.success(request, f"The placement is now {placement.get_state_display().lower()}.")
    return redirect(placement)


@members_only
def council_placements(request):
    """A council lead's placements with every application, to decide from one page."""
    if not permissions.is_council_lead(request.user):
        raise PermissionDenied("This page is for council leads.")
    council = request.user.organisation
    placements = (
        Placement.objects.filter(host_council=council)
        .select_related("host_officer")
        .with_counts()
        .prefetch_related(
            Prefetch(
                "applications",
                queryset=Application.objects.select_related("applicant__organisation"),
            )
        )
        .order_by("-created_at")
    )
    return render(
        request,
        "mentoring/council_placements.html",
        {"council": council, "placements": placements},
    )
