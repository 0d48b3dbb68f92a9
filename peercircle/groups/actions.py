from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from peercircle.accounts.models import User
from peercircle.groups import notify, recurrence, rotation
from peercircle.groups.models import (
    DEFAULT_AGREEMENT,
    Agreement,
    AgreementAcceptance,
    Answer,
    Cadence,
    CalendarFeed,
    Group,
    Invitation,
    Membership,
    OptionKind,
    Poll,
    PollAnswer,
    PollOption,
    RecurrenceKind,
    Role,
    Rsvp,
    RsvpAnswer,
    Schedule,
    split_rules,
)
from peercircle.lib import tokens
from peercircle.meetings.actions import find_clash, meeting_hosts_swap, meeting_schedule
from peercircle.meetings.models import LATEST_AHEAD, Meeting, Status
from peercircle.meetings.queries import meeting_has_records
from peercircle.programs.models import Program

STALE_EDIT = (
    "Someone else changed this group while you were editing it. "
    "Reload the page to see their changes, then make yours again."
)
NAME_TAKEN = "Another group in this program is already called {name}."
# Meetings exist this far ahead; `schedule_materialize` tops the series up.
HORIZON = timedelta(days=183)
INVITATION_DAYS = 14


@transaction.atomic
def group_create(
    *,
    program: Program,
    name: str,
    cadence: str = Cadence.MONTHLY,
    meeting_place: str = "",
    video_url: str = "",
    timezone: str = "",
) -> Group:
    group = Group(
        program=program,
        name=name.strip(),
        cadence=cadence,
        meeting_place=meeting_place.strip(),
        video_url=video_url.strip(),
    )
    if timezone:
        group.timezone = timezone
    _check_name_free(group)
    group.full_clean(validate_constraints=False)
    _save_or_name_taken(group, update_fields=None)
    # Every group starts with the seed's ground rules; its organizers may change them.
    _agreement_new(group=group, by=None, text=DEFAULT_AGREEMENT, version=1)
    return group


@transaction.atomic
def group_update(
    *,
    group: Group,
    name: str,
    cadence: str,
    meeting_place: str,
    video_url: str,
    version: int | None = None,
) -> Group:
    """The group with new details; `group` itself is left as it was if they are refused.

    `version` is the one the editor's page showed: if the group changed since, the edit
    is refused rather than silently overwriting the other change.
    """
    updated = copy(group)
    updated.name = name.strip()
    updated.cadence = cadence
    updated.meeting_place = meeting_place.strip()
    updated.video_url = video_url.strip()
    _check_name_free(updated)
    updated.full_clean(validate_constraints=False)
    expected = group.version if version is None else version
    # Compare-and-set in one statement: two tabs saving at once cannot both win.
    try:
        with transaction.atomic():
            changed = Group.objects.filter(pk=group.pk, version=expected).update(
                name=updated.name,
                cadence=updated.cadence,
                meeting_place=updated.meeting_place,
                video_url=updated.video_url,
                version=F("version") + 1,
            )
    except IntegrityError:
        raise ValidationError({"name": NAME_TAKEN.format(name=updated.name)}) from None
    if not changed:
        raise ValidationError(STALE_EDIT)
    updated.version = expected + 1
    return updated


@transaction.atomic
def membership_add(*, group: Group, user: User, role: str = Role.MEMBER) -> Membership:
    membership = Membership(group=group, user=user, role=role)
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_leave(*, membership: Membership) -> Membership | None:
    """A member leaves; returns the member who became organizer, if any.

    A group is never left without an organizer: when the last one leaves, the role goes
    to the longest-standing member. The meetings the leaver would host go to the next in
    line. The last member cannot leave (the group and its history would be orphaned).
    """
    group = membership.group
    _lock(group)  # two organizers leaving at once must not both see the other stay
    others = Membership.objects.filter(group=group).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError(
            "You are the last member of this group, so you cannot leave it. "
            "Invite someone first, or ask the site admin to close the group."
        )
    successor = None
    if membership.role == Role.ORGANIZER and not others.filter(role=Role.ORGANIZER).exists():
        successor = others.order_by("joined_at", "pk").first()
        if successor is not None:
            successor.role = Role.ORGANIZER
            successor.save(update_fields=["role"])
    upcoming = Meeting.objects.upcoming().filter(group=group, host_id=membership.user_id)
    upcoming.update(host=None, sequence=F("sequence") + 1, last_modified=timezone.now())
    membership.delete()
    _fill_missing_hosts(group)
    return successor


