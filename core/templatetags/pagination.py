"""Page links for templates/includes/pagination.html: elided around the current page."""

from django import template

register = template.Library()


@register.simple_tag
def page_links(page, on_each_side: int = 2, on_ends: int = 1) -> list[dict]:
    """[{"number": 1, "current": False}, {"number": None} (a gap), ...] for a Page."""
    paginator = page.paginator
    return [
        {"number": None}
        if number == paginator.ELLIPSIS
        else {"number": number, "current": number == page.number}
        for number in paginator.get_elided_page_range(
            page.number, on_each_side=on_each_side, on_ends=on_ends
        )
    ]
