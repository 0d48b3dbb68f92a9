from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "peercircle.accounts"
    label = "accounts"