def _lock(group: Group) -> None:
    Group.objects.select_for_update().filter(pk=group.pk).first()


def _check_name_free(group: Group) -> None:
    if group.program_id is None:
        # A self-started group's name only has to differ from its members' other groups.
        members = Membership.objects.filter(group_id=group.pk).values("user_id")
        clash = Group.objects.filter(name__iexact=group.name, memberships__user_id__in=members)
        if clash.exclude(pk=group.pk).exists():
            raise ValidationError({"name": f"A member is already in a group called {group.name}."})
        return
    # Members tell their groups apart by name, so a program never has two of the same.
    taken = Group.objects.filter(program_id=group.program_id, name__iexact=group.name)
    if taken.exclude(pk=group.pk).exists():
        raise ValidationError({"name": NAME_TAKEN.format(name=group.name)})


def _save_or_name_taken(group: Group, *, update_fields: list[str] | None) -> None:
    # The check above races with another request; the case-blind unique index decides.
    try:
        with transaction.atomic():
            group.save(update_fields=update_fields)
    except IntegrityError:
        raise ValidationError({"name": NAME_TAKEN.format(name=group.name)}) from None


# --- invitations ---


@transaction.atomic
def invitation_send(
    *,
    group: Group,
    email: str,
    invited_by: User,
    days: int = INVITATION_DAYS,
    send: bool = True,
) -> Invitation:
    """Invite `email`; a pending invitation to the same address is replaced (resend)."""
    address = email.strip()
    if not 1 <= days <= 60:
        raise ValidationError({"days": "An invitation can last from 1 to 60 days."})
    if Membership.objects.filter(group=group, user__email__iexact=address).exists():
        raise ValidationError({"email": "That person is already a member of this group."})
    _lock(group)  # a double click must not leave two live invitations
    now = timezone.now()
    pending = Invitation.objects.filter(group=group, email__iexact=address)
    pending.filter(revoked_at=None, accepted_at=None).update(revoked_at=now)
    token, token_hash = tokens.new_token()
    invitation = Invitation(
        group=group,
        email=address,
        token_hash=token_hash,
        invited_by=invited_by,
        expires_at=now + timedelta(days=days),
    )
    invitation.full_clean()
    invitation.save()
    if send:  # the demo keeps its invitation quiet
        notify.invitation_send_mail(invitation=invitation, token=token, group=group)
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation, invited_by: User) -> Invitation:
    days = max(1, round((invitation.expires_at - invitation.created_at) / timedelta(days=1)))
    return invitation_send(
        group=invitation.group, email=invitation.email, invited_by=invited_by, days=days
    )


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> None:
    if invitation.revoked_at is None and invitation.accepted_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


def invitation_state(invitation: Invitation, *, now: datetime | None = None) -> str:
    """ "pending", "expired", "revoked" or "used"."""
    now = now or timezone.now()
    if invitation.accepted_at is not None:
        return "used"
    if invitation.revoked_at is not None:
        return "revoked"
    if invitation.expires_at <= now:
        return "expired"
    return "pending"


class AgreementChanged(ValidationError):
    """The ground rules changed since the joining page was shown: read them again."""


