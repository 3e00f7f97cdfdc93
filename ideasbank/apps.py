from django.apps import AppConfig


class IdeasbankConfig(AppConfig):
    name = "ideasbank"
    verbose_name = "Ideas bank"
