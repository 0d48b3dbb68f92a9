from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "peercircle.groups"
    label = "groups"

    def ready(self) -> None:
        from peercircle.accounts.personal_data import Share, register
        from peercircle.groups import personal_data
        from peercircle.mail.kinds import Kind, register_kind

        register_kind(Kind("invitation", "Invitations to join a group", transactional=True))
        register(
            Share(
                label="groups",
                export=personal_data.export_user_data,
                erase=personal_data.erase_user_data,
            )
        )
