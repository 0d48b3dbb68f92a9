from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "peercircle.goals"
    label = "goals"

    def ready(self) -> None:
        # The mail scheduler runs every registered producer each minute; goals add their
        # deadline nudges, and the goals to review in each member's meeting reminder.
        from peercircle.goals.tasks import enqueue_goal_nudges, reminder_goals
        from peercircle.mail import reminders, scheduler

        if enqueue_goal_nudges not in scheduler.PRODUCERS:
            scheduler.PRODUCERS.append(enqueue_goal_nudges)
        if reminder_goals not in reminders.REMINDER_EXTRAS:
            reminders.REMINDER_EXTRAS.append(reminder_goals)
