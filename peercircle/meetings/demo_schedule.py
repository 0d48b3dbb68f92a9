"""Demo data for schedules, polls, hosts, RSVPs, invitations and calendar feeds.

Each group found its time with a poll and adopted it (the third group has a second poll
still open); hosts rotate; the Thursday group has RSVPs, a moved meeting and a pending
invitation; the Saturday group has a cancelled meeting. Every member has a calendar link.
"""

from datetime import time, timedelta

from django.utils import timezone

from peercircle.accounts.models import User
from peercircle.groups.actions.agreement import agreement_accept
from peercircle.groups.actions.invitations import invitation_send
from peercircle.groups.actions.polls import PlaceChoice, TimeChoice, poll_answer, poll_create
from peercircle.groups.models import Answer, Group, OptionKind, Poll, RecurrenceKind
from peercircle.groups.queries import current_agreement
from peercircle.meetings.actions.calendar_feed import calendar_feed_regenerate
from peercircle.meetings.actions.meeting import meeting_cancel, meeting_move
from peercircle.meetings.actions.rsvp import rsvp_set
from peercircle.meetings.actions.schedule import schedule_adopt_poll
from peercircle.meetings.models import Meeting, Rsvp, RsvpAnswer, Status

# Per group: the slot they adopt (weekday, time, nth), an alternative, and the place.
POLLS = [
    ((3, time(18, 0), 2), (1, time(18, 0), 0), ("coffee", "Danforth Café, back room")),
    ((5, time(10, 30), 1), (6, time(10, 30), 0), ("home", "Rotating: a member's home")),
    ((1, time(8, 0), 3), (3, time(7, 30), 0), ("video", "https://meet.example.org/breakfast")),
]
INVITED = "new.member@example.org"
NOTES = ["", "", "Might be 10 minutes late", "", "Conference that week, sorry", ""]


def fill(*, groups: list[tuple[Group, list[User]]]) -> None:
    now = timezone.now()
    _accept_agreements(groups)
    for (group, members), (chosen, other, place) in zip(groups, POLLS, strict=True):
        poll = poll_create(
            group=group,
            author=members[1],
            question="When and where should we meet?",
            deadline=now + timedelta(days=1),
            times=[TimeChoice(*chosen), TimeChoice(*other)],
            places=[PlaceChoice(*place), PlaceChoice("campus", "Library room 204")],
        )
        _answer(poll, members, favourite=chosen)
        options = {(o.kind, o.weekday, o.place_kind): o for o in poll.options.all()}
        schedule_adopt_poll(
            poll=poll,
            time_option=options[(OptionKind.TIME, chosen[0], "")],
            place_option=options[(OptionKind.PLACE, None, place[0])],
            kind=RecurrenceKind.MONTHLY_NTH,
            confirmed=True,
            notify_members=False,
        )
        _rsvp_history(group.meetings.filter(status=Status.HELD), members)
    thursday, saturday, tuesday = (g for g, _ in groups)
    thursday_members = groups[0][1]
    _rsvp_next(thursday.meetings.upcoming().first(), thursday_members)
    second = thursday.meetings.upcoming()[1]
    meeting_move(
        meeting=second,
        starts_at=second.starts_at + timedelta(days=1),
        location="Library room 204 (café closed)",
        notify=False,
    )
    meeting_cancel(meeting=saturday.meetings.upcoming()[2], notify=False)
    invitation_send(group=thursday, email=INVITED, invited_by=thursday_members[0], send=False)
    _open_poll(tuesday, groups[2][1])
    for _, members in groups:
        for user in members:
            calendar_feed_regenerate(user=user)


def _answer(poll: Poll, members: list[User], *, favourite: tuple[int, time, int]) -> None:
    for index, user in enumerate(members):
        answers: dict[int, str] = {}
        for option in poll.options.all():
            liked = option.kind == OptionKind.PLACE or option.weekday == favourite[0]
            answers[option.pk] = Answer.YES if liked else [Answer.NO, Answer.MAYBE][index % 2]
        if index == len(members) - 1:
            answers = {pk: Answer.MAYBE.value for pk in answers}  # someone flexible
        poll_answer(poll=poll, user=user, answers=answers)


def _rsvp_history(held: "object", members: list[User]) -> None:
    # Until attendance is recorded, "going" answers stand for who came.
    rows = [
        Rsvp(meeting=meeting, user=user, answer=RsvpAnswer.GOING)
        for meeting in held  # type: ignore[attr-defined]
        for user in members[:5]
    ]
    Rsvp.objects.bulk_create(rows)


def _rsvp_next(meeting: Meeting | None, members: list[User]) -> None:
    if meeting is None:
        return
    answers = [
        RsvpAnswer.GOING,
        RsvpAnswer.GOING,
        RsvpAnswer.MAYBE,
        RsvpAnswer.GOING,
        RsvpAnswer.NOT_GOING,
        RsvpAnswer.GOING,
    ]
    for user, answer, note in zip(members, answers, NOTES, strict=True):
        rsvp_set(meeting=meeting, user=user, answer=answer, note=note)


def _open_poll(group: object, members: list[User]) -> None:
    poll = poll_create(
        group=group,  # type: ignore[arg-type]
        author=members[2],
        question="Shall we meet in person once a term?",
        deadline=timezone.now() + timedelta(days=6),
        times=[TimeChoice(5, time(10, 30), 2), TimeChoice(1, time(8, 0), 3)],
        places=[
            PlaceChoice("coffee", "Blue Owl Bakery"),
            PlaceChoice("campus", "Graduate Center lounge"),
        ],
    )
    for user in members[:3]:
        poll_answer(poll=poll, user=user, answers={o.pk: Answer.YES for o in poll.options.all()})


def _accept_agreements(groups: list[tuple[Group, list[User]]]) -> None:
    """The program's groups have met for months: everyone accepted the seed's ground rules."""
    for group, _ in groups:
        agreement = current_agreement(group.pk)
        assert agreement is not None  # every group starts with the seed's rules
        for membership in group.memberships.all():
            agreement_accept(membership=membership, version=agreement.version)
