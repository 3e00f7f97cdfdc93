"""The events index: upcoming and past events the reader may open, with places left."""

from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from cms.privacy import pages_visible_to, restricted_among
from events.models import Registration
from members.permissions import is_member

PAST_PER_PAGE = 20


def with_places_taken(events):
    taken = (
        Registration.objects.filter(event=OuterRef("pk"), state__in=Registration.HOLDING_PLACE)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return events.annotate(places_taken=Coalesce(Subquery(taken, output_field=IntegerField()), 0))


def event_index_context(index, request) -> dict:
    from cms.models import EventPage

    user = request.user
    now = timezone.now()
    events = with_places_taken(
        pages_visible_to(user, EventPage.objects.child_of(index)).select_related("host_council")
    )
    upcoming = list(events.filter(end__gte=now).order_by("start"))
    past = Paginator(events.filter(end__lt=now).order_by("-start"), PAST_PER_PAGE).get_page(
        request.GET.get("page")
    )
    mine = {}
    if is_member(user) and upcoming:
        mine = {
            r.event_id: r
            for r in Registration.objects.filter(
                user=user, event_id__in=[e.pk for e in upcoming]
            ).active()
        }
    members_only = restricted_among(upcoming + list(past)) if is_member(user) else set()
    for event in upcoming:
        event.my_registration = mine.get(event.pk)
        event.places_left = (
            max(event.capacity - event.places_taken, 0) if event.capacity is not None else None
        )
    for event in [*upcoming, *past]:
        event.members_only = event.pk in members_only
    return {
        "upcoming": upcoming,
        "past": past,
    }
