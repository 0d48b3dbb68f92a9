"""The mails about meetings, handed to the outbox through `mail_enqueue`.

Calendar updates go out only for changes people must act on: one meeting moved or
cancelled, and a schedule adopted or changed. A schedule yields six months of meetings and
is topped up every day; mailing each of them would bury members' inboxes, so a schedule
change sends ONE mail per member with the schedule in words and the next meeting's .ics
attached (the feed carries the rest). Rolling top-ups send nothing.
"""

from django.urls import reverse

from peercircle.accounts.models import User
from peercircle.mail.actions import mail_enqueue
from peercircle.meetings.calendar import meeting_ics
from peercircle.meetings.models import AgendaItem, Meeting, Status


def calendar_update_send(*, meeting: Meeting, change: str, schedule_text: str = "") -> None:
    """Tell every member of the meeting's group, with the .ics (REQUEST or CANCEL) attached.

    `change` is "moved", "cancelled" or "scheduled"; the key holds the meeting's SEQUENCE,
    so each version of a meeting is mailed at most once.
    """
    method = "CANCEL" if meeting.status == Status.CANCELLED else "REQUEST"
    ics = meeting_ics(meeting, method=method)
    attachment = ("meeting.ics", ics, f"text/calendar; method={method}")
    for user in User.objects.filter(memberships__group_id=meeting.group_id):
        mail_enqueue(
            kind="calendar_update",
            to=user,
            key=f"calendar_update:{meeting.pk}:{meeting.sequence}:{user.pk}",
            context={
                "meeting": meeting,
                "group": meeting.group,
                "change": change,
                "schedule_text": schedule_text,
                "meeting_path": reverse("meeting_detail", args=[meeting.pk]),
            },
            attachments=[attachment],
        )


def summary_send(*, meeting: Meeting, items: list[AgendaItem], attendees: list[User]) -> None:
    """The summary mail to each person who attended."""
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
            },
        )
