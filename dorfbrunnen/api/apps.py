from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "dorfbrunnen.api"
    label = "api"
    verbose_name = "API"
