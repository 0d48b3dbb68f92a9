from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "peercircle.meetings"
    label = "meetings"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from peercircle.accounts.personal_data import Share, register
        from peercircle.groups.actions.membership import on_member_joined, on_member_leaving
        from peercircle.groups.pages import add_dashboard_part, add_group_page_part
        from peercircle.mail.kinds import Kind, register_kind
        from peercircle.mail.scheduler import register_producer
        from peercircle.meetings import mails, pages, personal_data, reminders
        from peercircle.meetings.actions.hosts import hosts_release

        for kind in [
            Kind("meeting_reminder", _("Meeting reminders, a few days before")),
            Kind("host_reminder", _("Day-of reminder with the agenda when you host")),
            Kind(
                "meeting_summary",
                _("Meeting summaries after meetings you attended"),
                digestible=True,
            ),
            Kind(
                "calendar_update",
                _("Calendar invitations when a meeting is set, moved or cancelled"),
            ),
        ]:
            register_kind(kind)
        register_producer(reminders.meeting_reminders)
        register_producer(reminders.host_reminders)
        add_dashboard_part(pages.dashboard_part)
        add_group_page_part(pages.group_page_part)
        # Someone leaving a group hands on the meetings they would have hosted.
        on_member_leaving(lambda group, user_id: hosts_release(group=group, user_id=user_id))
        # Calendars follow membership: a CANCEL for each meeting ahead on leaving, invitations
        # to the next ones on joining.
        on_member_leaving(mails.member_left)
        on_member_joined(
            lambda group, user: mails.calendar_joined_send(group_id=group.pk, user=user)
        )
        register(
            Share(
                label="meetings",
                export=personal_data.export_user_data,
                erase=personal_data.erase_user_data,
                covers=personal_data.COVERS,
                tables=personal_data.csv_tables,
                table_names=tuple(personal_data.CSV_TABLES),
            )
        )
