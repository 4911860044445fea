from django.apps import AppConfig


class CentresConfig(AppConfig):
    name = "dorfbrunnen.centres"
    label = "centres"
