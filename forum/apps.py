from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = "Officers' network discussions"

    def ready(self):
        from core.home import register_home_section
        from core.search import register_search_provider
        from forum.home import latest_discussions
        from forum.roles import grant_editor_permissions
        from forum.search import search_threads

        register_home_section("discussions", 50, latest_discussions)
        register_search_provider("discussions", 30, "Discussions", search_threads)
        post_migrate.connect(grant_editor_permissions, sender=self)
