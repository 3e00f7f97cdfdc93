"""Sections of the home page, filled by the feature apps through a Wagtail hook.

Each app registers a function in its wagtail_hooks.py:

    @hooks.register(HOME_SECTION_HOOK, order=20)
    def top_ideas(request): ...

It returns a dict with "template" and that template's context, or None to
show nothing (for instance when the reader may not see that feature). The
home page calls them in hook order.
"""

from django.http import HttpRequest
from wagtail import hooks

HOME_SECTION_HOOK = "hub_home_section"


def build_home_sections(request: HttpRequest) -> list[dict]:
    built = []
    for build in hooks.get_hooks(HOME_SECTION_HOOK):
        context = build(request)
        if context:
            built.append({"name": build.__name__, **context})
    return built
