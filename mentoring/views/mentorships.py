"""Mentoring pages: offer to mentor, ask for a mentor, see suggestions, answer and close pairs."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.forms import form_status, submit
from mentoring import permissions
from mentoring.forms import MentoringRequestForm, MentorOfferForm
from mentoring.models import MentoringRequest, MentorOffer, Mentorship
from mentoring.services import mentorships as services
from mentoring.views.access import members_only

SUGGESTIONS = 10


def _offer_form_for(offer) -> MentorOfferForm:
    if offer is None:
        return MentorOfferForm(initial={"capacity": 1, "format": "online", "is_open": True})
    return MentorOfferForm(
        initial={
            "themes": ", ".join(offer.themes.names()),
            "capacity": offer.capacity,
            "format": offer.format,
            "note": offer.note,
            "is_open": offer.is_open,
        }
    )


def _render_home(request, *, offer_form=None, request_form=None):
    """The mentoring page; a bound form is shown again with its errors."""
    user = request.user
    offer = MentorOffer.objects.with_load().filter(mentor=user).first()
    incoming = []
    if offer:
        incoming = offer.mentorships.select_related("request__mentee__organisation").filter(
            state__in=Mentorship.BUSY_STATES
        )
    return render(
        request,
        "mentoring/mentoring_home.html",
        {
            "offer": offer,
            "offer_form": offer_form or _offer_form_for(offer),
            "request_form": request_form or MentoringRequestForm(),
            "my_requests": MentoringRequest.objects.filter(mentee=user).prefetch_related("themes"),
            "incoming": incoming,
        },
        status=max(form_status(offer_form), form_status(request_form)),
    )


@members_only
def mentoring_home(request):
    return _render_home(request)


@members_only
@require_POST
def mentor_offer_save(request):
    form = MentorOfferForm(request.POST)
    if form.is_valid():
        offer = submit(form, services.mentor_offer_save, mentor=request.user, **form.cleaned_data)
        if offer is not None:
            messages.success(request, "Your offer to mentor has been saved.")
            return redirect("mentoring:mentoring")
    return _render_home(request, offer_form=form)


@members_only
@require_POST
def mentoring_request_create(request):
    form = MentoringRequestForm(request.POST)
    if form.is_valid():
        mentoring_request = submit(
            form, services.mentoring_request_create, mentee=request.user, **form.cleaned_data
        )
        if mentoring_request is not None:
            # The request page says whether any mentor fits; nothing to add here.
            return redirect(mentoring_request)
    return _render_home(request, request_form=form)


def _request_for(request, pk: int) -> MentoringRequest:
    mentoring_request = get_object_or_404(
        MentoringRequest.objects.select_related("mentee__organisation"), pk=pk
    )
    if not permissions.can_view_mentoring_request(request.user, mentoring_request):
        raise Http404
    return mentoring_request


@members_only
def request_detail(request, pk: int):
    mentoring_request = _request_for(request, pk)
    user = request.user
    is_mentee = user.pk == mentoring_request.mentee_id
    suggestions = []
    if is_mentee and mentoring_request.is_open:
        suggestions = list(MentorOffer.objects.suggested_for(mentoring_request)[:SUGGESTIONS])
    mentorships = mentoring_request.mentorships.select_related("offer__mentor__organisation")
    if not is_mentee and not permissions.is_network_editor(user):
        mentorships = mentorships.filter(offer__mentor=user)
    return render(
        request,
        "mentoring/request_detail.html",
        {
            "mentoring_request": mentoring_request,
            "is_mentee": is_mentee,
            "suggestions": suggestions,
            "mentorships": mentorships,
        },
    )


@members_only
@require_POST
def mentorship_ask(request, pk: int, offer_pk: int):
    mentoring_request = _request_for(request, pk)
    offer = get_object_or_404(MentorOffer.objects.select_related("mentor"), pk=offer_pk)
    services.mentorship_ask(
        actor=request.user,
        mentoring_request=mentoring_request,
        offer=offer,
        message=request.POST.get("message", ""),
    )
    messages.success(request, f"Your request has been sent to {offer.mentor}.")
    return redirect(mentoring_request)


def _mentorship_for(request, pk: int) -> Mentorship:
    mentorship = get_object_or_404(
        Mentorship.objects.select_related("offer__mentor", "request__mentee"), pk=pk
    )
    if not permissions.is_in_pair(request.user, mentorship):
        raise Http404
    return mentorship


@members_only
@require_POST
def mentorship_decide(request, pk: int, decision: str):
    mentorship = _mentorship_for(request, pk)
    if decision not in ("accept", "decline"):
        raise Http404
    services.mentorship_decide(
        actor=request.user, mentorship=mentorship, accept=decision == "accept"
    )
    messages.success(request, "Your answer has been sent.")
    return redirect("mentoring:mentoring")


@members_only
@require_POST
def mentorship_close(request, pk: int):
    mentorship = _mentorship_for(request, pk)
    services.mentorship_close(
        actor=request.user, mentorship=mentorship, feedback=request.POST.get("feedback", "")
    )
    messages.success(request, "The mentoring pair has been closed. Thank you.")
    return redirect("mentoring:mentoring")
