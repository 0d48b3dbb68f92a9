"""What a meeting leaves behind: attendance, who commented on whom, notes, the summary mail."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext

from peercircle.accounts.models import User
from peercircle.lib import versions
from peercircle.meetings import mails, queries
from peercircle.meetings.access import MeetingAccess, can_share_note_after_end
from peercircle.meetings.actions.live import (
    NOT_RUNNER,
    OVER,
    bump_revision,
    may_control,
    meeting_locked,
    run_locked,
)
from peercircle.meetings.actions.note_draft import note_draft_drop
from peercircle.meetings.models import (
    AgendaItem,
    Attendance,
    Comment,
    ItemKind,
    Meeting,
    Note,
    RunStatus,
)


@transaction.atomic
def attendance_set(*, access: MeetingAccess, present: set[int]) -> None:
    meeting = access.meeting
    meeting_locked(meeting)
    run = run_locked(meeting)
    if not may_control(access, run):
        raise PermissionDenied(NOT_RUNNER)
    if run is not None and run.status == RunStatus.FINISHED:
        raise ValidationError(OVER)
    members = set(meeting.group.memberships.values_list("user_id", flat=True))
    if not present <= members:
        raise ValidationError(gettext("Only the group's members can be marked present."))
    existing = {a.user_id: a for a in meeting.attendance.all()}
    # The meeting row is locked, so no one else writes its attendance now; rows are still
    # inserted without conflict, so a row that slipped in answers as a no-op, not a 500.
    Attendance.objects.bulk_create(
        [
            Attendance(meeting=meeting, user_id=user_id, present=user_id in present)
            for user_id in sorted(members - existing.keys())
        ],
        ignore_conflicts=True,
    )
    versions.changed(("group", meeting.group_id))
    for user_id, row in existing.items():
        if user_id in members and row.present != (user_id in present):
            row.present = user_id in present
            row.save(update_fields=["present"])


@transaction.atomic
def comments_set(*, item: AgendaItem, by: User, commenters: set[int]) -> None:
    """Who commented on `item`'s presenter: tapped by the host or any member, during the meeting."""
    meeting = item.meeting
    run = queries.run_for(meeting)
    if item.kind != ItemKind.SLOT:
        raise ValidationError(gettext("Comments are recorded on members' slots."))
    if run is None or run.status == RunStatus.READY:
        raise ValidationError(gettext("Comments are recorded once the meeting has started."))
    if run.status == RunStatus.FINISHED:
        raise ValidationError(OVER)
    members = set(meeting.group.memberships.values_list("user_id", flat=True))
    if not commenters <= members - {item.presenter_id}:
        raise ValidationError(gettext("Pick members of the group other than the presenter."))
    existing = set(item.comments.values_list("commenter_id", flat=True))
    item.comments.filter(commenter_id__in=existing - commenters).delete()
    Comment.objects.bulk_create(Comment(item=item, commenter_id=c) for c in commenters - existing)
    versions.changed(("group", meeting.group_id))
    bump_revision(meeting)


@transaction.atomic
def note_add(
    *, access: MeetingAccess, text: str, shared: bool, item: AgendaItem | None = None
) -> Note:
    """A shared note (the group reads it) or a private one (only its author does)."""
    meeting = access.meeting
    author = access.user
    run = queries.run_for(meeting)
    over = queries.phase(meeting, run) == "over"
    runner_id = run.runner_id if run is not None else None
    if over and shared and not can_share_note_after_end(meeting, access.membership, runner_id):
        raise ValidationError(OVER)
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError(gettext("That item belongs to another meeting."))
    note = Note(meeting=meeting, author=author, text=text.strip(), shared=shared, item=item)
    if not note.text:
        raise ValidationError({"text": gettext("Write something first.")})
    if "\x00" in note.text:
        raise ValidationError(
            {"text": gettext("The note contains a character that cannot be stored.")}
        )
    note.full_clean()
    note.save()
    note_draft_drop(access=access)
    return note


def summary_send(*, meeting: Meeting) -> None:
    """The summary mail to those who attended, opening with the group's confidentiality note.

    It carries times, attendance and who got what they needed: never topics, notes or
    anything said in a venting slot.
    """
    attendees = User.objects.filter(attendance__meeting=meeting, attendance__present=True)
    items = list(meeting.agenda_items.select_related("presenter"))
    names = list(attendees)
    mails.summary_send(meeting=meeting, items=items, attendees=names)
