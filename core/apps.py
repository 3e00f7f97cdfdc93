"""The core app: what every feature app shares (error layer, validators, real time, search)."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from core.auth import connect_user_cache
        from core.search import connect_tag_reindexing

        connect_tag_reindexing()
        connect_user_cache()
