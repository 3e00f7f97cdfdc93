"""The site's URLs plus one view that fails, to see the 500 page a reader gets."""

from django.urls import path

from config.urls import handler500  # noqa: F401
from config.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", boom), *site_urlpatterns]


def database_down(request):
    from django.db.utils import OperationalError

    raise OperationalError("connection refused")


urlpatterns = [path("database-down/", database_down), *urlpatterns]
