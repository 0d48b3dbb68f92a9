"""Meetings a person hosted and notes they wrote, for their data export. Deletion keeps the
group's record (the host then reads "a former member") and removes private notes."""

from typing import Any

from peercircle.accounts.models import User
from peercircle.meetings.models import Meeting, Note


def export_user_data(user: User) -> dict[str, Any]:
    hosted = Meeting.objects.filter(host=user).select_related("group").order_by("starts_at")
    return {
        "hosted_meetings": [
            {
                "group": meeting.group.name,
                "starts_at": meeting.starts_at,
                "location": meeting.location,
                "status": meeting.status,
            }
            for meeting in hosted
        ],
        "notes": export_notes(user),
    }


def export_notes(user: User) -> list[dict[str, Any]]:
    notes = Note.objects.filter(author=user).select_related("meeting__group").order_by("pk")
    return [
        {
            "group": note.meeting.group.name,
            "meeting": note.meeting.starts_at,
            "shared": note.shared,
            "text": note.text,
        }
        for note in notes
    ]


def erase_user_data(user: User) -> None:
    # Private notes are their author's alone, so they go with the account. Shared notes and
    # check-ins are part of the group's record and stay, signed "a former member".
    Note.objects.filter(author=user, shared=False).delete()
