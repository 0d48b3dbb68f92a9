from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "peercircle.api"
    label = "api"

    def ready(self) -> None:
        from peercircle.accounts.personal_data import Share, register
        from peercircle.api import personal_data
        from peercircle.api.tasks import revoke_unused_tokens
        from peercircle.mail.scheduler import register_producer

        register_producer(revoke_unused_tokens)

        register(
            Share(
                label="api",
                export=personal_data.export_user_data,
                erase=personal_data.erase_user_data,
                covers=personal_data.COVERS,
            )
        )
