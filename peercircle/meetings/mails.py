"""The mails about meetings, handed to the outbox through `mail_enqueue`.

Calendar updates go out only for changes people must act on: one meeting moved or
cancelled, and a schedule adopted or changed. A schedule yields six months of meetings and
is topped up every day; mailing each of them would bury members' inboxes, so a schedule
change sends ONE mail per member with the schedule in words and the next meeting's .ics
attached (the feed carries the rest). Rolling top-ups send nothing.

Each invitation is made for its recipient: it names them as an ATTENDEE (DECLINED when they
said "not going"). A new host mails an update. Someone who leaves a group gets a CANCEL for
each of its meetings ahead; someone who joins gets invitations to the next few.
"""

from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from peercircle.accounts.models import User
from peercircle.groups.models import Group
from peercircle.mail.actions import mail_enqueue, sending_together
from peercircle.meetings.calendar import Attendee, meeting_ics
from peercircle.meetings.models import AgendaItem, Meeting, Rsvp, RsvpAnswer, Schedule, Status
from peercircle.meetings.queries import schedule_describe

# A newcomer is invited to this many meetings ahead; their calendar feed has the rest.
INVITED_ON_JOINING = 3


def calendar_update_send(
    *, meeting: Meeting, change: str, schedule: Schedule | None = None
) -> None:
    """Tell every member of the meeting's group, with the .ics (REQUEST or CANCEL) attached.

    `change` is "moved", "cancelled", "host" or "scheduled"; the key holds the meeting's
    SEQUENCE, so each version of a meeting is mailed at most once.
    """
    declined = set(
        Rsvp.objects.filter(meeting=meeting, answer=RsvpAnswer.NOT_GOING).values_list(
            "user_id", flat=True
        )
    )
    with sending_together():
        for user in User.objects.filter(memberships__group_id=meeting.group_id).order_by("pk"):
            _invite(
                meeting,
                user,
                key=f"calendar_update:{meeting.pk}:{meeting.sequence}:{user.pk}",
                change=change,
                schedule=schedule,
                declined=user.pk in declined,
            )


def _invite(
    meeting: Meeting,
    user: User,
    *,
    key: str,
    change: str,
    schedule: Schedule | None = None,
    declined: bool = False,
    cancel: bool = False,
) -> None:
    method = "CANCEL" if cancel or meeting.status == Status.CANCELLED else "REQUEST"
    # What is written for the recipient is in their language: the schedule in words and
    # the attached invitation's texts, whoever's action sends it.
    with translation.override(user.language or settings.LANGUAGE_CODE):
        ics = meeting_ics(meeting, method=method, attendee=Attendee(user, declined=declined))
        schedule_text = schedule_describe(schedule) if schedule else ""
    mail_enqueue(
        kind="calendar_update",
        to=user,
        key=key,
        context={
            "meeting": meeting,
            "group": meeting.group,
            "change": change,
            "schedule_text": schedule_text,
            "meeting_path": reverse("meeting_detail", args=[meeting.pk]),
        },
        attachments=[("meeting.ics", ics, f"text/calendar; method={method}")],
    )


def _ahead(group_id: int) -> list[Meeting]:
    return list(
        Meeting.objects.filter(
            group_id=group_id, status=Status.SCHEDULED, starts_at__gt=timezone.now()
        )
        .select_related("group", "host")
        .order_by("starts_at", "pk")
    )


def _moment(now: datetime) -> int:
    # Leaving and joining again later are new facts: their keys carry the moment.
    return int(now.timestamp())


def calendar_left_send(*, group_id: int, user: User) -> None:
    """Someone left the group: their calendar drops each of its meetings ahead."""
    moment = _moment(timezone.now())
    with sending_together():
        for meeting in _ahead(group_id):
            _invite(
                meeting,
                user,
                key=f"calendar_update:{meeting.pk}:left-{moment}:{user.pk}",
                change="left",
                cancel=True,
            )


def member_left(group: Group, user_id: int) -> None:
    """The groups app's leaving hook: the leaver's calendar drops the group's meetings."""
    user = User.objects.filter(pk=user_id).first()
    if user is not None:
        calendar_left_send(group_id=group.pk, user=user)


def calendar_joined_send(*, group_id: int, user: User) -> None:
    """Someone joined the group: invitations to its next few meetings."""
    moment = _moment(timezone.now())
    with sending_together():
        for meeting in _ahead(group_id)[:INVITED_ON_JOINING]:
            _invite(
                meeting,
                user,
                key=f"calendar_update:{meeting.pk}:joined-{moment}:{user.pk}",
                change="joined",
            )


def summary_send(*, meeting: Meeting, items: list[AgendaItem], attendees: list[User]) -> None:
    """The summary mail to each person who attended.

    A summary may be forwarded: it says how many slots were for venting, never whose.
    """
    venting_slots = sum(1 for item in items if item.venting)
    with sending_together():
        for user in attendees:
            mail_enqueue(
                kind="meeting_summary",
                to=user,
                key=f"meeting_summary:{meeting.pk}:1:{user.pk}",
                context={
                    "meeting": meeting,
                    "group": meeting.group,
                    "items": items,
                    "attendees": attendees,
                    "venting_slots": venting_slots,
                },
            )
