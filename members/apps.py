"""The members app: councils, affiliates, people, their roles and membership decisions."""

from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Members and councils"

    def ready(self):
        from core.signals import after_all_migrations
        from members import signals  # noqa: F401
        from members.permissions import connect_role_cache
        from members.roles import ensure_role_groups

        connect_role_cache()
        after_all_migrations(ensure_role_groups, uid="members.role_groups", order=20)
