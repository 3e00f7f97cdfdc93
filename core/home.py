"""Sections of the home page, filled by the feature apps.

Each app registers a function in its AppConfig.ready(); the home page calls
them in order. A section function takes the request and returns a dict with
"template" and its context, or None to show nothing (for instance when the
reader may not see that feature).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class HomeSection:
    order: int
    name: str
    build: Callable[[HttpRequest], dict | None]


_sections: dict[str, HomeSection] = {}


def register_home_section(
    name: str, order: int, build: Callable[[HttpRequest], dict | None]
) -> None:
    _sections[name] = HomeSection(order=order, name=name, build=build)


def build_home_sections(request: HttpRequest) -> list[dict]:
    built = []
    for section in sorted(_sections.values(), key=lambda s: s.order):
        context = section.build(request)
        if context:
            built.append({"name": section.name, **context})
    return built
