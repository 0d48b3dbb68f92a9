from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "peercircle.goals"
    label = "goals"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from peercircle.accounts.personal_data import Share, register
        from peercircle.goals import personal_data
        from peercircle.goals.tasks import enqueue_goal_nudges, reminder_goals
        from peercircle.mail.kinds import Kind, register_kind
        from peercircle.mail.scheduler import register_producer
        from peercircle.meetings.reminders import add_reminder_part

        register_kind(Kind("goal_nudge", _("Goal deadline nudges"), digestible=True))
        # The scheduler sends deadline nudges each minute; a member's meeting reminder
        # lists the goals they will review there.
        register_producer(enqueue_goal_nudges)
        add_reminder_part(reminder_goals)
        _track_versions()
        register(
            Share(
                label="goals",
                export=personal_data.export_user_data,
                erase=personal_data.erase_user_data,
                covers=personal_data.COVERS,
                tables=personal_data.csv_tables,
                table_names=tuple(personal_data.CSV_TABLES),
            )
        )


def _track_versions() -> None:
    """What cached page parts each of this app's rows is shown under (lib/versions.py)."""
    from peercircle.goals import models as m
    from peercircle.lib.versions import scope_at, track

    def in_group(row: object) -> list[tuple[str, int] | None]:
        return [scope_at("group", row, "group_id"), scope_at("user", row, "owner_id")]

    track(m.Goal, in_group)
    track(m.Success, in_group)
    # Long-term goals are their owner's; the groups they share a group's page with read them
    # under the owner's scope as well.
    track(m.LongTermGoal, lambda row: [scope_at("user", row, "owner_id")])
