from django.apps import AppConfig


class LiveblogsConfig(AppConfig):
    name = "liveblogs"

    def ready(self):
        from core.home import register_home_section
        from liveblogs import signals

        register_home_section("liveblogs-live", 10, _live_now)
        signals.connect()


def _live_now(request):
    """Home page: liveblogs in progress that this reader may see."""
    from liveblogs.models import LiveblogPage
    from liveblogs.permissions import liveblogs_visible_to

    live = liveblogs_visible_to(
        request.user, LiveblogPage.objects.filter(state=LiveblogPage.State.LIVE)
    )
    if not live:
        return None
    return {"template": "liveblogs/includes/home_live.html", "liveblogs": live[:3]}
