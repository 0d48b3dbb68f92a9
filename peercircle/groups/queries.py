"""Reads about groups that several pages share."""

import difflib
from dataclasses import dataclass

from django.db.models import Max

from peercircle.groups.models import Agreement, AgreementAcceptance, Group, Membership


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
    """
    from peercircle.meetings.models import Meeting, Status  # meetings depends on groups

    held = Meeting.objects.filter(group=group, status=Status.HELD).exists()
    scheduled = held or Meeting.objects.filter(group=group).exists()
    steps = [
        Step(
            "Invite at least six people (groups shrink to those who keep coming)", member_count >= 6
        ),
        Step("Agree on a time and place", scheduled),
        Step("Hold your first meeting", held),
    ]
    return [] if all(step.done for step in steps) else steps
