"""What the meetings app holds about a person, for their data export and their account's
deletion (the policy: docs/data-policy.md). What they wrote or answered goes; that a
meeting was held, who hosted it and how many came stay, as "a former member"."""

from typing import Any

from peercircle.accounts.models import User
from peercircle.accounts.personal_data import Covers, Erase
from peercircle.meetings.actions.erasure import person_erase
from peercircle.meetings.models import (
    AgendaItem,
    Attendance,
    CalendarFeed,
    CheckIn,
    Comment,
    Meeting,
    Note,
    NoteDraft,
    Rsvp,
)

CSV_TABLES = ["checkins", "notes", "rsvps", "attendance"]

COVERS = (
    Covers("meetings.CheckIn", "meetings.checkins", Erase.DELETE),
    Covers("meetings.Note", "meetings.notes", Erase.DELETE, "shared or private"),
    Covers("meetings.NoteDraft", "meetings.note_drafts", Erase.DELETE, "a note not saved yet"),
    Covers("meetings.Comment", "meetings.comments_given", Erase.DELETE),
    Covers("meetings.Rsvp", "meetings.rsvps", Erase.DELETE),
    Covers("meetings.CalendarFeed", "meetings.calendar_feed", Erase.DELETE, "its link answers 404"),
    Covers(
        "meetings.Meeting",
        "meetings.hosted_meetings",
        Erase.FORMER_MEMBER,
        "meetings held; those ahead go to the next host in the rotation",
    ),
    Covers("meetings.Attendance", "meetings.attendance", Erase.FORMER_MEMBER),
    Covers(
        "meetings.AgendaItem",
        "meetings.slots",
        Erase.FORMER_MEMBER,
        "slots already run; slots not yet run are deleted",
    ),
    Covers(
        "meetings.RunState",
        "not exported: who ran a live meeting's clock (the hosted meetings are listed)",
        Erase.FORMER_MEMBER,
    ),
    Covers("meetings.Schedule", "not exported: a group's schedule", Erase.NOT_PERSONAL),
)


def export_user_data(user: User) -> dict[str, Any]:
    hosted = Meeting.objects.filter(host=user).select_related("group").order_by("starts_at")
    feed = CalendarFeed.objects.filter(user=user).first()
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
        "checkins": [
            {
                "group": c.meeting.group.name,
                "meeting": c.meeting.starts_at,
                "response": c.response,
                "minutes": c.minutes,
                "topic": c.topic,
                "notes": c.notes,
                "success": c.success,
                "late": c.late,
                "updated_at": c.updated_at,
            }
            for c in CheckIn.objects.filter(user=user).select_related("meeting__group")
        ],
        "rsvps": [
            {
                "group": r.meeting.group.name,
                "meeting": r.meeting.starts_at,
                "answer": r.answer,
                "note": r.note,
                "updated_at": r.updated_at,
            }
            for r in Rsvp.objects.filter(user=user).select_related("meeting__group").order_by("pk")
        ],
        "attendance": [
            {"group": a.meeting.group.name, "meeting": a.meeting.starts_at, "present": a.present}
            for a in Attendance.objects.filter(user=user)
            .select_related("meeting__group")
            .order_by("meeting__starts_at")
        ],
        "slots": [
            {
                "group": i.meeting.group.name,
                "meeting": i.meeting.starts_at,
                "asked_minutes": i.asked_minutes,
                "planned_minutes": i.planned_minutes,
                "actual_seconds": i.actual_seconds,
                "outcome": i.outcome,
            }
            for i in AgendaItem.objects.filter(presenter=user)
            .select_related("meeting__group")
            .order_by("meeting__starts_at")
        ],
        "comments_given": [
            {
                "group": c.item.meeting.group.name,
                "meeting": c.item.meeting.starts_at,
                "on_the_slot_of": c.item.presenter.name if c.item.presenter else None,
            }
            for c in Comment.objects.filter(commenter=user)
            .select_related("item__meeting__group", "item__presenter")
            .order_by("pk")
        ],
        "notes": export_notes(user),
        "note_drafts": [
            {"group": d.meeting.group.name, "meeting": d.meeting.starts_at, "text": d.text}
            for d in NoteDraft.objects.filter(user=user)
            .select_related("meeting__group")
            .order_by("pk")
        ],
        "calendar_feed": (
            {"created_at": feed.created_at, "link": "kept secret: make a new one on the site"}
            if feed
            else None
        ),
    }


def csv_tables(user: User) -> dict[str, list[dict[str, Any]]]:
    data = export_user_data(user)
    return {name: data[name] for name in CSV_TABLES}


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
    person_erase(user=user)
