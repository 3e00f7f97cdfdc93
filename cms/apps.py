from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Network content"

    def ready(self):
        from cms import search, sections

        sections.register()
        search.register()
