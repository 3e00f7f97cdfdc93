"""Thin views: parse, call a service or queryset, render."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.navigation import safe_next
from core.ratelimit import RateLimited
from mentoring import calendar, permissions, services
from mentoring.forms import (
    ApplicationForm,
    CloseForm,
    DecisionForm,
    FeedbackForm,
    MentoringRequestForm,
    MentorOfferForm,
    MentorshipAskForm,
    PlacementFilterForm,
    PlacementForm,
)
from mentoring.models import (
    Application,
    CalendarFeed,
    MentoringRequest,
    MentorOffer,
    Mentorship,
    Placement,
)

PER_PAGE = 20


def members_only(view):
    """Signed-in confirmed members only; others get a clear 403 page."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not permissions.is_member(request.user):
            return _forbidden(
                request, "Placements and mentoring are for confirmed members of the network."
            )
        return view(request, *args, **kwargs)

    return wrapped


def _forbidden(request, message: str):
    return render(request, "mentoring/forbidden.html", {"message": message}, status=403)


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


def _form_errors(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


# Placements -------------------------------------------------------------------


@members_only
def placement_list(request):
    form = PlacementFilterForm(request.GET or None)
    placements = (
        Placement.objects.visible_to(request.user)
        .exclude(state=Placement.State.DRAFT)
        .for_list()
        .with_counts()
    )
    if form.is_valid():
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
    else:
        placements = placements.none() if form.is_bound else placements
    page = Paginator(placements.order_by("-state", "start_date", "pk"), PER_PAGE).get_page(
        request.GET.get("page")
    )
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


def _placement_for(request, pk: int) -> Placement:
    placement = get_object_or_404(
        Placement.objects.select_related("host_council", "host_officer").with_counts(), pk=pk
    )
    if not permissions.can_view_placement(request.user, placement):
        raise Http404
    return placement


@members_only
def placement_detail(request, pk: int):
    placement = _placement_for(request, pk)
    user = request.user
    runs = permissions.can_run_placement(user, placement)
    host_side = permissions.is_host_side(user, placement)
    applications = []
    if host_side:
        applications = placement.applications.select_related("applicant__organisation")
    mine = Application.objects.filter(placement=placement, applicant=user).order_by("-pk")
    live = next((a for a in mine if a.is_live), None)
    return render(
        request,
        "mentoring/placement_detail.html",
        {
            "placement": placement,
            "runs": runs,
            "host_side": host_side,
            "applications": applications,
            "my_applications": mine,
            "live_application": live,
            "can_apply": permissions.can_apply_now(user, placement),
            "has_happened": permissions.placement_has_happened(placement),
            "decision_form": DecisionForm(),
            "state_choices": [
                (state, Placement.State(state).label) for state in services.next_states(placement)
            ]
            if runs
            else [],
        },
    )


def _details_from(form) -> services.PlacementDetails:
    data = form.cleaned_data
    return services.PlacementDetails(
        title=data["title"],
        description=data["description"],
        host_officer=data["host_officer"],
        themes=data["themes"],
        format=data["format"],
        place=data["place"],
        flexible=data["flexible"],
        start_date=data["start_date"],
        end_date=data["end_date"],
        day_starts=data["day_starts"],
        day_ends=data["day_ends"],
        places=data["places"],
        closing_date=data["closing_date"],
        state=data["state"],
    )


@members_only
def placement_create(request):
    if not permissions.can_offer_placement(request.user):
        return _forbidden(request, "Only a council's lead can offer placements.")
    council = request.user.organisation
    form = PlacementForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            placement = services.placement_create(actor=request.user, details=_details_from(form))
        except ValidationError as error:
            _form_errors(form, error)
        except RateLimited as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Your placement has been published.")
            return redirect(placement)
    return render(request, "mentoring/placement_form.html", {"form": form, "council": council})


@members_only
def placement_edit(request, pk: int):
    placement = _placement_for(request, pk)
    if not permissions.can_run_placement(request.user, placement):
        return _forbidden(request, "Only the host council's lead can change this placement.")
    initial = {
        field: getattr(placement, field)
        for field in (
            "title", "description", "host_officer", "format", "place", "flexible",
            "start_date", "end_date", "day_starts", "day_ends", "places", "closing_date",
            "state",
        )
    }  # fmt: skip
    initial["themes"] = ", ".join(placement.themes.names())
    form = PlacementForm(request.POST or None, initial=initial, council=placement.host_council)
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_update(
                actor=request.user, placement=placement, details=_details_from(form)
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, "The placement has been saved.")
            return redirect(placement)
    return render(
        request,
        "mentoring/placement_form.html",
        {"form": form, "council": placement.host_council, "placement": placement},
    )


@members_only
@require_POST
def placement_state(request, pk: int):
    placement = _placement_for(request, pk)
    try:
        services.placement_set_state(
            actor=request.user, placement=placement, state=request.POST.get("state", "")
        )
    except PermissionDenied as error:
        return _forbidden(request, str(error) or "You cannot change this placement.")
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, f"The placement is now {placement.get_state_display().lower()}.")
    return redirect(placement)