@transaction.atomic
def invitation_accept(
    *, invitation: Invitation, user: User, agreement_version: int | None = None
) -> Membership:
    """Join the group as `user`, whose address must be the invited one.

    Joining accepts the group's agreement: `agreement_version` is the version the joining
    page showed, refused if the organizers changed it since. The first to join a group
    that has no organizer yet (one a coordinator published) organizes it.
    """
    # Lock the row: a double click must not use the invitation twice.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    state = invitation_state(invitation)
    if state != "pending":
        raise ValidationError(f"This invitation can no longer be used ({state}).")
    if user.email.strip().lower() != invitation.email.strip().lower():
        raise ValidationError(
            "This invitation was sent to another address. "
            "Log in with the address the invitation was sent to."
        )
    agreement = Agreement.objects.filter(group_id=invitation.group_id).first()
    if agreement is not None and agreement_version != agreement.version:
        raise AgreementChanged(
            "The group's ground rules changed since you opened this page. "
            "Read the current version below, then join."
        )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    membership = Membership.objects.filter(group=invitation.group, user=user).first()
    if membership is None:
        leaderless = not Membership.objects.filter(
            group_id=invitation.group_id, role=Role.ORGANIZER
        ).exists()
        role = Role.ORGANIZER if leaderless else Role.MEMBER
        membership = membership_add(group=invitation.group, user=user, role=role)
    if agreement is not None:
        AgreementAcceptance.objects.get_or_create(agreement=agreement, membership=membership)
    return membership


# --- availability polls ---


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
        raise ValidationError("Give at least one candidate time.")
    if len(unique_times) + len(places) > 40:
        raise ValidationError("At most 40 options: members answer every one.")
    now = timezone.now()
    if not now < deadline <= now + timedelta(days=90):
        raise ValidationError({"deadline": "The deadline must be within the next 90 days."})
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
    return poll


@transaction.atomic
def poll_answer(*, poll: Poll, user: User, answers: dict[int, str]) -> None:
    """Record `user`'s answer to every option of `poll` (option id -> yes/maybe/no)."""
    poll = Poll.objects.select_for_update().get(pk=poll.pk)  # answers to one poll in turn
    if not poll.is_open:
        raise ValidationError("This poll is closed: its answer was adopted.")
    option_ids = set(poll.options.values_list("pk", flat=True))
    if set(answers) != option_ids:
        raise ValidationError("Answer every option, please.")
    if any(value not in Answer.values for value in answers.values()):
        raise ValidationError("Each answer is yes, if need be, or no.")
    PollAnswer.objects.filter(option__poll=poll, user=user).delete()
    PollAnswer.objects.bulk_create(
        PollAnswer(option_id=pk, user=user, answer=value) for pk, value in answers.items()
    )


@transaction.atomic
def poll_adopt(
    *,
    poll: Poll,
    time_option: PollOption,
    place_option: PollOption | None,
    kind: str,
    confirmed: bool = False,
    duration_minutes: int = 90,
    notify_members: bool = True,
) -> Schedule:
    """Make the chosen time (and place) the group's schedule; closes the poll."""
    group = poll.group
    poll = Poll.objects.select_for_update().get(pk=poll.pk)  # a double click adopts once
    poll.group = group
    if not poll.is_open:
        raise ValidationError("This poll was already adopted.")
    if time_option.poll_id != poll.pk or time_option.kind != OptionKind.TIME:
        raise ValidationError("Choose one of this poll's times.")
    if place_option is not None and (
        place_option.poll_id != poll.pk or place_option.kind != OptionKind.PLACE
    ):
        raise ValidationError("Choose one of this poll's places.")
    chosen = [o.pk for o in (time_option, place_option) if o is not None]
    refusals = PollAnswer.objects.filter(option_id__in=chosen, answer=Answer.NO)
    if refusals.exists() and not confirmed:
        raise ValidationError(
            "Some members answered no to this choice. Tick the confirmation to adopt it anyway."
        )
    # A "2nd Thursday" option says which week; a plain "Thursday" adopted monthly
    # defaults to the second one.
    nth = time_option.nth or 2
    place = ""
    if place_option is not None:
        place = place_option.detail or place_option.label
    video = place if _looks_like_url(place) else ""
    schedule = schedule_set(
        group=group,
        kind=kind,
        weekday=time_option.weekday or 0,
        nth=nth,
        rrule="",
        start_date=timezone.localdate(timezone=recurrence.zone_info(group.timezone)),
        start_time=time_option.time or time(18, 0),
        duration_minutes=duration_minutes,
        zone=group.timezone,
        place="" if video else place,
        video_url=video,
        notify_members=notify_members,
    )
    poll.adopted_at = timezone.now()
    poll.save(update_fields=["adopted_at"])
    return schedule


