"""The site's main navigation, with the section the request is in marked current."""

from dataclasses import dataclass

PRIMARY_NAVIGATION = [
    ("Ideas bank", "/ideas/"),
    ("Discussions", "/discussions/"),
    ("Liveblogs", "/liveblogs/"),
    ("Shadowing and mentoring", "/shadowing/"),
    ("Councils", "/members/councils/"),
    ("Library", "/library/"),
    ("Events", "/events/"),
]


@dataclass(frozen=True)
class NavigationItem:
    label: str
    href: str
    # "page" on the section's own address, "true" anywhere under it, "" elsewhere:
    # the value of aria-current.
    current: str = ""


def _current(path: str, href: str) -> str:
    if path == href:
        return "page"
    if path.startswith(href):
        return "true"
    return ""


def navigation(request):
    path = getattr(request, "path", "")
    return {
        "primary_navigation": [
            NavigationItem(label, href, _current(path, href)) for label, href in PRIMARY_NAVIGATION
        ]
    }
