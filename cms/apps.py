from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Network content"

    def ready(self):
        from cms.setup import (
            ensure_page_tree_root,
            ensure_principles,
            grant_editor_collection_permissions,
            site_follows_site_url,
        )
        from core.signals import after_all_migrations

        after_all_migrations(ensure_page_tree_root, uid="cms.page_tree_root", order=10)
        # After members.role_groups (20), which makes the Network editors group.
        after_all_migrations(
            grant_editor_collection_permissions, uid="cms.editor_collections", order=25
        )
        after_all_migrations(ensure_principles, uid="cms.principles", order=26)
        # A deployment that changes SITE_URL runs migrate; its Site record follows.
        after_all_migrations(site_follows_site_url, uid="cms.site_url", order=27)
