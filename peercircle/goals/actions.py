"""Every change to goals, long-term goals and successes goes through these functions."""

from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from peercircle.accounts.models import User
from peercircle.goals.models import (
    GOAL_MAX_CHARS,
    LONG_TERM_MAX_CHARS,
    NOTE_MAX_CHARS,
    SUCCESS_MAX_CHARS,
    Goal,
    GoalStatus,
    LongTermGoal,
    LongTermStatus,
    Success,
)
from peercircle.groups.models import Cadence, Group, Membership
from peercircle.lib import versions
from peercircle.meetings.models import Meeting, Status

# Dates further out than this are typing slips ("2062" for "2026"), not plans.
DUE_PAST_LIMIT = timedelta(days=366)
DUE_FUTURE_LIMIT = timedelta(days=3 * 366)
LONG_TERM_YEARS_AHEAD = 30
CADENCE_PERIOD = {
    Cadence.WEEKLY: relativedelta(weeks=1),
    Cadence.BIWEEKLY: relativedelta(weeks=2),
    Cadence.MONTHLY: relativedelta(months=1),
}


def clean_text(value: str, *, field: str, limit: int, one_line: bool = False) -> str:
    """The text stripped (and on one line if asked), or a ValidationError saying why not."""
    if "\x00" in value:
        raise ValidationError(
            {field: gettext("This text contains a character that cannot be stored.")}
        )
    text = " ".join(value.split()) if one_line else value.strip()
    if len(text) > limit:
        raise ValidationError(
            {
                field: gettext("Keep it under %(limit)d characters (it has %(length)d).")
                % {"limit": limit, "length": len(text)}
            }
        )
    return text


def check_due_date(due_on: date, *, today: date) -> None:
    if not today - DUE_PAST_LIMIT <= due_on <= today + DUE_FUTURE_LIMIT:
        raise ValidationError(
            {"due_on": gettext("Pick a due date within the next three years (or the past year).")}
        )


def next_meeting_after(group: Group, moment: datetime) -> Meeting | None:
    return (
        Meeting.objects.filter(group=group, starts_at__gt=moment)
        .exclude(status=Status.CANCELLED)
        .order_by("starts_at")
        .first()
    )


def default_due_date(group: Group, *, after: datetime) -> date:
    """The date of the group's next meeting; one period ahead when none is scheduled yet."""
    meeting = next_meeting_after(group, after)
    if meeting is not None:
        return timezone.localdate(meeting.starts_at)
    period = CADENCE_PERIOD.get(Cadence(group.cadence), relativedelta(months=1))
    return timezone.localdate(after) + period


@transaction.atomic
def goal_set(
    *,
    owner: User,
    group: Group,
    text: str,
    due_on: date | None = None,
    long_term: LongTermGoal | None = None,
    private: bool = False,
    set_at: Meeting | None = None,
) -> Goal:
    """A new open goal; due at the group's next meeting unless `due_on` says otherwise."""
    # Locked so that two saves of the same goal at once (a double tap, a second tab) queue
    # here and the second one sees the first one's goal below.
    if Membership.objects.select_for_update().filter(group=group, user=owner).first() is None:
        raise ValidationError(gettext("Only members of the group can set goals in it."))
    text = clean_text(text, field="text", limit=GOAL_MAX_CHARS)
    if not text:
        raise ValidationError({"text": gettext("Write the goal: what you will do, and by when.")})
    _check_links(owner=owner, group=group, long_term=long_term, set_at=set_at)
    if due_on is None:
        due_on = default_due_date(group, after=set_at.starts_at if set_at else timezone.now())
    check_due_date(due_on, today=timezone.localdate())
    # A double tap on "Save" or a second tab must not leave the same goal twice.
    twin = Goal.objects.filter(
        owner=owner, group=group, text=text, due_on=due_on, status=GoalStatus.OPEN
    )
    if twin.exists():
        raise ValidationError({"text": gettext("You have already set this goal for that date.")})
    goal = Goal(
        owner=owner,
        group=group,
        text=text,
        due_on=due_on,
        long_term=long_term,
        private=private,
        set_at=set_at,
    )
    goal.full_clean()
    goal.save()
    return goal


@transaction.atomic
def goal_update(
    *,
    goal: Goal,
    text: str,
    due_on: date,
    long_term: LongTermGoal | None,
    private: bool,
) -> Goal:
    """A goal's wording, date, link or privacy, changed while it is still open."""
    locked = Goal.objects.select_for_update().get(pk=goal.pk)
    if not locked.is_open:
        raise ValidationError(
            gettext("This goal has been reviewed; its text and date stay as set.")
        )
    text = clean_text(text, field="text", limit=GOAL_MAX_CHARS)
    if not text:
        raise ValidationError({"text": gettext("Write the goal: what you will do, and by when.")})
    _check_links(owner=goal.owner, group=goal.group, long_term=long_term, set_at=None)
    if due_on != locked.due_on:
        check_due_date(due_on, today=timezone.localdate())
    goal.text, goal.due_on, goal.long_term, goal.private = text, due_on, long_term, private
    goal.save(update_fields=["text", "due_on", "long_term", "private"])
    return goal


