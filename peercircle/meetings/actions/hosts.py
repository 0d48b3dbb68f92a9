"""Who hosts each meeting: the rotation, a host's regrets, and a host who leaves the group.

Every host change goes through `meeting_save`, so calendars always learn the new host; a
change to a meeting people already have in their calendars (regrets, a host who leaves)
mails them the update too.
"""

from django.db import transaction

from peercircle.accounts.models import User
from peercircle.groups.models import Group, Membership
from peercircle.meetings import rotation
from peercircle.meetings.actions.meeting import host_change_send, meeting_hosts_swap, meeting_save
from peercircle.meetings.models import Meeting, Status


def _hosting_history(group_id: int) -> list[int | None]:
    return list(
        Meeting.objects.filter(group_id=group_id)
        .exclude(status=Status.CANCELLED)
        .order_by("starts_at")
        .values_list("host_id", flat=True)
    )


def next_hosts(group: Group, count: int) -> list[User | None]:
    """The hosts of the group's next `count` new meetings; whoever hosted last goes last."""
    members = list(
        User.objects.filter(memberships__group=group).order_by(
            "memberships__joined_at", "memberships__pk"
        )
    )
    if not members:
        return [None] * count
    by_id = {m.pk: m for m in members}
    order = rotation.next_hosts(list(by_id), _hosting_history(group.pk), count)
    return [by_id[pk] for pk in order]


def hosts_fill_missing(*, group: Group) -> None:
    """Upcoming meetings without a host get the next in line."""
    for meeting in Meeting.objects.upcoming().filter(group=group, host__isnull=True):
        host = next_hosts(group, 1)
        if host and host[0] is not None:
            meeting.host = host[0]
            meeting_save(meeting, fields=["host"])


@transaction.atomic
def hosts_release(*, group: Group, user_id: int) -> None:
    """`user_id` leaves the group: the rotation is planned again from the first meeting they
    would have hosted, among those who stay, so nobody hosts twice in a row for want of
    them (filling only their gaps would give the member before them a second turn)."""
    upcoming = Meeting.objects.upcoming().filter(group=group)
    first = upcoming.filter(host_id=user_id).first()
    if first is None:
        hosts_fill_missing(group=group)
        return
    members = list(
        Membership.objects.filter(group=group)
        .exclude(user_id=user_id)
        .order_by("joined_at", "pk")
        .values_list("user_id", flat=True)
    )
    before = [
        host
        for host in Meeting.objects.filter(group=group, starts_at__lt=first.starts_at)
        .exclude(status=Status.CANCELLED)
        .order_by("starts_at")
        .values_list("host_id", flat=True)
    ]
    tail = list(upcoming.filter(starts_at__gte=first.starts_at))
    hosts: list[int | None] = list(rotation.next_hosts(members, before, len(tail)))
    changed = []
    for meeting, host_id in zip(tail, hosts or [None] * len(tail), strict=True):
        if meeting.host_id != host_id:
            meeting.host_id = host_id
            meeting_save(meeting, fields=["host"])
            changed.append(meeting.pk)
    # Members' calendars learn each new host (the update carries the raised SEQUENCE).
    for meeting in Meeting.objects.filter(pk__in=changed).select_related("group", "host"):
        host_change_send(meeting)


def host_replace(*, meeting: Meeting, declined: set[int]) -> None:
    """The host sent regrets: the next in line (the following meeting's host) swaps in."""
    later = (
        Meeting.objects.upcoming()
        .filter(group_id=meeting.group_id, starts_at__gt=meeting.starts_at)
        .exclude(host__isnull=True)
        .exclude(host_id__in=declined | {meeting.host_id})
    )
    other = later.first()
    if other is not None:
        meeting_hosts_swap(meeting=meeting, other=other)
        return
    members = list(
        Membership.objects.filter(group_id=meeting.group_id)
        .exclude(user_id__in=declined | {meeting.host_id})
        .values_list("user_id", flat=True)
    )
    if members:
        meeting.host_id = rotation.rotation_order(members, _hosting_history(meeting.group_id))[0]
        meeting_save(meeting, fields=["host"])
        host_change_send(meeting)