def _looks_like_url(text: str) -> bool:
    return text.startswith(("https://", "http://"))


# --- the recurring schedule ---


def schedule_recurrence(schedule: Schedule) -> recurrence.Recurrence:
    return recurrence.Recurrence(
        kind=recurrence.Kind(schedule.kind),
        weekday=schedule.weekday,
        nth=schedule.nth,
        rrule_text=schedule.rrule,
        start_date=schedule.start_date,
        start_time=schedule.start_time,
        zone=schedule.timezone,
    )


def schedule_describe(schedule: Schedule) -> str:
    return f"{recurrence.describe(schedule_recurrence(schedule))} ({schedule.timezone})"


@transaction.atomic
def schedule_set(
    *,
    group: Group,
    kind: str,
    weekday: int,
    nth: int,
    rrule: str,
    start_date: date,
    start_time: time,
    duration_minutes: int,
    zone: str,
    place: str,
    video_url: str = "",
    now: datetime | None = None,
    notify_members: bool = True,
) -> Schedule:
    """Adopt or change the group's schedule.

    Future meetings of the series that have no records are re-timed in place (same UID,
    SEQUENCE bumped); past ones, moved or cancelled ones and those with records are left
    alone. Then the series is materialised six months ahead, and each member gets one mail
    about the next meeting.
    """
    now = now or timezone.now()
    rule = recurrence.Recurrence(
        kind=recurrence.Kind(kind) if kind in RecurrenceKind.values else recurrence.Kind.CUSTOM,
        weekday=weekday,
        nth=nth,
        rrule_text=rrule,
        start_date=start_date,
        start_time=start_time,
        zone=zone,
    )
    if kind not in RecurrenceKind.values:
        raise ValidationError({"kind": "Choose how often the group meets."})
    try:
        recurrence.validate(rule)
    except recurrence.RecurrenceError as error:
        field = {"custom": "rrule"}.get(kind, "kind")
        if "time zone" in str(error):
            field = "timezone"
        raise ValidationError({field: str(error)}) from None
    today = now.astimezone(recurrence.zone_info(zone)).date()
    if start_date < today:
        raise ValidationError({"start_date": "That day has already passed: start today or later."})
    if start_date > (now + LATEST_AHEAD).date():
        raise ValidationError({"start_date": "Start within the next two years."})
    _lock(group)  # two saves at once: the second waits and then updates, never duplicates
    schedule = Schedule.objects.filter(group=group).first()
    is_new = schedule is None
    if schedule is None:
        schedule = Schedule(group=group)
    schedule.kind = kind
    schedule.weekday = weekday
    schedule.nth = nth
    schedule.rrule = recurrence.to_rrule(rule) if kind == RecurrenceKind.CUSTOM else ""
    schedule.start_date = start_date
    schedule.start_time = start_time
    schedule.duration_minutes = duration_minutes
    schedule.timezone = zone
    schedule.place = place.strip()
    schedule.video_url = video_url.strip()
    schedule.materialized_until = now
    schedule.full_clean()
    schedule.save()
    group.timezone = zone
    group.save(update_fields=["timezone"])
    retimed = [] if is_new else _retime_series(schedule, now=now)
    created = schedule_materialize(schedule=schedule, now=now)
    upcoming = sorted([*retimed, *created], key=lambda m: m.starts_at)
    if notify_members and upcoming:
        notify.calendar_update_send(
            meeting=upcoming[0], change="scheduled", schedule_text=schedule_describe(schedule)
        )
    return schedule


