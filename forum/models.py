"""Officers' network discussions: categories, threads, numbered posts and read state.

Every post gets a per-thread sequence number (``Post.number``) that never changes;
pages are ranges of numbers, so a page never needs OFFSET. Each visible post also
holds its ``position`` among the visible posts, and each member's ``ReadState``
holds how many visible posts they have read, so an unread count is
``thread.visible_count - read_state.read_count``: a subtraction, never a count.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from forum import permissions

POSTS_PER_PAGE = 20


class Visibility(models.TextChoices):
    PUBLIC = "public", "Public: anyone can read"
    MEMBERS = "members", "Members only"


class CategoryQuerySet(models.QuerySet):
    def visible_to(self, user):
        if permissions.can_read_members_only(user):
            return self
        return self.filter(visibility=Visibility.PUBLIC)

    def public(self):
        return self.filter(visibility=Visibility.PUBLIC)

    def with_shown_thread_count(self, user):
        """Annotate ``shown_thread_count``: the threads in each category this reader can open.

        The stored ``thread_count`` includes hidden threads, which only moderators
        open; everyone else sees it less the category's hidden threads.
        """
        if permissions.is_forum_moderator(user):
            return self.annotate(shown_thread_count=F("thread_count"))
        hidden = (
            Thread.objects.filter(category=OuterRef("pk"), hidden_at__isnull=False)
            .order_by()
            .values("category")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(
            shown_thread_count=F("thread_count")
            - Coalesce(Subquery(hidden, output_field=models.IntegerField()), 0)
        )


class Category(Orderable):
    """A place for threads on one subject; ordered by editors in the Wagtail admin."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True, help_text="One or two sentences shown in lists.")
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    # Kept by the services so the category list never counts threads.
    thread_count = models.PositiveIntegerField(default=0, editable=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("visibility"),
    ]

    objects = CategoryQuerySet.as_manager()

    class Meta(Orderable.Meta):
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    def get_absolute_url(self):
        return reverse("forum:category", args=[self.slug])


class ThreadQuerySet(models.QuerySet):
    def visible_to(self, user):
        qs = self.select_related("category")
        if not permissions.can_read_members_only(user):
            qs = qs.filter(category__visibility=Visibility.PUBLIC)
        if not permissions.is_forum_moderator(user):
            qs = qs.filter(hidden_at__isnull=True)
        return qs

    def with_read_state(self, user):
        """Annotate ``read_count`` and ``last_read_number`` (None: never opened)."""
        if not getattr(user, "is_authenticated", False):
            return self.annotate(
                read_count=Value(None, output_field=models.IntegerField()),
                last_read_number=Value(None, output_field=models.IntegerField()),
            )
        states = ReadState.objects.filter(user=user, thread=OuterRef("pk"))
        return self.annotate(
            read_count=Subquery(states.values("read_count")[:1]),
            last_read_number=Subquery(states.values("last_read_number")[:1]),
        )

    def with_reader_state(self, user):
        """Annotate a member's ``state_pk`` and ``state_last_read`` (None: never opened) and
        ``is_watched``, for their thread page.

        In SQL: built as ORM expressions, these three subqueries took longer to
        build and compile (3 ms) than the whole query takes to run.
        """
        where = f'WHERE "thread_id" = "{self.model._meta.db_table}"."id" AND "user_id" = %s'
        states = f'FROM "{ReadState._meta.db_table}" {where}'
        watches = f'FROM "{ThreadWatch._meta.db_table}" {where}'

        def reader_sql(sql, field):
            # Table and column names are ours; the member's id is a parameter.
            return RawSQL(sql, (user.pk,), field)  # noqa: S611

        return self.annotate(
            state_pk=reader_sql(f'SELECT "id" {states}', models.IntegerField()),
            state_last_read=reader_sql(
                f'SELECT "last_read_number" {states}', models.IntegerField()
            ),
            is_watched=reader_sql(f"EXISTS (SELECT 1 {watches})", models.BooleanField()),
        )

    def for_list(self):
        return self.select_related("author", "last_poster").order_by(
            "-pinned", "-last_post_at", "-pk"
        )

    def search(self, text: str):
        text = (text or "").strip()
        if not text:
            return self.none()
        return self.filter(Q(title__icontains=text) | Q(opening_text__icontains=text))


