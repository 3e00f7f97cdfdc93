"""bench/search.py's URLs: the project's, /bench-minimal/, and /bench-search-distinct/.

/bench-search-distinct/ is the site search (core.views.search, the same view
and middleware) asked for a different query on every request, so nothing is
served from the results cache: two words of the benchmark's vocabulary, a
different pair each time (every ordered pair once, in a scattered order).
"""

import threading

from django.urls import path

from bench.common import minimal_urlpatterns
from bench.search_words import WORDS
from core import views

_PAIRS = len(WORDS) ** 2
# A step with no factor in common with the number of pairs visits each one once.
_STEP = 7_919
_lock = threading.Lock()
_count = [0]


def _next_pair() -> tuple[str, str]:
    while True:
        with _lock:
            _count[0] += 1
            first, second = divmod(_count[0] * _STEP % _PAIRS, len(WORDS))
        if first != second:
            return WORDS[first], WORDS[second]


def distinct_search(request):
    first, second = _next_pair()
    request.GET = request.GET.copy()
    request.GET["q"] = f"{first} {second}"
    return views.search(request)


urlpatterns = [path("bench-search-distinct/", distinct_search), *minimal_urlpatterns()]
