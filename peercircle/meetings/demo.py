"""Demo data for the meeting itself: past meetings as they were run, and one to run now.

Past meetings are history, so their records (check-ins, timings, outcomes, comments,
notes) are written directly as they would have been left by a run; the meeting starting
now is prepared through the actions, exactly as members would check in for it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from peercircle.groups.models import Group
from peercircle.meetings.actions.agenda import agenda_materialize
from peercircle.meetings.actions.checkin import checkin_save
from peercircle.meetings.actions.meeting import meeting_schedule
from peercircle.meetings.models import (
    Attendance,
    CheckIn,
    Comment,
    ItemKind,
    Meeting,
    Note,
    Outcome,
    Response,
    RunState,
    RunStatus,
    Status,
)

if TYPE_CHECKING:
    from peercircle.accounts.models import User

NOW_HOST = ("luis.ortega@example.org", "Luis Ortega")
LOGINS = [
    (
        "host now",
        NOW_HOST[0],
        "Luis Ortega: hosts the Thursday Evening Circle meeting starting now",
    )
]

ASKS = [10, 15, 20, 5, 10, 15]
KINDS = [Response.FEEDBACK, Response.SUPPORT, Response.TROUBLESHOOTING]
TOPICS = [
    "Second chapter draft: is the argument clear?",
    "Committee meeting next month, how to prepare",
    "My model keeps overfitting",
    "Saying no to a side project",
    "Feedback on my conference abstract",
    "Balancing teaching and writing",
]
OUTCOMES = [Outcome.YES, Outcome.YES, Outcome.PARTLY, Outcome.YES, Outcome.NO]


def fill(*, groups: list[tuple[Group, list[User]]]) -> None:
    for group, members in groups:
        held = list(group.meetings.filter(status=Status.HELD).order_by("starts_at"))
        for number, meeting in enumerate(held):
            _past_meeting(meeting, members, number)
    group, members = groups[0]
    _meeting_now(group, members)


def _past_meeting(meeting: Meeting, members: list[User], number: int) -> None:
    absent = members[(number + 3) % len(members)]
    passer = members[(number + 2) % len(members)]
    venting = members[4] if number == 1 else None
    for index, user in enumerate(members):
        if user == absent:
            continue
        response = KINDS[(index + number) % 3]
        if user == passer:
            response = Response.PASS
        elif user == venting:
            response = Response.VENTING
        CheckIn.objects.create(
            meeting=meeting,
            user=user,
            response=response,
            minutes=0 if response == Response.PASS else ASKS[(index + number) % len(ASKS)],
            topic="" if response == Response.PASS else TOPICS[(index + number) % len(TOPICS)],
            success="Submitted my first paper!" if (index + number) % 5 == 0 else "",
        )
    items = agenda_materialize(meeting)
    for index, item in enumerate(items):
        drift = ((index * 7 + number * 3) % 5 - 2) * 30  # a minute early to a minute late
        item.actual_seconds = max(60, item.planned_minutes * 60 + drift)
        if item.kind == ItemKind.SLOT:
            item.outcome = OUTCOMES[(index + number) % len(OUTCOMES)]
        item.save(update_fields=["actual_seconds", "outcome"])
        if item.kind != ItemKind.SLOT:
            continue
        # Most people comment on most slots; Jonah (index 3) rarely comments on Priya's.
        for offset, commenter in enumerate(members):
            if commenter in (item.presenter, absent):
                continue
            if (offset + index + number) % 4 == 0 or (
                commenter == members[3] and item.presenter == members[4]
            ):
                continue
            Comment.objects.create(item=item, commenter=commenter)
        if item.venting:
            Note.objects.create(
                meeting=meeting,
                item=item,
                author=members[0],
                text="Hard week; we listened.",
                shared=True,
            )
        elif index % 2 == 0:
            Note.objects.create(
                meeting=meeting,
                item=item,
                author=members[(index + 1) % len(members)],
                text="Try writing the conclusion first, then check each section against it.",
                shared=True,
            )
    Note.objects.create(
        meeting=meeting, author=members[1], text="Ask Amara for her thesis template.", shared=False
    )
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, user=user, present=user != absent) for user in members
    )
    started = meeting.starts_at
    RunState.objects.create(
        meeting=meeting,
        status=RunStatus.FINISHED,
        position=len(items) - 1,
        runner=meeting.host,
        started_at=started,
        finished_at=started + timedelta(seconds=sum(i.actual_seconds for i in items)),
        version=len(items) * 2,
    )


def _meeting_now(group: object, members: list[User]) -> None:
    """A meeting of the first group starting in a few minutes, hosted by a demo login."""
    host = next(u for u in members if u.email == NOW_HOST[0])
    starts = timezone.now().replace(second=0, microsecond=0) + timedelta(minutes=5)
    meeting = meeting_schedule(group=group, starts_at=starts, host=host)  # type: ignore[arg-type]
    for index, user in enumerate(members[:5]):
        checkin_save(
            meeting=meeting,
            user=user,
            response=Response.PASS if index == 3 else KINDS[index % 3],
            minutes=ASKS[index],
            topic=TOPICS[index],
            success="Passed my qualifying exam" if index == 2 else "",
        )