class Thread(index.Indexed, models.Model):
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="threads")
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, allow_unicode=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_threads"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_post_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_poster = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Highest post number given so far (the per-thread sequence).
    last_number = models.PositiveIntegerField(default=0)
    # Posts that members can see (not deleted, not hidden).
    visible_count = models.PositiveIntegerField(default=0)
    pinned = models.BooleanField(default=False)
    locked = models.BooleanField(default=False)
    hidden_at = models.DateTimeField(null=True, blank=True)
    answer = models.ForeignKey(
        "Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Plain text of the opening post, for search.
    opening_text = models.TextField(blank=True)

    objects = ThreadQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("opening_text"),
        index.FilterField("hidden_at"),
    ]

    class Meta:
        indexes = [
            models.Index(
                fields=["category", "-pinned", "-last_post_at"], name="forum_thread_list_idx"
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:200] or "thread"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("forum:thread", args=[self.pk, self.slug])

    @property
    def reply_count(self) -> int:
        return max(self.visible_count - 1, 0)

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.last_number // POSTS_PER_PAGE))

    @staticmethod
    def page_for(number: int) -> int:
        return max(1, -(-number // POSTS_PER_PAGE))

    def url_for_number(self, number: int) -> str:
        return f"{self.get_absolute_url()}?page={self.page_for(number)}#post-{number}"

    @property
    def unread_count(self) -> int | None:
        """Needs ``with_read_state``; None when the reader never opened the thread."""
        read = getattr(self, "read_count", None)
        if read is None:
            return None
        return max(self.visible_count - read, 0)


class PostQuerySet(models.QuerySet):
    def on_page(self, thread, page: int):
        low = (page - 1) * POSTS_PER_PAGE
        return self.filter(thread=thread, number__gt=low, number__lte=low + POSTS_PER_PAGE)


class Post(index.Indexed, models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    number = models.PositiveIntegerField()
    # 1-based place among visible posts; None while deleted or hidden.
    position = models.PositiveIntegerField(null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_posts"
    )
    body = models.TextField()
    body_html = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    mentioned = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")

    objects = PostQuerySet.as_manager()

    # Replies in the site search (the opening post is searched as its thread).
    search_fields = [
        index.SearchField("body"),
        index.FilterField("thread"),
        index.FilterField("number"),
        index.FilterField("deleted_at"),
        index.FilterField("hidden_at"),
    ]

    class Meta:
        ordering = ["thread", "number"]
        constraints = [
            models.UniqueConstraint(fields=["thread", "number"], name="forum_post_number_unique")
        ]

    def __str__(self):
        return f"{self.thread} #{self.number}"

    def get_absolute_url(self):
        return self.thread.url_for_number(self.number)

    @property
    def is_visible(self) -> bool:
        return self.deleted_at is None and self.hidden_at is None


class PostRevision(models.Model):
    """A previous version of a post, kept when it is edited."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    body_html = models.TextField()
    written_at = models.DateTimeField()
    replaced_at = models.DateTimeField(default=timezone.now)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-replaced_at", "-pk"]

    def __str__(self):
        return f"Version of {self.post} replaced {self.replaced_at:%Y-%m-%d %H:%M}"


class ReadState(models.Model):
    """How far one member has read one thread: one row per member and thread."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="read_states")
    last_read_number = models.PositiveIntegerField(default=0)
    # Visible posts with a number up to last_read_number.
    read_count = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="forum_read_state_unique")
        ]
        indexes = [models.Index(fields=["thread", "last_read_number"], name="forum_read_pos_idx")]

    def __str__(self):
        return f"{self.user} read {self.thread} to #{self.last_read_number}"


class ThreadWatch(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="watches")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="forum_thread_watch_unique")
        ]

    def __str__(self):
        return f"{self.user} watches {self.thread}"


class CategoryWatch(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="watches")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "category"], name="forum_category_watch_unique")
        ]

    def __str__(self):
        return f"{self.user} watches {self.category}"


class ReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class Report(models.Model):
    """A member asks the moderators to look at a post."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=200, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=Q(resolved_at__isnull=True),
                name="forum_one_open_report_per_member",
            )
        ]

    def __str__(self):
        return f"Report on {self.post} by {self.reporter}"
