from django.apps import AppConfig
from django.db.models.signals import post_migrate


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Members and councils"

    def ready(self):
        from members import search, signals  # noqa: F401
        from members.roles import ensure_role_groups

        # Not limited to this app: permissions of apps migrated later (ours and
        # Wagtail's) only exist once their own post_migrate has run. It is idempotent.
        post_migrate.connect(ensure_role_groups, dispatch_uid="members.ensure_role_groups")
        search.register()