@members_only
def placement_apply(request, pk: int):
    placement = _placement_for(request, pk)
    if not permissions.can_apply(request.user, placement):
        return _forbidden(request, "You cannot apply for a placement offered by your own council.")
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_submit(
                placement=placement, applicant=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _form_errors(form, error)
        except RateLimited as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Your application has been sent to the host council.")
            return redirect(application)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "mentoring/application_form.html",
        {"form": form, "placement": placement},
        status=status,
    )


@members_only
def placement_case_study(request, pk: int):
    if request.method != "POST":
        return redirect("mentoring:placement_detail", pk=pk)
    placement = _placement_for(request, pk)
    try:
        page = services.placement_to_case_study(actor=request.user, placement=placement)
    except PermissionDenied as error:
        return _forbidden(request, str(error))
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(
            request,
            f"A draft case study “{page.title}” is in the library for an editor to finish.",
        )
    return redirect(placement)


# Applications ------------------------------------------------------------------


@members_only
def application_list(request):
    """The member's own applications."""
    applications = (
        Application.objects.filter(applicant=request.user)
        .select_related("placement__host_council")
        .order_by("-created_at")
    )
    return render(request, "mentoring/application_list.html", {"applications": applications})


def _application_for(request, pk: int) -> Application:
    application = get_object_or_404(
        Application.objects.select_related(
            "placement__host_council", "placement__host_officer", "applicant__organisation"
        ),
        pk=pk,
    )
    if not permissions.can_view_application(request.user, application):
        raise Http404
    return application


@login_required
def application_detail(request, pk: int):
    application = _application_for(request, pk)
    user = request.user
    placement = application.placement
    feedback = list(application.feedback.select_related("author"))
    can_give_feedback = permissions.can_give_feedback(user, application)
    return render(
        request,
        "mentoring/application_detail.html",
        {
            "application": application,
            "placement": placement,
            "is_applicant": user.pk == application.applicant_id,
            "runs": permissions.can_run_placement(user, placement),
            "feedback": feedback,
            "feedback_form": FeedbackForm() if can_give_feedback else None,
            "decision_form": DecisionForm(),
        },
    )


@login_required
@require_POST
def application_decide(request, pk: int):
    application = _application_for(request, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose accept, waitlist or decline.")
        return redirect(application)
    try:
        services.application_decide(
            actor=request.user,
            application=application,
            decision=form.cleaned_data["decision"],
            note=form.cleaned_data["note"],
        )
    except PermissionDenied as error:
        return _forbidden(request, str(error))
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, f"Application from {application.applicant}: decision saved.")
    return redirect(safe_next(request, application.get_absolute_url()))


@login_required
@require_POST
def application_withdraw(request, pk: int):
    application = _application_for(request, pk)
    try:
        services.application_withdraw(actor=request.user, application=application)
    except PermissionDenied as error:
        return _forbidden(request, str(error))
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, "Your application has been withdrawn.")
    return redirect(application)


@login_required
@require_POST
def application_feedback(request, pk: int):
    application = _application_for(request, pk)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Write your feedback, in up to 2,000 characters.")
        return redirect(application)
    try:
        services.feedback_give(
            actor=request.user, application=application, body=form.cleaned_data["body"]
        )
    except PermissionDenied as error:
        return _forbidden(request, str(error))
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, "Thank you for your feedback.")
    return redirect(application)


@login_required
def application_ics(request, pk: int):
    application = _application_for(request, pk)
    if application.state != Application.State.ACCEPTED:
        raise Http404
    if application.placement.start_date is None:
        messages.error(request, "The dates of this placement are still to be agreed.")
        return redirect(application)
    body = calendar.calendar_bytes([application], application.placement.title)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="placement-{application.pk}.ics"'
    return response


# Calendar feed -------------------------------------------------------------------


@members_only
def calendar_settings(request):
    if request.method == "POST":
        feed = services.calendar_feed_regenerate(user=request.user)
        messages.success(request, "Your calendar link has been changed; the old one has stopped.")
        return redirect("mentoring:calendar")
    feed = services.calendar_feed_for(user=request.user)
    url = request.build_absolute_uri(feed.get_absolute_url())
    return render(request, "mentoring/calendar_settings.html", {"feed_url": url})


