"""Meetings a person hosted, for their data export. Deletion keeps them for the group's
history: the host then reads "a former member"."""

from typing import Any

from peercircle.accounts.models import User
from peercircle.meetings.models import Meeting


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
        ]
    }
