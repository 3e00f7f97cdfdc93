from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Network content"

    def ready(self):
        from cms import search, sections
        from cms.setup import ensure_page_tree_root

        post_migrate.connect(ensure_page_tree_root, dispatch_uid="cms.ensure_page_tree_root")
        sections.register()
        search.register()
