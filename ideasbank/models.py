"""Ideas, votes, comments, stages, council evidence, follows and reports."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase
from wagtail.search import index

from ideasbank import permissions


class Stage(models.TextChoices):
    IDEA = "idea", "Idea"
    DISCUSSION = "discussion", "Under discussion"
    PROTOTYPE = "prototype", "Policy Prototype"
    LAB = "lab", "Policy Lab"
    ADOPTED = "adopted", "Adopted"
    CLOSED = "closed", "Closed"


class ClosedReason(models.TextChoices):
    DUPLICATE = "duplicate", "Duplicate of another idea"
    WITHDRAWN = "withdrawn", "Withdrawn"
    NOT_TAKEN_FORWARD = "not-taken-forward", "Not taken forward"


class Visibility(models.TextChoices):
    PUBLIC = "public", "Public: anyone can read it"
    MEMBERS = "members", "Members only"


class IdeaTheme(TaggedItemBase):
    content_object = models.ForeignKey("Idea", on_delete=models.CASCADE, related_name="+")


class IdeaQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Ideas this person may read: members see members-only ideas; hidden ones
        are left to moderators."""
        qs = self
        if not permissions.can_view_members_only(user):
            qs = qs.filter(visibility=Visibility.PUBLIC)
        if not permissions.is_moderator(user):
            qs = qs.filter(is_hidden=False)
        return qs

    def public(self):
        return self.filter(visibility=Visibility.PUBLIC, is_hidden=False)

    def search(self, text: str):
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(
            Q(title__icontains=text) | Q(summary__icontains=text) | Q(body__icontains=text)
        )

    def sorted_by(self, sort: str):
        return self.order_by(*SORTS.get(sort, SORTS["top"])[1])


# key: (label, ordering)
SORTS = {
    "top": ("Most votes", ("-vote_count", "-created_at", "-pk")),
    "trending": ("Trending", ("-trending_score", "-pk")),
    "newest": ("Newest", ("-created_at", "-pk")),
    "discussed": ("Most discussed", ("-comment_count", "-vote_count", "-pk")),
    "councils": ("Most councils", ("-council_count", "-vote_count", "-pk")),
}


class Idea(index.Indexed, models.Model):
    """An idea a member posts for the network to debate and grow."""

    title = models.CharField(max_length=200)
    summary = models.CharField("one-line summary", max_length=300)
    body = models.TextField(blank=True, help_text="Markdown.")
    body_html = models.TextField(blank=True, editable=False)
    themes = TaggableManager(through=IdeaTheme, blank=True)
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="ideas"
    )
    council = models.ForeignKey(
        "members.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas",
        help_text="The author's organisation when the idea was posted.",
    )
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.IDEA)
    closed_reason = models.CharField(max_length=20, choices=ClosedReason.choices, blank=True)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    project_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page describing the Policy Prototype or Lab, once it exists.",
    )
    # Stored counts, changed only inside the transactions that change the rows
    # they count (see services), so lists sort and show them without joins.
    vote_count = models.PositiveIntegerField(default=0)
    council_count = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)
    # log2(votes + 1) + age in weeks since the epoch: sorting by it ranks each
    # idea as (votes + 1) halved for every week of age, all in the database.
    trending_score = models.FloatField(default=0, db_index=True)
    is_hidden = models.BooleanField(default=False)
    created_at = models.DateTimeField(db_index=True)
    updated_at = models.DateTimeField()

    objects = IdeaQuerySet.as_manager()

    # The site search and "similar ideas" (Wagtail's database backend).
    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.RelatedFields("themes", [index.SearchField("name", boost=2)]),
        index.FilterField("visibility"),
        index.FilterField("is_hidden"),
        index.FilterField("stage"),
    ]

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["-vote_count", "-created_at"], name="idea_top_idx"),
            models.Index(fields=["visibility", "is_hidden"], name="idea_visible_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("ideasbank:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.stage != Stage.CLOSED


class Vote(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_votes"
    )
    # The voter's organisation when they voted; "backed by N councils" counts
    # the distinct full-member councils among these.
    organisation = models.ForeignKey(
        "members.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="one_vote_per_member_per_idea")
        ]

    def __str__(self):
        return f"Vote by {self.user_id} on idea {self.idea_id}"


class Comment(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField()
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField()
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    is_hidden = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Comment {self.pk} on {self.idea_id}"

    def get_absolute_url(self):
        return f"{self.idea.get_absolute_url()}#comment-{self.pk}"

    @property
    def is_removed(self) -> bool:
        return self.deleted_at is not None or self.is_hidden


class StageChange(models.Model):
    """A public record of each stage change, with the editor's note."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=20, choices=Stage.choices)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    closed_reason = models.CharField(max_length=20, choices=ClosedReason.choices, blank=True)
    note = models.TextField()
    note_html = models.TextField(editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.idea_id}: {self.from_stage} to {self.to_stage}"


class Evidence(models.Model):
    """Where a council stands on an idea: interested, piloting, or done it."""

    class Status(models.TextChoices):
        INTERESTED = "interested", "We are interested"
        PILOTING = "piloting", "We are piloting this"
        DONE = "done", "We have done this"

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="evidence")
    council = models.ForeignKey(
        "members.Organisation", on_delete=models.CASCADE, related_name="idea_evidence"
    )
    status = models.CharField(max_length=20, choices=Status.choices)
    note = models.TextField(blank=True)
    note_html = models.TextField(blank=True, editable=False)
    outcome = models.TextField(blank=True)
    outcome_html = models.TextField(blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["council__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "council"], name="one_evidence_per_council_per_idea"
            )
        ]

    def __str__(self):
        return f"{self.council_id} {self.status} on idea {self.idea_id}"


class Follow(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="one_follow_per_member_per_idea")
        ]

    def __str__(self):
        return f"{self.user_id} follows idea {self.idea_id}"


class Report(models.Model):
    """A member asks moderators to look at an idea or a comment."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="reports")
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField()
    created_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Report {self.pk} on idea {self.idea_id}"
