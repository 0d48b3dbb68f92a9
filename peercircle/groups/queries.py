"""Reads of the groups app that pages share; most take loaded rows, so they cost no query
(`polls_to_answer` costs one)."""

import difflib
from dataclasses import dataclass, field

from django.db.models import Count, Max
from django.utils import timezone

from peercircle.accounts.models import User
from peercircle.groups.models import (
    Agreement,
    AgreementAcceptance,
    Answer,
    Group,
    Invitation,
    Membership,
    OptionKind,
    Poll,
    PollAnswer,
    PollOption,
)


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
    member_ids = {m.pk for m in members}
    for option in options:
        result = OptionResult(option=option)
        seen = set()
        for answer in option.answers.all():
            if answer.user_id not in member_ids:
                continue  # someone who left: counted neither as answered nor in the results
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
        answered=len(answered),
    )


def group_panel(group: Group, *, is_organizer: bool, member_count: int) -> dict[str, object]:
    """What the group page's poll and invitation sections need."""
    polls = list(
        group.polls.filter(adopted_at=None).annotate(
            answered=Count("options__answers__user", distinct=True)
        )[:3]
    )
    for poll in polls:  # the author (and everyone) sees when the poll is complete
        poll.everyone_answered = poll.answered >= member_count  # type: ignore[attr-defined]
    return {
        "open_polls": polls,
        "pending_invitations": group.invitations.pending().count() if is_organizer else 0,
    }


# --- the group agreement ---


def current_agreement(group_id: int, *, lock: bool = False) -> Agreement | None:
    """The version in force: the newest (Meta.ordering puts it first).

    With `lock`, the row is locked so two editors saving at once take turns.
    """
    rows = Agreement.objects.filter(group_id=group_id)
    return (rows.select_for_update() if lock else rows).first()


def accepted_versions(group: Group) -> dict[int, int]:
    """Each membership's newest accepted version, by membership id, in one query."""
    rows = (
        AgreementAcceptance.objects.filter(membership__group=group)
        .values("membership_id")
        .annotate(version=Max("agreement__version"))
    )
    return {row["membership_id"]: row["version"] for row in rows}


def has_accepted(
    membership: Membership, current: Agreement | None, versions: dict[int, int]
) -> bool:
    """Whether `membership` accepted the version in force (a group without one asks nothing)."""
    return current is None or versions.get(membership.pk, 0) >= current.version


def not_accepted(
    memberships: list[Membership], current: Agreement | None, versions: dict[int, int]
) -> list[Membership]:
    return [m for m in memberships if not has_accepted(m, current, versions)]


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


def polls_to_answer(user: User, group_ids: list[int]) -> list[Poll]:
    """Open polls of the person's groups they have not answered yet (the dashboard's card)."""
    answered = PollAnswer.objects.filter(user=user).values("option__poll_id")
    return list(
        Poll.objects.filter(
            group_id__in=group_ids,
            adopted_at__isnull=True,
            closed_at__isnull=True,
            deadline__gt=timezone.now(),
        )
        .exclude(pk__in=answered)
        .select_related("group")
        .order_by("deadline", "pk")
    )


def invitations_waiting(user: User, group_ids: list[int]) -> list[Invitation]:
    """Pending invitations to this person's address, for groups they are not in yet."""
    if not user.email:
        return []
    return list(
        Invitation.objects.pending()
        .filter(email__iexact=user.email)
        .exclude(group_id__in=group_ids)
        .select_related("group", "invited_by")
        .order_by("-created_at")
    )
