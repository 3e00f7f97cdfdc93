from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Network content"

    def ready(self):
        from cms.setup import ensure_page_tree_root
        from core.signals import after_all_migrations

        after_all_migrations(ensure_page_tree_root, uid="cms.page_tree_root", order=10)
