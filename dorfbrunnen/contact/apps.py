from django.apps import AppConfig


class ContactConfig(AppConfig):
    name = "dorfbrunnen.contact"
    label = "contact"
