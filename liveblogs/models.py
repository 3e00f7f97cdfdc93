"""Liveblog pages, their entries and the numbered log of changes readers catch up from."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class LiveblogIndexPage(Page):
    """Lists the liveblogs: live first, then upcoming, then ended."""

    introduction = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    subpage_types = ["liveblogs.LiveblogPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from liveblogs.permissions import liveblogs_visible_to

        context = super().get_context(request, *args, **kwargs)
        blogs = liveblogs_visible_to(request.user, LiveblogPage.objects.child_of(self))
        context["live"] = [b for b in blogs if b.state == LiveblogPage.State.LIVE]
        context["upcoming"] = [b for b in blogs if b.state == LiveblogPage.State.UPCOMING]
        context["ended"] = [b for b in blogs if b.state == LiveblogPage.State.ENDED]
        return context


class LiveblogPage(RoutablePageMixin, Page):
    """One liveblog. Entries live in their own table; privacy is Wagtail's page privacy."""

    class State(models.TextChoices):
        UPCOMING = "upcoming", "Upcoming"
        LIVE = "live", "Live"
        ENDED = "ended", "Ended"

    event = models.ForeignKey(
        "cms.EventPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="liveblogs",
    )
    introduction = RichTextField(blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.UPCOMING)
    coverage_start = models.DateTimeField(null=True, blank=True)
    coverage_end = models.DateTimeField(null=True, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("event"),
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("state"),
                FieldRowPanel([FieldPanel("coverage_start"), FieldPanel("coverage_end")]),
            ],
            heading="Coverage",
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    parent_page_types = ["liveblogs.LiveblogIndexPage"]
    subpage_types = []
    template = "liveblogs/liveblog_page.html"

    @property
    def is_live(self) -> bool:
        return self.state == self.State.LIVE

    @property
    def is_ended(self) -> bool:
        return self.state == self.State.ENDED

    def serve(self, request, *args, **kwargs):
        # Every route of the page (reading, polling, feed, composer) asks the
        # one privacy check; the error layer answers a refusal.
        from cms.privacy import view_restrictions
        from liveblogs.permissions import VIEW_REFUSAL, can_view_liveblog

        restrictions = view_restrictions(self, request)
        if not can_view_liveblog(request.user, self, request.session, restrictions):
            raise PermissionDenied(VIEW_REFUSAL)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from liveblogs.views import liveblog_context

        context = super().get_context(request, *args, **kwargs)
        context.update(liveblog_context(request, self))
        return context

    @path("")
    def reading(self, request):
        from liveblogs import views

        return views.read(request, self)

    @path("updates/")
    def updates(self, request):
        from liveblogs import views

        return views.updates(request, self)

    @path("feed/")
    def feed(self, request):
        from liveblogs import views

        return views.feed(request, self)

    @path("entries/")
    def entry_create(self, request):
        from liveblogs import views

        return views.entry_create(request, self)

    @re_path(r"^entries/(?P<entry_id>\d+)/(?P<action>edit|delete|flags)/$")
    def entry_action(self, request, entry_id, action):
        from liveblogs import views

        try:
            entry = self.entries.get(pk=int(entry_id), deleted_at__isnull=True)
        except Entry.DoesNotExist:
            raise Http404("No such entry.") from None
        return getattr(views, f"entry_{action}")(request, self, entry)


class LiveblogSequence(models.Model):
    """The last change number of one liveblog, kept off the page row.

    A separate row, because publishing a page revision rewrites every page
    field and would put an old number back.
    """

    page = models.OneToOneField(
        LiveblogPage, primary_key=True, on_delete=models.CASCADE, related_name="sequence"
    )
    last_seq = models.BigIntegerField(default=0)

    def __str__(self):
        return f"Liveblog {self.page_id} at change {self.last_seq}"


class EntryQuerySet(models.QuerySet):
    def current(self):
        return self.filter(deleted_at__isnull=True)

    def for_reading(self):
        """Pinned first, then newest first; the stored HTML is all a reader needs."""
        return self.current().order_by("-is_pinned", "-created_at", "-pk")

    def key_moments(self):
        return self.filter(is_key=True)


class Entry(models.Model):
    """One post in a liveblog. Its HTML is rendered once, when it changes."""

    page = models.ForeignKey(LiveblogPage, on_delete=models.CASCADE, related_name="entries")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="liveblog_entries",
    )
    body = models.TextField(help_text="Markdown: *emphasis*, **bold**, lists and links.")
    body_html = models.TextField(editable=False, default="")
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        "image description",
        max_length=250,
        blank=True,
        help_text="What the image shows, for people who cannot see it.",
    )
    quote = models.TextField(blank=True)
    quote_attribution = models.CharField(max_length=200, blank=True)
    link_url = models.URLField("link", blank=True)
    link_text = models.CharField(max_length=200, blank=True)
    is_key = models.BooleanField("key moment", default=False)
    is_pinned = models.BooleanField("pinned", default=False)
    html = models.TextField(editable=False, default="")
    last_seq = models.BigIntegerField(editable=False, default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = EntryQuerySet.as_manager()

    # Wagtail's reference index (the admin's "usage" listings) records an entry's
    # image; its page and author are structure, not references worth listing.
    page.wagtail_reference_index_ignore = True
    author.wagtail_reference_index_ignore = True

    class Meta:
        verbose_name_plural = "entries"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["page", "deleted_at", "created_at"])]

    def __str__(self):
        first_line = (self.body or "").strip().splitlines()[0] if self.body.strip() else ""
        return first_line[:80] or f"Entry {self.pk}"


class Change(models.Model):
    """One numbered change of a liveblog: what a reader who missed it must apply."""

    class Op(models.TextChoices):
        CREATED = "created", "Created"
        UPDATED = "updated", "Updated"
        DELETED = "deleted", "Deleted"

    page = models.ForeignKey(LiveblogPage, on_delete=models.CASCADE, related_name="changes")
    seq = models.BigIntegerField()
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="changes")
    op = models.CharField(max_length=10, choices=Op.choices)
    html = models.TextField(blank=True)
    pinned = models.BooleanField(default=False)
    key = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["page", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["page", "seq"], name="liveblog_change_seq_unique")
        ]

    def __str__(self):
        return f"Change {self.seq} ({self.op}) of liveblog {self.page_id}"
