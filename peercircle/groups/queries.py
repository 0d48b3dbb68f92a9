"""Reads of the groups app that pages share; they take loaded rows, so they cost no query."""

import difflib
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q
from django.utils import timezone

from peercircle.accounts.models import User
from peercircle.groups.forms import RsvpForm
from peercircle.groups.models import (
    Agreement,
    AgreementAcceptance,
    Answer,
    Group,
    Membership,
    OptionKind,
    PollOption,
    Rsvp,
    RsvpAnswer,
    Schedule,
)
from peercircle.meetings.access import MeetingAccess, can_run_meeting
from peercircle.meetings.models import Attendance, Meeting, Status


@dataclass
class OptionResult:
    option: PollOption
    yes: list[User] = field(default_factory=list)
    maybe: list[User] = field(default_factory=list)
    no: list[User] = field(default_factory=list)
    silent: list[User] = field(default_factory=list)

    @property
    def can_come(self) -> int:
        return len(self.yes) + len(self.maybe)

    @property
    def cannot(self) -> list[User]:
        return self.no


@dataclass
class PollResults:
    times: list[OptionResult]
    places: list[OptionResult]
    answered: int

    @property
    def best_time(self) -> OptionResult | None:
        return self.times[0] if self.times else None

    @property
    def best_place(self) -> OptionResult | None:
        return self.places[0] if self.places else None


def poll_results(options: list[PollOption], members: list[User]) -> PollResults:
    """Options ranked by how many can come, then by how many said yes.

    `options` must have their answers (with users) prefetched.
    """
    answered: set[int] = set()
    results = []
    for option in options:
        result = OptionResult(option=option)
        seen = set()
        for answer in option.answers.all():
            seen.add(answer.user_id)
            answered.add(answer.user_id)
            {Answer.YES: result.yes, Answer.MAYBE: result.maybe, Answer.NO: result.no}[
                Answer(answer.answer)
            ].append(answer.user)
        result.silent = [m for m in members if m.pk not in seen]
        results.append(result)
    results.sort(key=lambda r: (-r.can_come, -len(r.yes), r.option.position))
    return PollResults(
        times=[r for r in results if r.option.kind == OptionKind.TIME],
        places=[r for r in results if r.option.kind == OptionKind.PLACE],
        answered=len(answered & {m.pk for m in members}),
    )


def meeting_panel(
    access: MeetingAccess, *, form: RsvpForm | None = None, saved: bool = False
) -> dict[str, object]:
    """What the meeting page's schedule partial needs (RSVPs, host swap), in three queries."""
    meeting = access.meeting
    rsvps = list(Rsvp.objects.filter(meeting=meeting).select_related("user"))
    mine = next((r for r in rsvps if r.user_id == access.user.pk), None)
    if form is None:
        initial = {"answer": mine.answer, "note": mine.note} if mine else {}
        form = RsvpForm(initial=initial)
    others = []
    if can_run_meeting(meeting, access.membership):
        others = list(
            Meeting.objects.upcoming()
            .filter(group_id=meeting.group_id)
            .exclude(pk=meeting.pk)
            .select_related("host")[:12]
        )
    return {
        "meeting": meeting,
        "rsvps": rsvps,
        "going": sum(r.answer == "going" for r in rsvps),
        "rsvp_form": form,
        "rsvp_saved": saved,
        "can_run": can_run_meeting(meeting, access.membership),
        "swap_choices": others,
        "now": timezone.now(),
    }


# Groups do best starting with more than five; below four who keep coming, say so.
ACTIVE_FLOOR = 4


