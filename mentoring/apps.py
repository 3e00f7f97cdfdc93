from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = "Shadowing and mentoring"

    def ready(self):
        from core.home import register_home_section
        from core.search import register_search_provider
        from mentoring.home import open_placements_section
        from mentoring.search import search_placements

        register_home_section("open_placements", 60, open_placements_section)
        register_search_provider("placements", 40, "Shadowing placements", search_placements)
