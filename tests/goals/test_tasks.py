from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from peercircle.goals import actions
from peercircle.goals.tasks import enqueue_goal_nudges, nudge_key
from tests.conftest import Cast
from tests.goals.helpers import make_goal, meetings_around


def test_nudges_go_to_owners_of_open_goals_due_within_three_days(
    now: datetime, cast: Cast, django_capture_on_commit_callbacks
) -> None:
    _, soon, _ = meetings_around(cast.group)
    due_soon = make_goal(cast.member, cast.group, "Send the <draft> & notes", due_in_days=2)
    make_goal(cast.member, cast.group, "far off", due_in_days=10)
    make_goal(cast.member, cast.group, "overdue", due_in_days=-2)
    done = make_goal(cast.organizer, cast.group, "done already", due_in_days=1)
    actions.goal_review(goal=done, status="done", note="", meeting=soon, by=cast.organizer)
    with django_capture_on_commit_callbacks(execute=True):
        assert enqueue_goal_nudges(timezone.now()) == 1
    [message] = mail.outbox
    assert message.to == [cast.member.email]
    assert "Send the <draft> & notes" in message.body
    assert "Send the &lt;draft&gt; &amp; notes" in message.alternatives[0][0]  # type: ignore[attr-defined]
    assert "\n" not in message.subject
    assert nudge_key(due_soon) == f"goal_nudge:{due_soon.pk}:{due_soon.due_on}:{cast.member.pk}"


def test_the_nudge_key_is_the_same_on_every_run_and_changes_with_the_date(
    now: datetime, cast: Cast, monkeypatch
) -> None:
    keys: list[str] = []
    monkeypatch.setattr(
        "peercircle.goals.tasks.mail_enqueue", lambda **kwargs: keys.append(kwargs["key"])
    )
    goal = make_goal(cast.member, cast.group, due_in_days=1)
    enqueue_goal_nudges(now)
    enqueue_goal_nudges(now + timedelta(hours=5))
    assert keys[0] == keys[1]
    actions.goal_update(
        goal=goal, text=goal.text, due_on=goal.due_on + timedelta(days=1), long_term=None,
        private=False,
    )  # fmt: skip
    enqueue_goal_nudges(now)
    assert keys[2] != keys[0]


def test_the_owners_own_date_decides(now: datetime, cast: Cast, monkeypatch) -> None:
    keys: list[str] = []
    monkeypatch.setattr(
        "peercircle.goals.tasks.mail_enqueue", lambda **kwargs: keys.append(kwargs["key"])
    )
    cast.member.timezone = "Pacific/Kiritimati"  # UTC+14: already tomorrow there
    cast.member.save(update_fields=["timezone"])
    now = datetime(2031, 5, 1, 12, 0, tzinfo=UTC)
    goal = make_goal(cast.member, cast.group, due_in_days=0)
    goal.due_on = now.date() + timedelta(days=4)  # due in 3 days for them, 4 in UTC
    goal.save(update_fields=["due_on"])
    assert enqueue_goal_nudges(now) == 1


def test_naive_times_are_refused(cast: Cast) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        enqueue_goal_nudges(datetime(2031, 5, 1))  # noqa: DTZ001


def test_the_mail_scheduler_runs_the_goal_nudges(now: datetime, db: None) -> None:
    from peercircle.goals.tasks import enqueue_goal_nudges
    from peercircle.mail.scheduler import producers

    assert enqueue_goal_nudges in producers()


def test_a_meeting_reminder_lists_the_members_own_goals_to_review_only(now: datetime, cast) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from peercircle.mail.models import Outbox
    from peercircle.meetings.reminders import meeting_reminders
    from tests.conftest import make_meeting
    from tests.goals.helpers import make_goal

    meeting = make_meeting(cast.group, days=2)
    make_goal(cast.member, cast.group, "Send the survey draft to my PI")
    make_goal(cast.organizer, cast.group, "Organizer's private worry", private=True)
    meeting_reminders(meeting.starts_at - timedelta(days=1))
    mine = Outbox.objects.get(kind="meeting_reminder", to_email=cast.member.email)
    assert "Send the survey draft to my PI" in mine.text
    assert "private worry" not in mine.text
    theirs = Outbox.objects.get(kind="meeting_reminder", to_email=cast.organizer.email)
    assert "Organizer's private worry" in theirs.text
    assert "survey draft" not in theirs.text
    assert timezone.is_aware(meeting.starts_at)
