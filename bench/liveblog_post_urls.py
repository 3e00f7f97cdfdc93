"""The project's URLs plus /bench-minimal/ (GET) and /bench-minimal-post/ (POST), both sync."""

from django.urls import path

from bench.common import minimal_urlpatterns, minimal_view

urlpatterns = [
    path("bench-minimal-post/", minimal_view),
    *minimal_urlpatterns(),
]
