from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from peercircle.accounts.models import User
from peercircle.groups.models import Group, Membership
from peercircle.meetings.models import Meeting, Status


@transaction.atomic
def meeting_schedule(
    *,
    group: Group,
    starts_at: datetime,
    duration_minutes: int = 90,
    location: str = "",
    host: User | None = None,
) -> Meeting:
    if timezone.is_naive(starts_at):
        raise ValueError("starts_at must be timezone-aware")
    if host is not None and not Membership.objects.filter(group=group, user=host).exists():
        raise ValidationError({"host": "The host must be a member of the group."})
    meeting = Meeting(
        group=group,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        location=location.strip() or group.meeting_place,
        host=host,
    )
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_mark_held(*, meeting: Meeting) -> Meeting:
    if meeting.starts_at > timezone.now():
        raise ValidationError("A meeting that has not started yet cannot be marked as held.")
    meeting.status = Status.HELD
    meeting.save(update_fields=["status"])
    return meeting
