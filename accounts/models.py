from django.conf import settings
from django.db import models
from django.utils import timezone


class DataExportQuerySet(models.QuerySet):
    def live(self):
        return self.filter(expires_at__gt=timezone.now())

    def expired(self):
        return self.filter(expires_at__lte=timezone.now())


class DataExport(models.Model):
    """A member's data archive (zip), prepared in the background and kept for a limited time."""

    class Status(models.TextChoices):
        PREPARING = "preparing", "Being prepared"
        READY = "ready", "Ready to download"
        FAILED = "failed", "Could not be prepared"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    # Who asked: the member, or a network editor acting on their request.
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PREPARING)
    created_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()
    # Kept in the database so every server process can hand it out.
    archive = models.BinaryField(blank=True, editable=False, default=b"")
    size = models.PositiveIntegerField(default=0)

    objects = DataExportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Data export {self.pk} ({self.get_status_display()})"

    @property
    def is_downloadable(self) -> bool:
        return self.status == self.Status.READY and self.expires_at > timezone.now()

    def filename(self) -> str:
        return f"ccin-hub-my-data-{self.created_at:%Y-%m-%d}-{self.pk}.zip"
