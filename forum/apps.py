from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = "Officers' network discussions"

    def ready(self):
        from core.home import register_home_section
        from core.search import register_search_provider
        from core.signals import after_all_migrations
        from forum.home import latest_discussions
        from forum.roles import grant_editor_permissions
        from forum.search import search_threads

        register_home_section("discussions", 50, latest_discussions)
        register_search_provider("discussions", 30, "Discussions", search_threads)
        # After members' role groups (order 20), once every permission exists.
        after_all_migrations(grant_editor_permissions, uid="forum.editor_permissions", order=30)