def _retime_series(schedule: Schedule, *, now: datetime) -> list[Meeting]:
    """Move the series' untouched future meetings onto the new rule's times."""
    series = list(
        Meeting.objects.filter(
            schedule=schedule,
            status=Status.SCHEDULED,
            starts_at__gt=now,
            original_starts_at__isnull=True,
        ).order_by("starts_at")
    )
    free = [m for m in series if not meeting_has_records(m)]
    others = Meeting.objects.filter(group_id=schedule.group_id).exclude(pk__in=[m.pk for m in free])
    taken = set(others.values_list("starts_at", flat=True))
    times = [
        t
        for t in recurrence.occurrences(
            schedule_recurrence(schedule), after=now, before=now + HORIZON
        )
        if t not in taken
    ]
    # Meetings already at a new time keep it; the rest take the remaining times in order,
    # so no update ever lands on a time another meeting still holds.
    wanted = set(times)
    kept = [m for m in free if m.starts_at in wanted]
    moving = [m for m in free if m.starts_at not in wanted]
    remaining = [t for t in times if t not in {m.starts_at for m in kept}]
    updated = []
    for meeting, starts_at in zip(moving, remaining, strict=False):
        meeting.starts_at = starts_at
        updated.append(meeting)
    for meeting in [*kept, *updated]:
        meeting.duration_minutes = schedule.duration_minutes
        meeting.location = schedule.place or schedule.group.meeting_place
        meeting.video_url = schedule.video_url
        meeting.sequence += 1
        meeting.last_modified = timezone.now()
        fields = ["starts_at", "duration_minutes", "location", "video_url", "sequence"]
        meeting.save(update_fields=[*fields, "last_modified"])
    for meeting in moving[len(remaining) :]:  # the new rule meets less often
        meeting.status = Status.CANCELLED
        meeting.cancelled_at = timezone.now()
        meeting.sequence += 1
        meeting.last_modified = timezone.now()
        meeting.save(update_fields=["status", "cancelled_at", "sequence", "last_modified"])
    return [*kept, *updated]


@transaction.atomic
def schedule_materialize(*, schedule: Schedule, now: datetime | None = None) -> list[Meeting]:
    """Create the series' meetings up to six months from `now`; hosts take turns.

    Only occurrences after `materialized_until` are considered, so a cancelled or moved
    meeting is never recreated. Sends no mail: see `notify`.
    """
    now = now or timezone.now()
    schedule = Schedule.objects.select_for_update().select_related("group").get(pk=schedule.pk)
    horizon = now + HORIZON
    start_after = max(now, schedule.materialized_until or now)
    if start_after >= horizon:
        return []
    times = recurrence.occurrences(schedule_recurrence(schedule), after=start_after, before=horizon)
    group = schedule.group
    fresh = []
    for starts_at in times:
        probe = Meeting(
            group=group, starts_at=starts_at, duration_minutes=schedule.duration_minutes
        )
        if find_clash(probe) is None:
            fresh.append(starts_at)
    hosts = _next_hosts(group, len(fresh))
    created = [
        meeting_schedule(
            group=group,
            starts_at=starts_at,
            duration_minutes=schedule.duration_minutes,
            location=schedule.place,
            video_url=schedule.video_url,
            host=host,
            schedule=schedule,
            allow_past=True,  # `now` may be the caller's clock; occurrences are after it
        )
        for starts_at, host in zip(fresh, hosts, strict=False)
    ]
    schedule.materialized_until = horizon
    schedule.save(update_fields=["materialized_until"])
    return created


def schedules_materialize(*, now: datetime | None = None) -> int:
    """Top up every schedule (the daily job); returns how many meetings were created."""
    total = 0
    for schedule in Schedule.objects.all():
        total += len(schedule_materialize(schedule=schedule, now=now))
    return total


# --- host rotation ---


