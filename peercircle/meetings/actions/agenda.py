"""The stored agenda: fixed once the host adjusts it or the meeting starts."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext

from peercircle.lib import versions
from peercircle.meetings import queries
from peercircle.meetings.access import MeetingAccess
from peercircle.meetings.actions.live import (
    NOT_RUNNER,
    OVER,
    bump_revision,
    may_control,
    run_locked,
)
from peercircle.meetings.models import AgendaItem, ItemKind, Meeting, RunStatus


def position_before_new_goals(items: list[AgendaItem]) -> int:
    goals = next((i.position for i in items if i.kind == ItemKind.NEW_GOALS), len(items))
    return goals - 1


def agenda_materialize(meeting: Meeting) -> list[AgendaItem]:
    """Store the planned agenda as items (once): from then on the host and the run change it."""
    items = list(meeting.agenda_items.select_related("presenter"))
    if items:
        return items
    planned = queries.agenda_for(meeting)
    versions.changed(("group", meeting.group_id))
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            position=position,
            kind=row.kind,
            presenter=row.presenter,
            venting=row.venting,
            asked_minutes=row.asked,
            planned_minutes=row.minutes,
        )
        for position, row in enumerate(planned.rows)
    )
    return list(meeting.agenda_items.select_related("presenter"))


@transaction.atomic
def agenda_adjust(
    *, access: MeetingAccess, minutes: dict[int, int], order: dict[int, int]
) -> list[AgendaItem]:
    """The host's changes: minutes per item and a new order (positions by item id)."""
    meeting = access.meeting
    run = run_locked(meeting)
    if run is not None and not may_control(access, run):
        raise PermissionDenied(NOT_RUNNER)
    if run is not None and run.status == RunStatus.FINISHED:
        raise ValidationError(OVER)
    items = agenda_materialize(meeting)
    done = run.position if run is not None and run.status != RunStatus.READY else -1
    for value in minutes.values():
        if not 0 <= value <= meeting.duration_minutes:
            raise ValidationError(
                gettext("Minutes must be between 0 and %(max)s.")
                % {"max": meeting.duration_minutes}
            )
    # Items already run keep their place; the rest are sorted by the positions given.
    fixed = [i for i in items if i.position <= done]
    movable = sorted(
        (i for i in items if i.position > done),
        key=lambda i: (order.get(i.pk, i.position), i.pk not in order, i.position),
    )
    for position, item in enumerate(fixed + movable):
        item.position = position
        if item.pk in minutes and item.position > done:
            item.planned_minutes = minutes[item.pk]
        item.save(update_fields=["position", "planned_minutes"])
    bump_revision(meeting)
    return fixed + movable
