"""Calendars: one accepted placement as an .ics file, and each member's secret feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from wagtail import hooks

from mentoring import calendar, permissions
from mentoring.models import Application, CalendarFeed
from mentoring.services import calendar as services
from mentoring.views.access import application_for, members_only

CALENDAR = "text/calendar; charset=utf-8"


@login_required
def application_ics(request, pk: int):
    application = application_for(request, pk)
    if application.state != Application.State.ACCEPTED:
        raise Http404
    if application.placement.start_date is None:
        messages.error(request, "The dates of this placement are still to be agreed.")
        return redirect(application)
    body = calendar.calendar_bytes([application], application.placement.title)
    response = HttpResponse(body, content_type=CALENDAR)
    response["Content-Disposition"] = f'attachment; filename="placement-{application.pk}.ics"'
    return response


@members_only
def calendar_settings(request):
    if request.method == "POST":
        services.calendar_feed_regenerate(user=request.user)
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
    applications = Application.objects.in_calendar_of(feed.user)
    # Other apps add theirs through a hook (events: the network events they have a place at).
    others = [event for hook in hooks.get_hooks("hub_member_calendar") for event in hook(feed.user)]
    body = calendar.calendar_bytes(applications, "CCIN network hub", extra_events=others)
    response = HttpResponse(body, content_type=CALENDAR)
    response["Cache-Control"] = "private, max-age=900"
    return response
