"""The event page's registration box and actions: register, cancel, offers, attendees, invitations.

These are routes of the EventPage (cms/models/event_pages.py), so Wagtail's
page privacy has already admitted the reader before any of them runs.
"""

import csv

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from cms.privacy import pages_visible_to
from core.forms import form_status, submit
from events import permissions, services
from events.calendar import event_ics as ics_bytes
from events.forms import InviteForm
from events.models import Invitation, Registration

State = Registration.State


def event_page_context(event, request) -> dict:
    """What the event page shows the reader: places, their registration, the event's record."""
    from wagtail.models import Page

    from liveblogs.models import LiveblogPage

    user = request.user
    registration = None
    if user.is_authenticated:
        registration = Registration.objects.filter(event=event, user=user).first()
    takes_registrations = event.registration != event.RegistrationMode.NONE
    taken = services.places_taken(event) if takes_registrations else 0
    left = services.places_left(event, taken)
    related_ids = [item.page_id for item in event.related_items.all()]
    return {
        "registration": registration,
        "active_registration": registration
        if registration is not None and registration.state in Registration.ACTIVE
        else None,
        "waiting_position": services.waiting_position(registration) if registration else None,
        "takes_registrations": takes_registrations,
        "places_taken": taken,
        "places_left": left,
        "is_full": left == 0,
        "closed_reason": permissions.registration_closed_reason(event),
        "refusal": permissions.registration_refusal(user, event) if user.is_authenticated else None,
        "can_manage": permissions.can_manage_event(user, event),
        "is_past": event.end < timezone.now(),
        "liveblogs": list(pages_visible_to(user, LiveblogPage.objects.filter(event=event))),
        "related_pages": list(
            pages_visible_to(user, Page.objects.filter(pk__in=related_ids)).specific()
        )
        if related_ids
        else [],
    }


def _back(event):
    return redirect(f"{event.url}#registration")


def _sign_in_first(request, event):
    return redirect_to_login(event.url)


@require_POST
def register(request, event):
    if not request.user.is_authenticated:
        return _sign_in_first(request, event)
    result = services.event_register(event=event, user=request.user)
    (messages.success if result.changed else messages.info)(request, result.message)
    return _back(event)


@require_POST
def cancel(request, event):
    if not request.user.is_authenticated:
        return _sign_in_first(request, event)
    registration = services.event_cancel(event=event, user=request.user)
    if registration is None:
        messages.info(request, "You had no place or waiting-list place to cancel.")
    else:
        messages.success(request, "Cancelled. Thank you for letting us know.")
    return _back(event)


@require_POST
def offer_respond(request, event, *, accept: bool):
    if not request.user.is_authenticated:
        return _sign_in_first(request, event)
    if accept:
        services.offer_accept(event=event, user=request.user)
        messages.success(request, "The place is yours. A confirmation is on its way by email.")
    else:
        services.offer_decline(event=event, user=request.user)
        messages.info(request, "You declined the place; it goes to the next person waiting.")
    return _back(event)


def event_ics(request, event):
    response = HttpResponse(ics_bytes(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


# The host's view: attendees, export and invitations ---------------------------------


def _require_manager(request, event) -> None:
    if not permissions.can_manage_event(request.user, event):
        raise PermissionDenied(
            "Only the host council's lead and network editors see the attendee list."
        )


def _attendee_context(event, form) -> dict:
    rows = list(
        Registration.objects.filter(event=event)
        .select_related("user__organisation")
        .order_by("joined_at", "pk")
    )
    return {
        "page": event,
        "event": event,
        "registered": [r for r in rows if r.state == State.REGISTERED],
        "offered": [r for r in rows if r.state == State.OFFERED],
        "waiting": [r for r in rows if r.state == State.WAITING],
        "gone": [r for r in rows if r.state in (State.CANCELLED, State.LAPSED)],
        "places_left": services.places_left(
            event, sum(1 for r in rows if r.state in Registration.HOLDING_PLACE)
        ),
        "invitations": list(event.invitations.select_related("user__organisation", "organisation")),
        "invitation_only": event.registration == event.RegistrationMode.INVITATION,
        "form": form,
    }


def attendees(request, event):
    _require_manager(request, event)
    return render(request, "events/attendees.html", _attendee_context(event, InviteForm()))


@require_POST
def invite(request, event):
    _require_manager(request, event)
    form = InviteForm(request.POST)
    if form.is_valid():
        invitation = submit(
            form,
            services.invitation_create,
            event=event,
            actor=request.user,
            user=form.cleaned_data.get("user"),
            organisation=form.cleaned_data.get("council"),
        )
        if invitation is not None:
            messages.success(request, f"Invited {invitation.invitee}.")
            return redirect(event.url + event.reverse_subpage("attendees"))
    return render(
        request,
        "events/attendees.html",
        _attendee_context(event, form),
        status=form_status(form),
    )


@require_POST
def invitation_withdraw(request, event, invitation_id: int):
    _require_manager(request, event)
    invitation = Invitation.objects.filter(event=event, pk=invitation_id).first()
    if invitation is None:
        raise Http404("No such invitation.")
    services.invitation_withdraw(invitation=invitation, actor=request.user)
    messages.success(request, "Invitation withdrawn.")
    return redirect(event.url + event.reverse_subpage("attendees"))


def _cell(value) -> str:
    # A spreadsheet would run a cell starting with these as a formula.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def attendees_csv(request, event):
    _require_manager(request, event)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-attendees.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["Name", "Email", "Organisation", "Job title", "Status", "Waiting position", "Since"]
    )
    rows = (
        Registration.objects.filter(event=event)
        .active()
        .select_related("user__organisation")
        .order_by("joined_at", "pk")
    )
    position = 0
    for registration in rows:
        person = registration.user
        waiting = registration.state == State.WAITING
        position += waiting
        writer.writerow(
            [
                _cell(person.name),
                _cell(person.email),
                _cell(person.organisation or "Individual affiliate"),
                _cell(person.job_title),
                registration.get_state_display(),
                position if waiting else "",
                timezone.localtime(registration.joined_at).strftime("%Y-%m-%d %H:%M"),
            ]
        )
    return response
