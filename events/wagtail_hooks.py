"""Events in Wagtail: audit-log actions, offers when editors add places, the member's calendar."""

from wagtail import hooks

from events.calendar import member_calendar_events

# Other apps' calendar feeds (mentoring's personal feed) gather VEVENTs from this hook.
MEMBER_CALENDAR_HOOK = "hub_member_calendar"


@hooks.register("register_log_actions")
def register_event_actions(actions):
    actions.register_action("events.registered", "Register for event", "Registered for the event")
    actions.register_action("events.waiting", "Join waiting list", "Joined the waiting list")
    actions.register_action("events.cancel", "Cancel registration", "Cancelled their place")
    actions.register_action("events.accept", "Accept offered place", "Accepted an offered place")
    actions.register_action("events.decline", "Decline offered place", "Declined an offered place")
    actions.register_action("events.lapse", "Offer lapsed", "Offer of a place lapsed")
    actions.register_action("events.invite", "Invite to event", "Invited to the event")
    actions.register_action("events.uninvite", "Withdraw invitation", "Withdrew an invitation")


@hooks.register("after_publish_page")
def offer_added_places(request, page):
    from cms.models import EventPage
    from events.services import event_places_changed

    if isinstance(page, EventPage):
        event_places_changed(event=page)


@hooks.register(MEMBER_CALENDAR_HOOK)
def registered_events(user):
    return member_calendar_events(user)


@hooks.register("hub_briefing_section", order=30)
def briefing_upcoming_events(user, start, end):
    """Upcoming events with free places that the member may open."""
    from django.db.models import F, Q
    from django.utils import timezone

    from cms.models import EventPage
    from cms.privacy import pages_visible_to
    from events.listing import with_places_taken
    from notifications.briefing import BriefingItem, BriefingSection

    events = with_places_taken(
        pages_visible_to(user, EventPage.objects.all()).filter(start__gte=timezone.now())
    ).filter(Q(capacity__isnull=True) | Q(capacity__gt=F("places_taken")))
    items = [
        BriefingItem(e.title, e.url or "", f"{timezone.localtime(e.start):%-d %B %Y}")
        for e in events.order_by("start")[:5]
    ]
    return BriefingSection("Upcoming events with free places", items)
