from datetime import timedelta

from django.utils import timezone

from peercircle.accounts.models import User
from peercircle.goals.actions import goal_set
from peercircle.goals.models import Goal
from peercircle.groups.models import Group
from peercircle.meetings.actions.meeting import meeting_schedule
from peercircle.meetings.models import Meeting
from tests.conftest import make_meeting


def make_goal(
    owner: User,
    group: Group,
    text: str = "Write the methods section by Friday",
    *,
    due_in_days: int = 0,
    private: bool = False,
    set_at: Meeting | None = None,
) -> Goal:
    due_on = timezone.localdate() + timedelta(days=due_in_days)
    return goal_set(
        owner=owner, group=group, text=text, due_on=due_on, private=private, set_at=set_at
    )


def meetings_around(group: Group) -> tuple[Meeting, Meeting, Meeting]:
    """A meeting two weeks ago, one an hour from now, and one in four weeks."""
    soon = meeting_schedule(
        group=group, starts_at=timezone.now().replace(microsecond=0) + timedelta(hours=1)
    )
    return make_meeting(group, days=-14), soon, make_meeting(group, days=28)
