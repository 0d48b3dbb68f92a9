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
        _track_versions()
        register(
            Share(
                label="groups",
                export=personal_data.export_user_data,
                erase=personal_data.erase_user_data,
                covers=personal_data.COVERS,
            )
        )


def _track_versions() -> None:
    """What cached page parts each of this app's rows is shown under (lib/versions.py)."""
    from peercircle.groups import models as m
    from peercircle.lib.versions import scope_at, track

    track(m.Group, lambda row: [("group", row.pk), scope_at("program", row, "program_id")])
    track(
        m.Membership,
        lambda row: [
            scope_at("group", row, "group_id"),
            scope_at("user", row, "user_id"),
            scope_at("program", row, "group.program_id"),
        ],
    )
    track(m.Agreement, lambda row: [scope_at("group", row, "group_id")])
    track(m.AgreementAcceptance, lambda row: [scope_at("group", row, "membership.group_id")])
    track(m.Poll, lambda row: [scope_at("group", row, "group_id")])
    track(m.PollOption, lambda row: [scope_at("group", row, "poll.group_id")])
    track(
        m.PollAnswer,
        lambda row: [
            scope_at("group", row, "option.poll.group_id"),
            scope_at("user", row, "user_id"),
        ],
    )
    track(m.Invitation, lambda row: [scope_at("group", row, "group_id")])