def _next_hosts(group: Group, count: int) -> list[User | None]:
    members = list(
        User.objects.filter(memberships__group=group).order_by(
            "memberships__joined_at", "memberships__pk"
        )
    )
    if not members:
        return [None] * count
    history = list(
        Meeting.objects.filter(group=group)
        .exclude(status=Status.CANCELLED)
        .order_by("starts_at")
        .values_list("host_id", flat=True)
    )
    by_id = {m.pk: m for m in members}
    order = rotation.next_hosts(list(by_id), history, count)
    return [by_id[pk] for pk in order]


def _fill_missing_hosts(group: Group) -> None:
    for meeting in Meeting.objects.upcoming().filter(group=group, host__isnull=True):
        host = _next_hosts(group, 1)
        if host and host[0] is not None:
            meeting.host = host[0]
            meeting.save(update_fields=["host"])


def _replace_host(meeting: Meeting, declined: set[int]) -> None:
    """The host sent regrets: the next in line (the following meeting's host) swaps in."""
    later = (
        Meeting.objects.upcoming()
        .filter(group_id=meeting.group_id, starts_at__gt=meeting.starts_at)
        .exclude(host__isnull=True)
        .exclude(host_id__in=declined | {meeting.host_id})
    )
    other = later.first()
    if other is not None:
        meeting_hosts_swap(meeting=meeting, other=other)
        return
    members = list(
        Membership.objects.filter(group_id=meeting.group_id)
        .exclude(user_id__in=declined | {meeting.host_id})
        .values_list("user_id", flat=True)
    )
    if members:
        history = list(
            Meeting.objects.filter(group_id=meeting.group_id)
            .exclude(status=Status.CANCELLED)
            .order_by("starts_at")
            .values_list("host_id", flat=True)
        )
        meeting.host_id = rotation.rotation_order(members, history)[0]
        meeting.sequence += 1
        meeting.last_modified = timezone.now()
        meeting.save(update_fields=["host", "sequence", "last_modified"])


# --- RSVP ---


@transaction.atomic
def rsvp_set(*, meeting: Meeting, user: User, answer: str, note: str = "") -> Rsvp:
    """Going / maybe / not going, with a short note. A host who cannot come is replaced."""
    if meeting.status != Status.SCHEDULED or meeting.ends_at < timezone.now():
        raise ValidationError("Answers are closed: this meeting is over or cancelled.")
    if answer not in RsvpAnswer.values:
        raise ValidationError({"answer": "Choose going, maybe or not going."})
    if "\x00" in note:
        raise ValidationError({"note": "The note contains a character we cannot store."})
    Rsvp(meeting=meeting, user=user, answer=answer, note=note.strip()).full_clean(
        validate_constraints=False
    )
    # update_or_create locks the row and survives a double submit.
    rsvp, _ = Rsvp.objects.update_or_create(
        meeting=meeting, user=user, defaults={"answer": answer, "note": note.strip()}
    )
    if answer == RsvpAnswer.NOT_GOING and meeting.host_id == user.pk:
        declined = set(
            Rsvp.objects.filter(meeting=meeting, answer=RsvpAnswer.NOT_GOING).values_list(
                "user_id", flat=True
            )
        )
        _replace_host(meeting, declined)
    return rsvp


# --- calendar feed ---

FEED_PURPOSE = "calendar-feed"


def feed_token(feed: CalendarFeed) -> str:
    return tokens.derived_token(FEED_PURPOSE, feed.salt)


@transaction.atomic
def calendar_feed_regenerate(*, user: User) -> CalendarFeed:
    """Create the person's feed link, or replace it (the old link stops working)."""
    salt = tokens.new_salt()
    token_hash = tokens.hash_token(tokens.derived_token(FEED_PURPOSE, salt))
    feed, _ = CalendarFeed.objects.update_or_create(
        user=user, defaults={"salt": salt, "token_hash": token_hash}
    )
    return feed


@transaction.atomic
def calendar_feed_revoke(*, user: User) -> None:
    CalendarFeed.objects.filter(user=user).delete()


