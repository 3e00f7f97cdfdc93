"""Values kept in the process as well as the cache are reached only through the cache's token."""

import pytest
from django.core.cache import cache

from core import pages


class Builds:
    def __init__(self):
        self.count = 0

    def __call__(self):
        self.count += 1
        return ("page", self.count)


def test_a_value_is_built_once_and_then_served_from_the_process():
    build = Builds()
    assert pages.shared_value("test:page", build, 60) == ("page", 1)
    assert pages.shared_value("test:page", build, 60) == ("page", 1)
    assert build.count == 1


def test_another_process_finds_the_value_in_the_cache():
    build = Builds()
    pages.shared_value("test:page", build, 60)
    pages._local.clear()  # as a process that never built it
    assert pages.shared_value("test:page", build, 60) == ("page", 1)
    assert build.count == 1


@pytest.mark.parametrize("forget", ["clear", "delete"])
def test_a_value_the_cache_no_longer_holds_is_never_served_from_the_process(forget):
    build = Builds()
    pages.shared_value("test:page", build, 60)
    if forget == "clear":
        cache.clear()
    else:
        cache.delete("test:page")
    assert pages.shared_value("test:page", build, 60) == ("page", 2)


def test_the_process_keeps_a_bounded_number_of_values(monkeypatch):
    monkeypatch.setattr(pages, "LOCAL_VALUES", 3)
    for n in range(10):
        pages.shared_value(f"test:page:{n}", Builds(), 60)
    assert len(pages._local) <= 3
