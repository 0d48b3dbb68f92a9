from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "peercircle.meetings"
    label = "meetings"
