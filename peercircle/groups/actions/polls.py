"""Availability polls: candidate times and places that each member answers."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from peercircle.accounts.models import User
from peercircle.groups import mails
from peercircle.groups.models import (
    Answer,
    Group,
    OptionKind,
    Poll,
    PollAnswer,
    PollOption,
)
from peercircle.lib import versions


@dataclass(frozen=True)
class TimeChoice:
    weekday: int
    at: time
    nth: int = 0


@dataclass(frozen=True)
class PlaceChoice:
    kind: str
    detail: str = ""


@transaction.atomic
def poll_create(
    *,
    group: Group,
    author: User,
    deadline: datetime,
    times: Sequence[TimeChoice],
    places: Sequence[PlaceChoice] = (),
    question: str = "",
) -> Poll:
    """A poll of local weekday-and-time choices (in the group's zone) and places."""
    unique_times = list(dict.fromkeys(times))
    if not unique_times:
        raise ValidationError(gettext("Give at least one candidate time."))
    if len(unique_times) + len(places) > 40:
        raise ValidationError(gettext("At most 40 options: members answer every one."))
    now = timezone.now()
    if not now < deadline <= now + timedelta(days=90):
        raise ValidationError(
            {"deadline": gettext("The deadline must be within the next 90 days.")}
        )
    poll = Poll(group=group, author=author, deadline=deadline)
    if question.strip():
        poll.question = question.strip()
    poll.full_clean()
    poll.save()
    options = [
        PollOption(
            poll=poll, kind=OptionKind.TIME, weekday=c.weekday, time=c.at, nth=c.nth, position=i
        )
        for i, c in enumerate(unique_times)
    ]
    options += [
        PollOption(
            poll=poll, kind=OptionKind.PLACE, place_kind=p.kind, detail=p.detail.strip(), position=i
        )
        for i, p in enumerate(dict.fromkeys(places))
    ]
    for option in options:
        option.full_clean(exclude=["poll"])
    PollOption.objects.bulk_create(options)
    versions.changed(("group", poll.group_id))
    mails.poll_opened_send(poll=poll)
    return poll


@transaction.atomic
def poll_answer(*, poll: Poll, user: User, answers: dict[int, str]) -> None:
    """Record `user`'s answer to every option of `poll` (option id -> yes/maybe/no)."""
    poll = Poll.objects.select_for_update().get(pk=poll.pk)  # answers to one poll in turn
    if not poll.is_open:
        raise ValidationError(gettext("This poll is closed: its answer was adopted."))
    if not poll.takes_answers:
        raise ValidationError(gettext("This poll is closed: its deadline has passed."))
    option_ids = set(poll.options.values_list("pk", flat=True))
    if set(answers) != option_ids:
        raise ValidationError(gettext("Answer every option, please."))
    if any(value not in Answer.values for value in answers.values()):
        raise ValidationError(gettext("Each answer is yes, if need be, or no."))
    PollAnswer.objects.filter(option__poll=poll, user=user).delete()
    PollAnswer.objects.bulk_create(
        PollAnswer(option_id=pk, user=user, answer=value) for pk, value in answers.items()
    )
    versions.changed(("group", poll.group_id), ("user", user.pk))
    if not waiting_for(poll):
        mails.poll_result_send(poll=poll, reason="answered")


def waiting_for(poll: Poll) -> list[User]:
    """The members who have not answered `poll` yet."""
    answered = PollAnswer.objects.filter(option__poll=poll).values("user_id")
    return list(
        User.objects.filter(memberships__group_id=poll.group_id)
        .exclude(pk__in=answered)
        .order_by("pk")
    )


@transaction.atomic
def poll_deadline_close(*, poll: Poll, now: datetime) -> bool:
    """The deadline passed: the poll takes no more answers and its organizer is told.
    Returns whether this call closed it (another machine may have)."""
    closed = Poll.objects.filter(
        pk=poll.pk, adopted_at__isnull=True, closed_at__isnull=True, deadline__lte=now
    ).update(closed_at=now)
    if closed:
        versions.changed(("group", poll.group_id))
        poll.closed_at = now
        mails.poll_result_send(poll=poll, reason="closed")
    return bool(closed)


def polls_due(now: datetime) -> int:
    """The scheduler's producer: a reminder a day before the deadline to members who have
    not answered, and closing the polls whose deadline passed."""
    queued = 0
    open_polls = Poll.objects.filter(adopted_at__isnull=True, closed_at__isnull=True)
    for poll in open_polls.filter(deadline__lte=now).select_related("group", "author"):
        queued += int(poll_deadline_close(poll=poll, now=now))
    soon = open_polls.filter(deadline__gt=now, deadline__lte=now + REMINDER_BEFORE)
    for poll in soon.select_related("group", "author"):
        for user in waiting_for(poll):
            mails.poll_reminder_send(poll=poll, user=user, now=now)
            queued += 1
    return queued


REMINDER_BEFORE = timedelta(days=1)


@transaction.atomic
def poll_close(
    *,
    poll: Poll,
    time_option: PollOption,
    place_option: PollOption | None,
    confirmed: bool = False,
) -> Poll:
    """Close `poll` on the chosen time (and place); the caller adopts them as a schedule."""
    group = poll.group
    poll = Poll.objects.select_for_update().get(pk=poll.pk)  # a double click adopts once
    poll.group = group
    if not poll.is_open:
        raise ValidationError(gettext("This poll was already adopted."))
    if time_option.poll_id != poll.pk or time_option.kind != OptionKind.TIME:
        raise ValidationError(gettext("Choose one of this poll's times."))
    if place_option is not None and (
        place_option.poll_id != poll.pk or place_option.kind != OptionKind.PLACE
    ):
        raise ValidationError(gettext("Choose one of this poll's places."))
    chosen = [o.pk for o in (time_option, place_option) if o is not None]
    refusals = PollAnswer.objects.filter(option_id__in=chosen, answer=Answer.NO)
    if refusals.exists() and not confirmed:
        raise ValidationError(
            gettext(
                "Some members answered no to this choice. Tick the confirmation to adopt it anyway."
            )
        )
    poll.adopted_at = timezone.now()
    poll.save(update_fields=["adopted_at"])
    return poll
