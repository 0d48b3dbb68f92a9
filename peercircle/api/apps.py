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
        _track_versions()

        register(
            Share(
                label="api",
                export=personal_data.export_user_data,
                erase=personal_data.erase_user_data,
                covers=personal_data.COVERS,
            )
        )


def _track_versions() -> None:
    """What cached page parts each of this app's rows is shown under (lib/versions.py)."""
    from peercircle.api import models as m
    from peercircle.lib.versions import scope_at, track

    track(m.ApiToken, lambda row: [scope_at("user", row, "user_id")], quiet_fields={"last_used_at"})
