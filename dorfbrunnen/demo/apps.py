from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content for development, tests' browser site and benchmarks (`load_demo`).
    Installed only by the dev and test settings: production has no such command."""

    name = "dorfbrunnen.demo"
    label = "demo"
    verbose_name = "Demo"
