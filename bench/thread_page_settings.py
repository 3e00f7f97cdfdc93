"""Settings for bench/thread_page.py: the project's settings, DEBUG off, plus a minimal view."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.thread_page_urls"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False}
# The bench reads as fast as it can; the posting limit is not what it measures.
HUB_POST_RATE = "100000/m"
