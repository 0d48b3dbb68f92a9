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
