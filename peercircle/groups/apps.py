from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "peercircle.groups"
    label = "groups"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from peercircle.accounts.personal_data import Share, register
        from peercircle.groups import personal_data
        from peercircle.groups.actions.polls import polls_due
        from peercircle.mail.kinds import Kind, register_kind
        from peercircle.mail.scheduler import register_producer

        register_kind(Kind("invitation", _("Invitations to join a group"), transactional=True))
        register_kind(Kind("poll_opened", _("A new availability poll in your group")))
        register_kind(
            Kind("poll_reminder", _("A reminder a day before a poll you have not answered closes"))
        )
        register_kind(Kind("poll_result", _("When everyone answered your poll, or it closed")))
        register_producer(polls_due)
        register(
            Share(
                label="groups",
                export=personal_data.export_user_data,
                erase=personal_data.erase_user_data,
                covers=personal_data.COVERS,
            )
        )
