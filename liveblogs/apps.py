from django.apps import AppConfig


class LiveblogsConfig(AppConfig):
    name = "liveblogs"
