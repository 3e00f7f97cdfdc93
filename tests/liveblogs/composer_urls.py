"""The site's URLs with the composer's direct endpoint, as config/urls.py is asked to include it."""

from django.urls import include, path

urlpatterns = [
    path("liveblog-composer/", include("liveblogs.urls")),
    path("", include("config.urls")),
]
