"""The shadowing placements and mentoring app."""

from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = "Shadowing and mentoring"
