"""The project's URLs plus /bench-minimal/ (GET) and /bench-minimal-post/ (POST), both sync,
and the composer's direct endpoint (liveblogs.urls) as config/urls.py is asked to include it."""

from django.urls import include, path

from bench.common import minimal_urlpatterns, minimal_view

urlpatterns = [
    path("bench-minimal-post/", minimal_view),
    path("liveblog-composer/", include("liveblogs.urls")),
    *minimal_urlpatterns(),
]
