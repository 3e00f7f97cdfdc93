from django.apps import AppConfig


class IdeasbankConfig(AppConfig):
    name = "ideasbank"
    verbose_name = "Ideas bank"

    def ready(self):
        from core.home import register_home_section
        from core.search import register_search_provider
        from ideasbank.home import top_ideas_this_month
        from ideasbank.search import search_ideas

        register_home_section("ideas", 20, top_ideas_this_month)
        register_search_provider("ideas", 20, "Ideas", search_ideas)
