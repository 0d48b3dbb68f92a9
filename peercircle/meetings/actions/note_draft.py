"""A private note still being typed during a meeting, kept on the server until it is saved."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from peercircle.meetings.access import MeetingAccess
from peercircle.meetings.models import NOTES_MAX, NoteDraft


@transaction.atomic
def note_draft_keep(*, access: MeetingAccess, text: str) -> NoteDraft | None:
    """Keep the caller's draft for this meeting; an empty text drops it."""
    if not text.strip():
        note_draft_drop(access=access)
        return None
    if len(text) > NOTES_MAX or "\x00" in text:
        raise ValidationError(
            {"text": gettext("A note holds at most %(max)s characters.") % {"max": NOTES_MAX}}
        )
    draft, _ = NoteDraft.objects.update_or_create(
        meeting=access.meeting, user=access.user, defaults={"text": text}
    )
    return draft


@transaction.atomic
def note_draft_drop(*, access: MeetingAccess) -> None:
    """The draft goes: its note was saved, or its box emptied."""
    NoteDraft.objects.filter(meeting=access.meeting, user=access.user).delete()
