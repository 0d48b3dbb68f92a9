from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "peercircle.accounts"
    label = "accounts"

    def ready(self) -> None:
        from peercircle.accounts import personal_data

        personal_data.register(
            personal_data.Share(
                label="accounts",
                export=personal_data.export_user_data,
                covers=personal_data.COVERS,
            )
        )
