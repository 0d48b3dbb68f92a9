from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "peercircle.mail"
    label = "mail"
