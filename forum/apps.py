"""The discussions app: its name in the admin, and its editors' permissions after migrations."""

from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = "Officers' network discussions"

    def ready(self):
        from core.signals import after_all_migrations
        from forum.roles import grant_editor_permissions

        # After members' role groups (order 20), once every permission exists.
        after_all_migrations(grant_editor_permissions, uid="forum.editor_permissions", order=30)
