"""The discussions in Wagtail: categories as snippets, home and search sections, log actions."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.home import HOME_SECTION_HOOK
from core.search import SEARCH_HOOK, VISIBILITY_MODELS_HOOK
from forum.models import Category


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "folder-open-inverse"
    menu_label = "Discussion categories"
    menu_name = "discussion_categories"
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["name", "visibility", "thread_count"]
    # Drag-and-drop ordering in the listing, from Orderable.sort_order.
    sort_order_field = "sort_order"
    search_fields = ["name", "description"]


register_snippet(CategoryViewSet)


@hooks.register("register_log_actions")
def forum_log_actions(actions):
    from forum.audit import ACTIONS

    for action, (label, message) in ACTIONS.items():
        actions.register_action(action, label, message)


@hooks.register(HOME_SECTION_HOOK, order=50)
def discussions(request):
    from forum.home import latest_discussions

    return latest_discussions(request)


@hooks.register(SEARCH_HOOK, order=30)
def discussions_search(user):
    from forum.search import threads_source

    return threads_source(user)


@hooks.register(VISIBILITY_MODELS_HOOK)
def category_decides_search():
    # A category's visibility decides who may open its threads and replies.
    return "forum.Category"


@hooks.register(SEARCH_HOOK, order=35)
def replies_search(user):
    from forum.search import posts_source

    return posts_source(user)


@hooks.register("hub_briefing_section", order=50)
def briefing_busiest_discussions(user, start, end):
    """Last month's busiest discussions among those the member may open."""
    from django.db.models import Count, Q

    from forum.models import Thread
    from notifications.briefing import BriefingItem, BriefingSection

    in_month = Q(posts__created_at__gte=start, posts__created_at__lt=end)
    threads = (
        Thread.objects.visible_to(user)
        .annotate(month_posts=Count("posts", filter=in_month))
        .filter(month_posts__gt=0)
        .order_by("-month_posts", "-pk")[:5]
    )
    items = [BriefingItem(t.title, t.get_absolute_url(), f"{t.month_posts} posts") for t in threads]
    return BriefingSection("Busiest discussions", items)
