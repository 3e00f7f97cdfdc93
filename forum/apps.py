"""The discussions app: its name in the admin, its editors' permissions after migrations, and
the receivers that make cached visitor pages stale (forum/pagecache.py)."""

from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = "Officers' network discussions"

    def ready(self):
        from core.signals import after_all_migrations
        from forum import pagecache
        from forum.roles import grant_editor_permissions

        pagecache.connect()

        # After members' role groups (order 20), once every permission exists.
        after_all_migrations(grant_editor_permissions, uid="forum.editor_permissions", order=30)
