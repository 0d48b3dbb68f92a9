"""What the live-run actions share: the locked run row, the revision bump, the refusals."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from peercircle.lib import versions
from peercircle.meetings.access import MeetingAccess, can_control_run
from peercircle.meetings.models import Meeting, RunState


class StaleRun(Exception):
    """Someone else changed the live meeting first (two devices pressed "next" at once)."""


NOT_RUNNER = _(
    "Only the person running this meeting can do that. Take over first if the host has left."
)
OVER = _("This meeting is over: only its host can still add notes.")


def meeting_locked(meeting: Meeting) -> Meeting:
    """The meeting's row, locked until the transaction ends (its fields as they are now)."""
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def run_locked(meeting: Meeting) -> RunState | None:
    return RunState.objects.select_for_update().filter(meeting=meeting).first()


def may_control(access: MeetingAccess, run: RunState | None) -> bool:
    runner_id = run.runner_id if run is not None else None
    return can_control_run(access.meeting, access.membership, runner_id)


def bump_revision(meeting: Meeting) -> None:
    """A new revision tells every polling page to reload, without making the host's tap stale."""
    RunState.objects.filter(meeting=meeting).update(revision=F("revision") + 1)
    versions.changed(("group", meeting.group_id))
