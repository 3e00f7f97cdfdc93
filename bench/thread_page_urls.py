"""The project's URLs plus /bench-minimal/, a sync HttpResponse("ok") view."""

from bench.common import minimal_urlpatterns

urlpatterns = minimal_urlpatterns()
