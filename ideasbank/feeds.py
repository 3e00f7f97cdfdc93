"""Atom feed of public ideas: visitors' rights, whoever fetches it."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from ideasbank.models import Idea


class LatestIdeasFeed(Feed):
    feed_type = Atom1Feed
    title = "CCIN ideas bank: newest ideas"
    link = reverse_lazy("ideasbank:list")
    subtitle = "Ideas posted by officers of co-operative councils."

    def items(self):
        return (
            Idea.objects.public()
            .select_related("council", "author")
            .prefetch_related("themes")
            .order_by("-created_at")[:30]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return str(item.council) if item.council_id else "Network member"

    def item_categories(self, item):
        return [tag.name for tag in item.themes.all()]
