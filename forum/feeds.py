"""Atom feed of the newest discussions in a public category."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed

from forum.models import Category, Thread


class CategoryFeed(Feed):
    """The 30 newest visible threads of one public category, with their opening text."""

    feed_type = Atom1Feed

    def get_object(self, request, slug: str):
        # Feeds are read by anonymous clients: members-only categories have none.
        return get_object_or_404(Category.objects.public(), slug=slug)

    def title(self, obj):
        return f"{obj.name}: CCIN officers' network discussions"

    def subtitle(self, obj):
        return obj.description

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return (
            Thread.objects.filter(category=obj, hidden_at__isnull=True)
            .select_related("author")
            .order_by("-created_at", "-pk")[:30]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.opening_text[:600]

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.last_post_at

    def item_author_name(self, item):
        return item.author.name