@transaction.atomic
def goal_review(*, goal: Goal, status: str, note: str, meeting: Meeting, by: User) -> Goal:
    """Record how a goal went; carrying it over sets a linked goal due at the next meeting.

    Reviewing again corrects the status (two tabs, a slip of the finger), except that a
    goal already carried over stays carried over: its follow-up goal now carries the story.
    """
    if status not in GoalStatus.values or status == GoalStatus.OPEN:
        raise ValidationError({"status": gettext("Choose how the goal went.")})
    note = clean_text(note, field="note", limit=NOTE_MAX_CHARS, one_line=True)
    locked = Goal.objects.select_for_update().get(pk=goal.pk)
    if locked.status == GoalStatus.CARRIED_OVER:
        if status == GoalStatus.CARRIED_OVER:
            return locked  # a double submit: the follow-up exists already
        raise ValidationError(
            {"status": gettext("This goal was carried over; review the goal it became instead.")}
        )
    goal.status = status
    goal.review_note = note
    goal.reviewed_at = timezone.now()
    goal.reviewed_in = meeting
    goal.reviewed_by = by
    goal.save(update_fields=["status", "review_note", "reviewed_at", "reviewed_in", "reviewed_by"])
    if status == GoalStatus.CARRIED_OVER:
        Goal.objects.create(
            owner=goal.owner,
            group=goal.group,
            text=goal.text,
            due_on=default_due_date(goal.group, after=meeting.starts_at),
            long_term=goal.long_term,
            private=goal.private,
            set_at=meeting,
            carried_from=goal,
        )
    return goal


@transaction.atomic
def long_term_add(*, owner: User, text: str, target_year: int) -> LongTermGoal:
    text = clean_text(text, field="text", limit=LONG_TERM_MAX_CHARS, one_line=True)
    if not text:
        raise ValidationError({"text": gettext("Write the long-term goal.")})
    _check_year(target_year)
    goal = LongTermGoal(owner=owner, text=text, target_year=target_year)
    goal.full_clean()
    goal.save()
    return goal


@transaction.atomic
def long_term_update(
    *, goal: LongTermGoal, text: str, target_year: int, status: str
) -> LongTermGoal:
    text = clean_text(text, field="text", limit=LONG_TERM_MAX_CHARS, one_line=True)
    if not text:
        raise ValidationError({"text": gettext("Write the long-term goal.")})
    if status not in LongTermStatus.values:
        raise ValidationError({"status": gettext("Choose a status.")})
    if target_year != goal.target_year:
        _check_year(target_year)
    goal.text, goal.target_year, goal.status = text, target_year, status
    goal.save(update_fields=["text", "target_year", "status"])
    return goal


@transaction.atomic
def success_add(*, owner: User, group: Group, text: str, happened_on: date) -> Success:
    if not Membership.objects.filter(group=group, user=owner).exists():
        raise ValidationError(gettext("Only members of the group can share successes in it."))
    text = clean_text(text, field="text", limit=SUCCESS_MAX_CHARS, one_line=True)
    if not text:
        raise ValidationError({"text": gettext("Say what went well.")})
    today = timezone.localdate()
    if not today - DUE_PAST_LIMIT <= happened_on <= today + timedelta(days=1):
        raise ValidationError({"happened_on": gettext("Pick a date in the past year.")})
    success = Success(owner=owner, group=group, text=text, happened_on=happened_on)
    success.full_clean()
    success.save()
    return success


@transaction.atomic
def success_delete(*, success: Success) -> None:
    success.delete()


def _check_year(target_year: int) -> None:
    this_year = timezone.localdate().year
    last = this_year + LONG_TERM_YEARS_AHEAD
    if not this_year - 1 <= target_year <= last:
        raise ValidationError(
            {
                "target_year": gettext("Pick a year from %(first)d to %(last)d.")
                % {"first": this_year - 1, "last": last}
            }
        )


def _check_links(
    *, owner: User, group: Group, long_term: LongTermGoal | None, set_at: Meeting | None
) -> None:
    if long_term is not None and long_term.owner_id != owner.pk:
        raise ValidationError({"long_term": gettext("Link one of your own long-term goals.")})
    if set_at is not None and set_at.group_id != group.pk:
        raise ValidationError(gettext("That meeting belongs to another group."))


@transaction.atomic
def goals_erase_person(*, user: User) -> None:
    """Deleting an account: the person's goals (private or not), long-term goals and
    successes go; a review note they wrote on someone else's goal is emptied (the review
    itself stays, by a former member)."""
    Goal.objects.filter(owner=user).delete()
    LongTermGoal.objects.filter(owner=user).delete()
    Success.objects.filter(owner=user).delete()
    reviewed = Goal.objects.filter(reviewed_by=user).exclude(review_note="")
    versions.changed(
        *[("group", g) for g in reviewed.values_list("group_id", flat=True).distinct()]
    )
    reviewed.update(review_note="")
