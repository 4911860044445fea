from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "dorfbrunnen.search"
    label = "site_search"
