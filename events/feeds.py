"""The Atom feed of public events: only what a visitor may open, whoever asks."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format

from cms.privacy import pages_visible_to

FEED_LENGTH = 30


class EventFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, index_page):
        return index_page

    def title(self, index_page):
        return f"{index_page.title}: Co-operative Councils Innovation Network"

    def link(self, index_page):
        return index_page.url

    def subtitle(self, index_page):
        return "Forum sessions, roundtables and development sessions of the network."

    def items(self, index_page):
        from cms.models import EventPage

        # A feed is read by anyone it is passed on to: public events only.
        events = pages_visible_to(AnonymousUser(), EventPage.objects.child_of(index_page))
        return events.order_by("-start")[:FEED_LENGTH]

    def item_title(self, event):
        return event.title

    def item_description(self, event):
        start = timezone.localtime(event.start)
        when = f"{date_format(start, 'j F Y')}, {start:%H:%M}"
        where = f", {event.place}" if event.place else ""
        summary = f" {event.summary}" if event.summary else ""
        return f"{event.get_event_type_display()}: {when}{where}.{summary}"

    def item_link(self, event):
        return event.url

    def item_pubdate(self, event):
        return event.first_published_at

    def item_updateddate(self, event):
        return event.last_published_at
