from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "dorfbrunnen.library"
    label = "library"
