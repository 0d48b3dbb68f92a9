from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "peercircle.mail"
    label = "mail"

    def ready(self) -> None:
        from peercircle.accounts.personal_data import Share, register
        from peercircle.mail import personal_data
        from peercircle.mail.retention import purge_old_mail_bodies
        from peercircle.mail.scheduler import register_producer

        # Bodies of mails sent long enough ago are forgotten (see mail/retention.py).
        register_producer(purge_old_mail_bodies)
        _track_versions()
        register(
            Share(
                label="mail",
                export=personal_data.export_user_data,
                erase=personal_data.erase_user_data,
                covers=personal_data.COVERS,
                tables=personal_data.csv_tables,
                table_names=tuple(personal_data.CSV_TABLES),
            )
        )


def _track_versions() -> None:
    """What cached page parts each of this app's rows is shown under (lib/versions.py)."""
    from peercircle.lib.versions import scope_at, track, untracked
    from peercircle.mail import models as m

    untracked(m.Outbox)  # the staff's outbox page is never cached
    untracked(m.OutboxAttachment)
    track(m.MailPreference, lambda row: [scope_at("user", row, "user_id")])
