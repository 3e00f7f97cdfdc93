"""The liveblogs app; on start it connects the page signals that concern readers."""

from django.apps import AppConfig


class LiveblogsConfig(AppConfig):
    name = "liveblogs"

    def ready(self):
        from liveblogs import signals

        signals.connect()
