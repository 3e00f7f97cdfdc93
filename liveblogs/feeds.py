"""Atom feed of a public liveblog's entries (members-only liveblogs have none)."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags

from cms.privacy import view_restrictions
from liveblogs.permissions import is_public_liveblog

FEED_ENTRIES = 50


class LiveblogFeed(Feed):
    """Served from the liveblog page's `feed/` route: `LiveblogFeed()(request, page=page)`."""

    feed_type = Atom1Feed
    language = "en-gb"

    def get_object(self, request, page):
        # Feeds are read by anonymous clients and copied around: public liveblogs only.
        if not is_public_liveblog(page, view_restrictions(page, request)):
            raise Http404("This liveblog has no public feed.")
        self.page_url = page.get_full_url(request)
        return page

    def title(self, page):
        return page.title

    def subtitle(self, page):
        return strip_tags(page.introduction)

    def link(self, page):
        return self.page_url

    def items(self, page):
        return page.entries.current().order_by("-created_at", "-pk")[:FEED_ENTRIES]

    def _url(self, entry) -> str:
        return f"{self.page_url}#entry-{entry.pk}"

    def item_title(self, entry):
        return strip_tags(entry.body_html)[:80] or f"Update {entry.pk}"

    def item_description(self, entry):
        return entry.html

    def item_link(self, entry):
        return self._url(entry)

    def item_guid(self, entry):
        return self._url(entry)

    def item_pubdate(self, entry):
        return entry.created_at

    def item_updateddate(self, entry):
        return entry.edited_at or entry.created_at
