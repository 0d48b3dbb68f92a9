from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data: the one place that may import every app, to fill them all."""

    name = "peercircle.demo"
    label = "demo"
