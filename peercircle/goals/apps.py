from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "peercircle.goals"
    label = "goals"
