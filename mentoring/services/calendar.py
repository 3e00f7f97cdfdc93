"""Calendar feeds: each member's secret address for their accepted placements."""

from mentoring.models import CalendarFeed, new_feed_token


def calendar_feed_for(*, user) -> CalendarFeed:
    """The member's feed, made on first use."""
    feed, _ = CalendarFeed.objects.get_or_create(user=user)
    return feed


def calendar_feed_regenerate(*, user) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    feed, created = CalendarFeed.objects.get_or_create(user=user)
    if not created:
        feed.token = new_feed_token()
        feed.save(update_fields=["token", "created_at"])
    return feed
