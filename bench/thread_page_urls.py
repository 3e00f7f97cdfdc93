"""The project's URLs plus /bench-minimal/, a sync HttpResponse("ok") view."""

from django.http import HttpResponse
from django.urls import include, path


def minimal(request):
    return HttpResponse("ok")


urlpatterns = [path("bench-minimal/", minimal), path("", include("config.urls"))]
