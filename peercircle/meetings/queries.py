"""Reads about meetings that several apps need."""

from peercircle.meetings.models import Meeting, Status

# Answers that say nothing happened yet: a meeting with only these may be re-timed.
_NOT_RECORDS = {"rsvps"}


def meeting_has_records(meeting: Meeting) -> bool:
    """Whether anything was recorded for the meeting (held, check-ins, notes, ...).

    Every model pointing at Meeting counts except RSVPs, so records added by other parts
    of the product (check-ins, agenda, attendance) protect a meeting without a change here.
    """
    if meeting.status != Status.SCHEDULED:
        return True
    for relation in Meeting._meta.related_objects:
        if relation.get_accessor_name() in _NOT_RECORDS:
            continue
        model = relation.related_model
        if model._default_manager.filter(**{relation.field.name: meeting}).exists():  # type: ignore[union-attr]
            return True
    return False
