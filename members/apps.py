from django.apps import AppConfig
from django.db.models.signals import post_migrate


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Members and councils"

    def ready(self):
        from members import signals  # noqa: F401
        from members.roles import ensure_role_groups

        post_migrate.connect(ensure_role_groups, sender=self)
