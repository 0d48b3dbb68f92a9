from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "peercircle.programs"
    label = "programs"
