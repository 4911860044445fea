from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "dorfbrunnen.news"
    label = "news"
