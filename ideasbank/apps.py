"""The ideas bank app: ideas, votes, comments, stages and council evidence."""

from django.apps import AppConfig


class IdeasbankConfig(AppConfig):
    name = "ideasbank"
    verbose_name = "Ideas bank"