def group_panel(group: Group, *, is_organizer: bool) -> dict[str, object]:
    """What the group page's schedule, poll and membership sections need."""
    from peercircle.groups.actions import schedule_describe  # actions import this module

    schedule = Schedule.objects.filter(group=group).first()
    member_count = group.memberships.count()
    polls = list(
        group.polls.filter(adopted_at=None).annotate(
            answered=Count("options__answers__user", distinct=True)
        )[:3]
    )
    for poll in polls:  # the author (and everyone) sees when the poll is complete
        poll.everyone_answered = poll.answered >= member_count  # type: ignore[attr-defined]
    last_three = (
        Meeting.objects.past().filter(group=group).exclude(status=Status.CANCELLED).values("pk")[:3]
    )
    # "Came" is the attendance the host took; where none was taken, a "going" answer.
    # Two queries whatever the history: the page's cost must not grow with it.
    came = Attendance.objects.filter(meeting_id__in=last_three, present=True).values("user_id")
    going = Rsvp.objects.filter(meeting_id__in=last_three, answer=RsvpAnswer.GOING).values(
        "user_id"
    )
    active = group.memberships.filter(Q(user_id__in=came) | Q(user_id__in=going)).count()
    if not last_three.exists():
        active = member_count  # a new group has no history to count from yet
    return {
        "schedule": schedule,
        "schedule_text": schedule_describe(schedule) if schedule else "",
        "open_polls": polls,
        "active_count": active,
        "few_active": active < ACTIVE_FLOOR,
        "pending_invitations": (
            group.invitations.filter(
                accepted_at=None, revoked_at=None, expires_at__gt=timezone.now()
            ).count()
            if is_organizer
            else 0
        ),
    }


# --- the group agreement and first steps (issue 14) ---


def current_agreement(group: Group) -> Agreement | None:
    """The version in force: the newest (Meta.ordering puts it first)."""
    return Agreement.objects.filter(group=group).first()


def accepted_versions(group: Group) -> dict[int, int]:
    """Each membership's newest accepted version, by membership id, in one query."""
    rows = (
        AgreementAcceptance.objects.filter(membership__group=group)
        .values("membership_id")
        .annotate(version=Max("agreement__version"))
    )
    return {row["membership_id"]: row["version"] for row in rows}


def not_accepted(
    memberships: list[Membership], current: Agreement | None, versions: dict[int, int]
) -> list[Membership]:
    if current is None:
        return []
    return [m for m in memberships if versions.get(m.pk, 0) < current.version]


@dataclass(frozen=True)
class AgreementChange:
    added: list[str]
    removed: list[str]


def agreement_change(group: Group, since_version: int) -> AgreementChange | None:
    """What changed between the version a member accepted and the one in force."""
    versions = {a.version: a for a in Agreement.objects.filter(group=group)}
    if not versions or since_version not in versions:
        return None
    old = versions[since_version].rules
    new = versions[max(versions)].rules
    added: list[str] = []
    removed: list[str] = []
    for line in difflib.ndiff(old, new):
        if line.startswith("+ "):
            added.append(line[2:])
        elif line.startswith("- "):
            removed.append(line[2:])
    return AgreementChange(added=added, removed=removed)


@dataclass(frozen=True)
class Step:
    label: str
    done: bool
    url_name: str = ""


def first_steps(group: Group, member_count: int) -> list[Step]:
    """The organizer's first steps in order; an empty list once every one is done.

    The seed's advice: start larger than five, find the best time and place, stick to it.
    Each step is done as soon as its thing exists, so a group formed by a coordinator (with
    a slot and meetings already) skips what it needs no longer.
    """
    pending = group.invitations.filter(
        accepted_at=None, revoked_at=None, expires_at__gt=timezone.now()
    ).count()
    has_schedule = Schedule.objects.filter(group=group).exists()
    meetings = Meeting.objects.filter(group=group)
    scheduled = has_schedule or meetings.exists()
    steps = [
        Step(
            "Invite at least six people (groups shrink to those who keep coming)",
            member_count + pending >= 6,
            "group_invitations",
        ),
        Step(
            "Open a poll to find the best time and place",
            scheduled or group.polls.exists(),
            "poll_new",
        ),
        Step("Adopt a time and place, and stick to it", scheduled, "schedule_edit"),
        Step("Hold your first meeting", meetings.filter(status=Status.HELD).exists()),
    ]
    return [] if all(step.done for step in steps) else steps