# --- self-started groups and the group agreement (issue 14) ---


@transaction.atomic
def group_start(
    *,
    user: User,
    name: str,
    purpose: str = "",
    stages: Sequence[str] = (),
    timezone: str = "UTC",
    agreement_text: str = DEFAULT_AGREEMENT,
) -> Group:
    """A group with no program, organized by `user`, who accepts its first agreement."""
    if not settings.SELF_STARTED_GROUPS:
        raise ValidationError("This site runs coordinated programs only.")
    # Lock the starter's row so a double submit cannot create two groups of one name.
    User.objects.select_for_update().filter(pk=user.pk).first()
    group = Group(
        program=None,
        name=name.strip(),
        purpose=purpose.strip(),
        stages=",".join(sorted(set(stages))),
        timezone=timezone,
        created_by=user,
    )
    _check_own_name_free(user, group.name)
    group.full_clean()
    group.save()
    membership = membership_add(group=group, user=user, role=Role.ORGANIZER)
    agreement = _agreement_new(group=group, by=user, text=agreement_text, version=1)
    AgreementAcceptance.objects.create(agreement=agreement, membership=membership)
    return group


@transaction.atomic
def agreement_update(*, group: Group, by: User, text: str, based_on: int) -> Agreement:
    """A new version of the group's agreement; every member must accept it again.

    `based_on` is the version the organizer was editing: if someone saved a newer one in
    the meantime, the edit is refused rather than silently overwriting theirs.
    """
    current = Agreement.objects.select_for_update().filter(group=group).first()
    current_version = current.version if current else 0
    if based_on != current_version:
        raise ValidationError(
            "Someone changed the agreement while you were editing it. "
            "Here is the current text; make your change again."
        )
    if current is not None and split_rules(text) == current.rules:
        raise ValidationError("The agreement is unchanged.")
    agreement = _agreement_new(group=group, by=by, text=text, version=current_version + 1)
    # The organizer who wrote it accepts it by writing it.
    membership = Membership.objects.filter(group=group, user=by).first()
    if membership is not None:
        AgreementAcceptance.objects.create(agreement=agreement, membership=membership)
    return agreement


@transaction.atomic
def agreement_accept(*, membership: Membership, version: int) -> AgreementAcceptance:
    """`membership` accepts version `version`, which must be the one in force."""
    current = Agreement.objects.filter(group_id=membership.group_id).first()
    if current is None:
        raise ValidationError("This group has no agreement yet.")
    if version != current.version:
        raise ValidationError(
            "The agreement changed since you opened it. Read the current version below, "
            "then accept it."
        )
    acceptance, _ = AgreementAcceptance.objects.get_or_create(
        agreement=current, membership=membership
    )
    return acceptance


@transaction.atomic
def organizer_hand_over(
    *, group: Group, by: Membership, to: Membership, step_down: bool = True
) -> Membership:
    """Make `to` an organizer; with `step_down`, `by` becomes a plain member."""
    if to.group_id != group.pk or by.group_id != group.pk:
        raise ValidationError("Both people must be members of this group.")
    if to.pk == by.pk:
        raise ValidationError("Choose another member to hand the organizer role to.")
    to.role = Role.ORGANIZER
    to.save(update_fields=["role"])
    if step_down:
        by.role = Role.MEMBER
        by.save(update_fields=["role"])
    return to


def _agreement_new(*, group: Group, by: User | None, text: str, version: int) -> Agreement:
    rules = split_rules(text)
    if not rules:
        raise ValidationError({"text": "Write at least one ground rule."})
    agreement = Agreement(group=group, version=version, text="\n".join(rules), created_by=by)
    agreement.full_clean()
    agreement.save()
    return agreement


def _check_own_name_free(user: User, name: str) -> None:
    # Without a program, names only need to differ among the starter's own groups.
    if Group.objects.filter(memberships__user=user, name__iexact=name).exists():
        raise ValidationError({"name": f"You are already in a group called {name}."})
