"""The notifications app: in-site notifications, their emails and the live unread count."""

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Notifications"
