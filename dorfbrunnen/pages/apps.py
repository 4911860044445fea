from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "dorfbrunnen.pages"
    label = "pages"
