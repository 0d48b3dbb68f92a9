"""What deleting an account does to the meetings app: what the person wrote or answered
goes; that a meeting was held, who hosted it and how many came stay, as "a former member"."""

from django.db import transaction

from peercircle.accounts.models import User
from peercircle.meetings.actions.calendar_feed import calendar_feed_revoke
from peercircle.meetings.actions.live import bump_revision
from peercircle.meetings.models import (
    AgendaItem,
    CheckIn,
    Comment,
    ItemKind,
    Meeting,
    Note,
    NoteDraft,
    Rsvp,
)


@transaction.atomic
def person_erase(*, user: User) -> None:
    calendar_feed_revoke(user=user)  # the feed link answers 404 from now on
    CheckIn.objects.filter(user=user).delete()
    Note.objects.filter(author=user).delete()
    NoteDraft.objects.filter(user=user).delete()
    Comment.objects.filter(commenter=user).delete()
    Rsvp.objects.filter(user=user).delete()
    # A stored agenda loses the person's slots that have not been run yet (with the
    # comments on them); slots already run keep their time, as a former member's.
    unrun = AgendaItem.objects.filter(presenter=user, kind=ItemKind.SLOT, actual_seconds=0)
    meetings = list(Meeting.objects.filter(agenda_items__in=unrun).distinct())
    unrun.delete()
    for meeting in meetings:
        bump_revision(meeting)  # open pages reload the agenda
