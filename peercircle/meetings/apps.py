from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "peercircle.meetings"
    label = "meetings"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from peercircle.accounts.personal_data import Share, register
        from peercircle.groups.actions.membership import on_member_joined, on_member_leaving
        from peercircle.groups.pages import (
            add_dashboard_part,
            add_group_page_moments,
            add_group_page_part,
        )
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
        _track_versions()
        add_dashboard_part(pages.dashboard_part)
        add_group_page_part(pages.group_page_part)
        add_group_page_moments(pages.group_page_moments)
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


def _track_versions() -> None:
    """What cached page parts each of this app's rows is shown under (lib/versions.py)."""
    from peercircle.lib.versions import scope_at, track, untracked
    from peercircle.meetings import models as m

    def in_meeting(row: object, *people: str) -> list[tuple[str, int] | None]:
        return [
            scope_at("group", row, "meeting.group_id"),
            *(scope_at("user", row, person) for person in people),
        ]

    track(m.Meeting, lambda row: [scope_at("group", row, "group_id")])
    track(m.Schedule, lambda row: [scope_at("group", row, "group_id")])
    track(m.Rsvp, lambda row: in_meeting(row, "user_id"))
    track(m.CheckIn, lambda row: in_meeting(row, "user_id"))
    track(m.AgendaItem, lambda row: in_meeting(row, "presenter_id"))
    track(m.RunState, lambda row: in_meeting(row))
    track(m.Attendance, lambda row: in_meeting(row, "user_id"))
    track(
        m.Comment,
        lambda row: [
            scope_at("group", row, "item.meeting.group_id"),
            scope_at("user", row, "commenter_id"),
        ],
    )
    track(m.Note, lambda row: in_meeting(row, "author_id"))
    # A draft is its writer's alone, on their own pages.
    track(m.NoteDraft, lambda row: [scope_at("user", row, "user_id")])
    untracked(m.CalendarFeed)  # a secret link's token, shown on no page part