def calendar_feed(request, token: str):
    """The secret link is the credential; it works in calendar apps without signing in."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not permissions.is_member(feed.user):
        raise Http404
    body = calendar.calendar_bytes(
        services.feed_applications(feed.user), "CCIN shadowing placements"
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response


# Council leads ---------------------------------------------------------------------


@members_only
def council_placements(request):
    if not permissions.is_council_lead(request.user):
        return _forbidden(request, "This page is for council leads.")
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


# Mentoring ---------------------------------------------------------------------------


@members_only
def mentoring_home(request):
    user = request.user
    offer = MentorOffer.objects.with_load().filter(mentor=user).first()
    initial = {"capacity": 1, "format": "online", "is_open": True}
    if offer:
        initial = {
            "themes": ", ".join(offer.themes.names()),
            "capacity": offer.capacity,
            "format": offer.format,
            "note": offer.note,
            "is_open": offer.is_open,
        }
    incoming = []
    if offer:
        incoming = offer.mentorships.select_related("request__mentee__organisation").filter(
            state__in=[Mentorship.State.REQUESTED, Mentorship.State.ACTIVE]
        )
    return render(
        request,
        "mentoring/mentoring_home.html",
        {
            "offer": offer,
            "offer_form": MentorOfferForm(initial=initial),
            "request_form": MentoringRequestForm(),
            "my_requests": MentoringRequest.objects.filter(mentee=user).prefetch_related("themes"),
            "incoming": incoming,
            "close_form": CloseForm(),
        },
    )


@members_only
@require_POST
def mentor_offer_save(request):
    form = MentorOfferForm(request.POST)
    if form.is_valid():
        try:
            services.mentor_offer_save(mentor=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, _errors(error))
        else:
            messages.success(request, "Your offer to mentor has been saved.")
    else:
        messages.error(
            request,
            "Check your offer: give at least one theme and a capacity from 1 to 20.",
        )
    return redirect("mentoring:mentoring")


@members_only
@require_POST
def mentoring_request_create(request):
    form = MentoringRequestForm(request.POST)
    if form.is_valid():
        try:
            mentoring_request = services.mentoring_request_create(
                mentee=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, _errors(error))
        except RateLimited as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Here are the mentors we suggest.")
            return redirect(mentoring_request)
    else:
        messages.error(request, "Write your goals and give at least one theme.")
    return redirect("mentoring:mentoring")


def _request_for(request, pk: int) -> MentoringRequest:
    mentoring_request = get_object_or_404(
        MentoringRequest.objects.select_related("mentee__organisation"), pk=pk
    )
    user = request.user
    allowed = (
        user.pk == mentoring_request.mentee_id
        or permissions.is_network_editor(user)
        or mentoring_request.mentorships.filter(offer__mentor=user).exists()
    )
    if not allowed:
        raise Http404
    return mentoring_request


@members_only
def request_detail(request, pk: int):
    mentoring_request = _request_for(request, pk)
    is_mentee = request.user.pk == mentoring_request.mentee_id
    suggestions = []
    if is_mentee and mentoring_request.is_open:
        suggestions = MentorOffer.objects.suggested_for(mentoring_request)[:10]
    mentorships = mentoring_request.mentorships.select_related("offer__mentor__organisation")
    if not is_mentee and not permissions.is_network_editor(request.user):
        mentorships = mentorships.filter(offer__mentor=request.user)
    return render(
        request,
        "mentoring/request_detail.html",
        {
            "mentoring_request": mentoring_request,
            "is_mentee": is_mentee,
            "suggestions": suggestions,
            "mentorships": mentorships,
            "ask_form": MentorshipAskForm(),
            "close_form": CloseForm(),
        },
    )


@members_only
@require_POST
def mentorship_ask(request, pk: int, offer_pk: int):
    mentoring_request = _request_for(request, pk)
    offer = get_object_or_404(MentorOffer.objects.select_related("mentor"), pk=offer_pk)
    form = MentorshipAskForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    try:
        services.mentorship_ask(
            actor=request.user, mentoring_request=mentoring_request, offer=offer, message=message
        )
    except PermissionDenied as error:
        return _forbidden(request, str(error))
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, f"Your request has been sent to {offer.mentor}.")
    return redirect(mentoring_request)


def _mentorship_for(request, pk: int) -> Mentorship:
    mentorship = get_object_or_404(
        Mentorship.objects.select_related("offer__mentor", "request__mentee"), pk=pk
    )
    if request.user.pk not in (mentorship.offer.mentor_id, mentorship.request.mentee_id):
        raise Http404
    return mentorship


@members_only
@require_POST
def mentorship_decide(request, pk: int, decision: str):
    mentorship = _mentorship_for(request, pk)
    if decision not in ("accept", "decline"):
        raise Http404
    try:
        services.mentorship_decide(
            actor=request.user, mentorship=mentorship, accept=decision == "accept"
        )
    except PermissionDenied as error:
        return _forbidden(request, str(error))
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, "Your answer has been sent.")
    return redirect("mentoring:mentoring")


@members_only
@require_POST
def mentorship_close(request, pk: int):
    mentorship = _mentorship_for(request, pk)
    form = CloseForm(request.POST)
    feedback = form.cleaned_data["feedback"] if form.is_valid() else None
    if feedback is None:
        messages.error(request, "Keep the feedback under 2,000 characters.")
        return redirect("mentoring:mentoring")
    try:
        services.mentorship_close(actor=request.user, mentorship=mentorship, feedback=feedback)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, "The mentoring pair has been closed. Thank you.")
    return redirect("mentoring:mentoring")
