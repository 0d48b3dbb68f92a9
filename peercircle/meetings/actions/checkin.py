"""A member's check-in before (or during) a meeting, and the agenda following it."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from peercircle.accounts.models import User
from peercircle.meetings import queries
from peercircle.meetings.actions.agenda import position_before_new_goals
from peercircle.meetings.actions.live import meeting_locked
from peercircle.meetings.models import AgendaItem, CheckIn, ItemKind, Meeting, Response, RunStatus


@transaction.atomic
def checkin_save(
    *,
    meeting: Meeting,
    user: User,
    response: str,
    minutes: int,
    topic: str = "",
    notes: str = "",
    success: str = "",
    now: datetime | None = None,
) -> CheckIn:
    """Say what `user` needs from `meeting`; after the start it is accepted and marked late."""
    # Two taps on "save" at once would both find no check-in and both insert one: the
    # meeting's row makes them take turns (the second updates what the first made).
    meeting_locked(meeting)
    run = queries.run_for(meeting)
    when = queries.phase(meeting, run, now)
    if when == "over":
        raise ValidationError(gettext("This meeting is over; check in for the next one."))
    checkin = CheckIn.objects.filter(meeting=meeting, user=user).first() or CheckIn(
        meeting=meeting, user=user
    )
    checkin.response = response
    checkin.minutes = 0 if response == Response.PASS else minutes
    checkin.topic = topic.strip()
    checkin.notes = notes.strip()
    checkin.success = success.strip()
    checkin.late = checkin.late or when == "live"
    checkin.full_clean(exclude=["meeting", "user"])
    checkin.save()
    _agenda_follow_checkin(meeting, checkin)
    return checkin


def _agenda_follow_checkin(meeting: Meeting, checkin: CheckIn) -> None:
    """Keep a stored agenda in step with a changed check-in (a new or late slot, a pass)."""
    items = list(meeting.agenda_items.all())
    if not items:
        return  # the agenda is still computed from check-ins on every view
    slot = next(
        (i for i in items if i.kind == ItemKind.SLOT and i.presenter_id == checkin.user_id), None
    )
    if checkin.ask == 0:
        if slot is not None and not slot.actual_seconds:
            slot.delete()
        return
    venting = checkin.response == Response.VENTING
    if slot is not None:
        slot.asked_minutes = checkin.ask
        slot.planned_minutes = min(slot.planned_minutes, checkin.ask) or min(
            checkin.ask, queries.FLOOR
        )
        slot.venting = venting
        slot.save(update_fields=["asked_minutes", "planned_minutes", "venting"])
        return
    # A late slot goes after the other slots, with the floor: nobody else loses time to it.
    last_slot = max((i.position for i in items if i.kind == ItemKind.SLOT), default=None)
    after = last_slot if last_slot is not None else position_before_new_goals(items)
    run = queries.run_for(meeting)
    if run is not None and run.position > after and run.status != RunStatus.READY:
        after = run.position
    for item in items:
        if item.position > after:
            item.position += 1
            item.save(update_fields=["position"])
    AgendaItem.objects.create(
        meeting=meeting,
        position=after + 1,
        kind=ItemKind.SLOT,
        presenter_id=checkin.user_id,
        venting=venting,
        asked_minutes=checkin.ask,
        planned_minutes=min(checkin.ask, queries.FLOOR),
    )
