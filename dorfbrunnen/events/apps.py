from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "dorfbrunnen.events"
    label = "events"
