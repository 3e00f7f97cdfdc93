"""Notifications (read in the site or by email), members' email choices per kind, briefings sent."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def awaiting_digest(self):
        return self.filter(emailed_at__isnull=True, digest_pending=True)


class Notification(models.Model):
    """Something a member should know about: shown in the site, maybe emailed."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=50)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    digest_pending = models.BooleanField(default=False)
    # "daily" or "weekly": the digest it waits for ("" on rows from before per-kind choices).
    digest_frequency = models.CharField(max_length=20, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        # The table was created when notifications lived in core; it keeps its name.
        db_table = "core_notification"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notif_unread_idx")]

    def __str__(self):
        return self.title


class Frequency(models.TextChoices):
    IMMEDIATELY = "immediately", "Immediately"
    DAILY = "daily", "Daily digest"
    WEEKLY = "weekly", "Weekly digest"
    NEVER = "never", "Never"


class EmailCategory(models.TextChoices):
    REPLIES = "replies", "Replies and mentions"
    IDEAS = "ideas", "Ideas I follow"
    PLACEMENTS = "placements", "Placements and mentoring"
    EVENTS = "events", "Events"
    MEMBERSHIP = "membership", "Membership"


def _frequency_field(label):
    return models.CharField(
        label, max_length=20, choices=Frequency.choices, default=Frequency.IMMEDIATELY
    )


class EmailPreferences(models.Model):
    """How often a member wants each kind of notification emailed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preferences"
    )
    replies = _frequency_field(EmailCategory.REPLIES.label)
    ideas = _frequency_field(EmailCategory.IDEAS.label)
    placements = _frequency_field(EmailCategory.PLACEMENTS.label)
    events = _frequency_field(EmailCategory.EVENTS.label)
    membership = _frequency_field(EmailCategory.MEMBERSHIP.label)

    def __str__(self):
        return f"Email choices of {self.user}"

    def as_dict(self) -> dict[str, str]:
        return {key: getattr(self, key) for key in EmailCategory.values}


class BriefingSent(models.Model):
    """The monthly briefing went to this member for this month (sent once, however often run)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(help_text="The first day of the month the briefing covers.")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "month"], name="briefing_once_a_month")
        ]

    def __str__(self):
        return f"Briefing for {self.month:%B %Y} to {self.user}"
