"""Demo goals: three past meetings' reviews with every status, a carried-over goal, a
private goal, long-term lists (one at "reached 4 of 8") and successes.

Runs once inside the demo command's transaction, through the goals actions only.
"""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from peercircle.accounts.models import User
from peercircle.goals.actions import (
    goal_review,
    goal_set,
    long_term_add,
    long_term_update,
    success_add,
)
from peercircle.goals.models import GoalStatus, LongTermGoal, LongTermStatus
from peercircle.groups.models import Group
from peercircle.meetings.models import Meeting

S = GoalStatus
# (member index, goal, status at the review, note); one list per past period.
PERIODS = [
    [
        (
            0,
            "Write the methods section of chapter 2 by the next meeting",
            S.DONE,
            "Sent to my advisor too",
        ),
        (
            1,
            "Run the titration series three times before the next meeting",
            S.PARTLY,
            "Two of three runs",
        ),
        (2, "Submit the workshop abstract by the deadline on the 15th", S.DONE, ""),
        (3, "Email two possible committee members this month", S.NOT_DONE, "Put it off; anxious"),
        (
            4,
            "Draft the specific aims page of my fellowship application",
            S.CARRIED_OVER,
            "Half done",
        ),
        (
            5,
            "Read four archive folders on the 1890s strike",
            S.DROPPED,
            "Archive closed for renovation",
        ),
    ],
    [
        (0, "Give a 10-minute practice talk to my lab on Friday", S.DONE, "Good questions"),
        (1, "Write 300 words of my thesis introduction on four mornings", S.DONE, ""),
        (2, "Label 200 images for the validation set", S.PARTLY, "150 labelled"),
        (3, "Email two possible committee members", S.DONE, "Both said yes to a chat"),
        (5, "Outline chapter 3 in bullet points", S.NOT_DONE, ""),
    ],
]
OPEN_GOALS = [
    (0, "Submit the chapter 2 draft to my committee"),
    (1, "Book the NMR slot for the last two samples"),
    (2, "Write the related-work section of the conference paper"),
    (3, "Prepare three slides on my pilot data for lab meeting"),
    (4, "Ask two postdocs to read my aims page"),
]
AMARA_LONG_TERM = [
    ("Pass my qualifying exam", 2026, True),
    ("Publish the chapter 2 study", 2027, True),
    ("Present at the Plant Biology conference", 2026, True),
    ("Mentor an undergraduate researcher", 2026, True),
    ("Defend my dissertation", 2028, False),
    ("Win a dissertation fellowship", 2027, False),
    ("Learn to program in R well enough to teach it", 2027, False),
    ("Secure a postdoc in plant-microbe interactions", 2029, False),
]
LUIS_LONG_TERM = [
    ("Finish my PhD in five years", 2029, False),
    ("Teach an undergraduate lab course", 2027, True),
    ("Spend a summer at an industry lab", 2028, False),
]


def fill(*, groups: list[tuple[Group, list[User]]], zone: str) -> None:
    # Dates are the members' own: a meeting at 18:00 in Chicago is due that day, not the
    # next (as it would be in UTC).
    with timezone.override(ZoneInfo(zone)):
        _fill(groups)


def _fill(groups: list[tuple[Group, list[User]]]) -> None:
    group, members = groups[0]
    past = list(
        Meeting.objects.filter(group=group, starts_at__lt=timezone.now()).order_by("starts_at")
    )[-3:]
    first, second, third = past
    amara_lt = _long_term(members[0], AMARA_LONG_TERM)
    luis_lt = _long_term(members[1], LUIS_LONG_TERM)
    links = {0: amara_lt[1], 1: luis_lt[0]}
    carried = []
    for set_at, reviewed_at, period in ((first, second, PERIODS[0]), (second, third, PERIODS[1])):
        for index, text, status, note in period:
            goal = goal_set(
                owner=members[index], group=group, text=text, set_at=set_at,
                long_term=links.get(index),
            )  # fmt: skip
            goal_review(goal=goal, status=status, note=note, meeting=reviewed_at, by=members[index])
            if status == S.CARRIED_OVER:
                carried.append(goal)
    # The carried-over aims page came back at the next meeting and was done there.
    for goal in carried:
        follow_up = goal.carried_to
        goal_review(
            goal=follow_up, status=S.DONE, note="Sent to my PI", meeting=third, by=goal.owner
        )
    # A private goal, reviewed by its owner; and one left open that keeps coming back.
    private = goal_set(
        owner=members[1], group=group, text="Tell my PI I want to leave academia after the PhD",
        set_at=second, private=True,
    )  # fmt: skip
    goal_review(
        goal=private,
        status=S.DONE,
        note="It went better than I feared",
        meeting=third,
        by=members[1],
    )
    goal_set(owner=members[5], group=group, text="Send the archive request form", set_at=second)
    for index, text in OPEN_GOALS:
        goal_set(
            owner=members[index], group=group, text=text, set_at=third, long_term=links.get(index)
        )
    goal_set(
        owner=members[1], group=group, text="Ask Dr. Birnbaum about the fellowship deadline",
        set_at=third, private=True,
    )  # fmt: skip
    goal_set(
        owner=members[2], group=group, text="Find out how switching advisors works here",
        set_at=third, private=True,
    )  # fmt: skip
    _successes(group, members, third)


def _long_term(owner: User, spec: list[tuple[str, int, bool]]) -> list[LongTermGoal]:
    goals = []
    for text, year, reached in spec:
        goal = long_term_add(
            owner=owner, text=text, target_year=max(year, timezone.localdate().year)
        )
        if reached:
            goal = long_term_update(
                goal=goal,
                text=goal.text,
                target_year=goal.target_year,
                status=LongTermStatus.REACHED,
            )
        goals.append(goal)
    return goals


def _successes(group: Group, members: list[User], meeting: Meeting) -> None:
    day = timezone.localdate(meeting.starts_at)
    wins = [
        (0, "Passed my qualifying exam!", 6),
        (2, "My poster won the department prize", 3),
        (3, "Finally said no to a side project", 10),
    ]
    for index, text, days_before in wins:
        success_add(
            owner=members[index],
            group=group,
            text=text,
            happened_on=day - timedelta(days=days_before),
        )
