from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Network content"

    def ready(self):
        from cms.setup import (
            ensure_page_tree_root,
            ensure_principles,
            grant_editor_collection_permissions,
        )
        from core.signals import after_all_migrations

        after_all_migrations(ensure_page_tree_root, uid="cms.page_tree_root", order=10)
        # After members.role_groups (20), which makes the Network editors group.
        after_all_migrations(
            grant_editor_collection_permissions, uid="cms.editor_collections", order=25
        )
        after_all_migrations(ensure_principles, uid="cms.principles", order=26)
