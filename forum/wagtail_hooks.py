"""Editors create, describe and order discussion categories in the Wagtail admin."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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
