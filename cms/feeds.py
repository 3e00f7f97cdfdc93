"""The Atom feed of public library items: only what a visitor may open, whoever asks."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from cms.library import library_pages

FEED_LENGTH = 30


class LibraryFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, index_page):
        return index_page

    def title(self, index_page):
        return f"{index_page.title}: Co-operative Councils Innovation Network"

    def link(self, index_page):
        return index_page.url

    def subtitle(self, index_page):
        return "Case studies, how-to guides, publications, Policy Labs and Prototypes."

    def items(self, index_page):
        # A feed is read by anyone it is passed on to: public items only.
        pages = library_pages(index_page, AnonymousUser())
        return list(pages.order_by("-first_published_at", "-pk").specific()[:FEED_LENGTH])

    def item_title(self, page):
        return page.title

    def item_description(self, page):
        summary = getattr(page, "summary", "") or ""
        return f"{page.library_label}. {summary}".strip()

    def item_categories(self, page):
        return [page.library_label]

    def item_link(self, page):
        return page.url

    def item_pubdate(self, page):
        return page.first_published_at

    def item_updateddate(self, page):
        return page.last_published_at
