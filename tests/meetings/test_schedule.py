"""Poll → adopt → six months of meetings; one meeting moved or cancelled; schedule changes."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from peercircle.groups.actions.polls import PlaceChoice, TimeChoice, poll_answer, poll_create
from peercircle.groups.models import Answer, OptionKind, Poll, RecurrenceKind
from peercircle.meetings.actions.meeting import meeting_cancel, meeting_move
from peercircle.meetings.actions.schedule import (
    schedule_adopt_poll,
    schedule_materialize,
    schedule_set,
    schedules_materialize,
)
from peercircle.meetings.models import Meeting, Rsvp, Schedule, Status
from tests.conftest import GROUP_READ, GROUP_WRITE, Cast

CHICAGO = ZoneInfo("America/Chicago")


def calendar_mails(subject: str = "") -> list:
    """The calendar mails sent whose subject starts with `subject` (a send task's batch
    also sweeps other due mails, such as the poll's own, which these tests do not read)."""
    return [m for m in mail.outbox if m.attachments and m.subject.startswith(subject)]


def open_poll(cast: Cast) -> Poll:
    cast.group.timezone = "America/Chicago"
    cast.group.save(update_fields=["timezone"])
    return poll_create(
        group=cast.group,
        author=cast.member,
        deadline=timezone.now() + timedelta(days=7),
        times=[TimeChoice(3, time(18, 0), 2), TimeChoice(1, time(7, 30), 0)],
        places=[PlaceChoice("coffee", "Danforth Café"), PlaceChoice("video", "")],
    )


def answer_all(poll: Poll, user, value: str = Answer.YES) -> None:
    poll_answer(poll=poll, user=user, answers={o.pk: value for o in poll.options.all()})


def adopt(cast: Cast, poll: Poll, **extra: object) -> Schedule:
    time_option = poll.options.get(kind=OptionKind.TIME, weekday=3)
    place_option = poll.options.get(kind=OptionKind.PLACE, place_kind="coffee")
    return schedule_adopt_poll(
        poll=poll,
        time_option=time_option,
        place_option=place_option,
        kind=RecurrenceKind.MONTHLY_NTH,
        **extra,  # type: ignore[arg-type]
    )


def test_poll_adopted_gives_six_months_of_meetings_at_the_local_time(
    now: datetime, cast: Cast, django_capture_on_commit_callbacks
) -> None:
    poll = open_poll(cast)
    answer_all(poll, cast.member)
    answer_all(poll, cast.organizer, Answer.MAYBE)
    mail.outbox.clear()
    with pytest.raises(ValidationError):  # nothing half-saved: a refused adopt leaves no trace
        schedule_adopt_poll(
            poll=poll,
            time_option=poll.options.filter(kind=OptionKind.PLACE).first(),  # type: ignore[arg-type]
            place_option=None,
            kind=RecurrenceKind.MONTHLY_NTH,
        )
    assert not Meeting.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        schedule = adopt(cast, poll)
    meetings = list(cast.group.meetings.order_by("starts_at"))
    # Second Thursdays at 18:00 in Chicago, across the November DST change, up to 183 days
    # from Wednesday 10 June: 10 December at 18:00 (00:00 UTC on the 11th) is just past it.
    assert [timezone.localtime(m.starts_at, timezone=CHICAGO) for m in meetings] == [
        datetime(2026, 6, 11, 18, tzinfo=CHICAGO),
        datetime(2026, 7, 9, 18, tzinfo=CHICAGO),
        datetime(2026, 8, 13, 18, tzinfo=CHICAGO),
        datetime(2026, 9, 10, 18, tzinfo=CHICAGO),
        datetime(2026, 10, 8, 18, tzinfo=CHICAGO),
        datetime(2026, 11, 12, 18, tzinfo=CHICAGO),
    ]
    for meeting in meetings:
        assert meeting.location == "Danforth Café" and meeting.schedule == schedule
        assert meeting.host is not None
    poll.refresh_from_db()
    assert not poll.is_open
    # One mail per member about the next meeting, with its .ics: never six months of mails.
    sent = calendar_mails()
    assert sorted(m.to[0] for m in sent) == ["member@example.org", "organizer@example.org"]
    assert all(m.attachments[0][2].startswith("text/calendar") for m in sent)
    assert "now meets" in sent[0].body


def test_adopting_an_option_someone_refused_needs_a_confirmation(now: datetime, cast: Cast) -> None:
    poll = open_poll(cast)
    answer_all(poll, cast.member, Answer.NO)
    with pytest.raises(ValidationError, match="confirmation"):
        adopt(cast, poll)
    assert not Schedule.objects.exists()
    adopt(cast, poll, confirmed=True)
    assert Schedule.objects.exists()


def test_rolling_top_up_is_idempotent_and_sends_no_mail(now: datetime, cast: Cast) -> None:
    schedule = adopt(cast, open_poll(cast))
    count = Meeting.objects.count()
    mail.outbox.clear()
    call_command("materialize_meetings", stdout=None)
    assert Meeting.objects.count() == count
    later = timezone.now() + timedelta(days=62)
    schedule_materialize(schedule=schedule, now=later)
    assert count == 6
    # 62 days on, the horizon reaches 10 February 2027: 10 December and 14 January join.
    assert Meeting.objects.count() == 8
    assert Meeting.objects.latest("starts_at").starts_at == datetime(2027, 1, 15, 0, 0, tzinfo=UTC)
    assert mail.outbox == []


def test_moving_one_meeting_leaves_the_series_alone(
    now: datetime, cast: Cast, django_capture_on_commit_callbacks
) -> None:
    adopt(cast, open_poll(cast))
    first, second = cast.group.meetings.order_by("starts_at")[:2]
    mail.outbox.clear()
    new_time = first.starts_at + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_move(meeting=first, starts_at=new_time, location="Library")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.starts_at, first.location, first.sequence) == (new_time, "Library", 1)
    assert first.is_moved and not second.is_moved and second.sequence == 0
    sent = calendar_mails("Moved:")
    assert len(sent) == 2 and "METHOD:REQUEST" in str(sent[0].attachments[0][1])
    # The moved meeting is never recreated at its old time by the next top-up.
    schedules_materialize()
    assert first.original_starts_at is not None
    assert not Meeting.objects.filter(starts_at=first.original_starts_at).exists()


def test_moving_into_the_past_or_onto_another_meeting_is_refused(now: datetime, cast: Cast) -> None:
    adopt(cast, open_poll(cast))
    first, second = cast.group.meetings.order_by("starts_at")[:2]
    with pytest.raises(ValidationError, match="already passed"):
        meeting_move(meeting=first, starts_at=timezone.now() - timedelta(hours=1), location="")
    with pytest.raises(ValidationError, match="overlaps the group's meeting on"):
        meeting_move(meeting=first, starts_at=second.starts_at + timedelta(minutes=30), location="")
    with pytest.raises(ValidationError, match="two years"):
        meeting_move(meeting=first, starts_at=datetime(9999, 12, 31, tzinfo=UTC), location="")
    first.refresh_from_db()
    assert first.sequence == 0 and not first.is_moved


def test_cancelling_one_meeting_keeps_it_as_cancelled_and_mails_a_cancel(
    now: datetime, cast: Cast, django_capture_on_commit_callbacks
) -> None:
    adopt(cast, open_poll(cast))
    first = cast.group.meetings.order_by("starts_at").first()
    assert first is not None
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_cancel(meeting=first)
    first.refresh_from_db()
    assert first.status == Status.CANCELLED and first.sequence == 1
    [cancel, *_] = calendar_mails("Cancelled:")
    assert "METHOD:CANCEL" in str(cancel.attachments[0][1])
    assert "Cancelled" in cancel.subject
    assert cast.group.meetings.upcoming().count() == cast.group.meetings.count() - 1
    schedules_materialize()
    assert cast.group.meetings.filter(starts_at=first.starts_at).count() == 1


def test_changing_the_schedule_retimes_future_meetings_only(now: datetime, cast: Cast) -> None:
    adopt(cast, open_poll(cast))
    meetings = list(cast.group.meetings.order_by("starts_at"))
    moved, with_record, plain = meetings[0], meetings[1], meetings[2]
    moved_to = moved.starts_at + timedelta(hours=1)
    meeting_move(meeting=moved, starts_at=moved_to, location="")
    Meeting.objects.filter(pk=with_record.pk).update(status=Status.HELD)  # stands for records
    Rsvp.objects.create(meeting=plain, user=cast.member, answer="going")
    schedule_set(
        group=cast.group,
        kind=RecurrenceKind.MONTHLY_NTH,
        weekday=1,
        nth=3,
        rrule="",
        start_date=timezone.localdate(),
        start_time=time(7, 30),
        duration_minutes=60,
        zone="America/Chicago",
        place="Campus room 3",
    )
    moved_after = Meeting.objects.get(pk=moved.pk)
    assert moved_after.starts_at == moved_to
    assert Meeting.objects.get(pk=with_record.pk).starts_at == with_record.starts_at
    plain.refresh_from_db()
    local = timezone.localtime(plain.starts_at, timezone=CHICAGO)
    assert (local.weekday(), local.hour, local.minute) == (1, 7, 30)
    assert plain.sequence == 1 and plain.location == "Campus room 3"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"kind": "custom", "rrule": "FREQ=DAILY"}, "rrule", "weekly, monthly or yearly"),
        ({"zone": "Nowhere/City"}, "timezone", "not a time zone"),
        ({"start_date": "past"}, "start_date", "already passed"),
        ({"kind": "hourly"}, "kind", "how often"),
    ],
)
def test_bad_schedules_are_refused_and_nothing_is_saved(
    now: datetime, cast: Cast, changes: dict[str, object], field: str, message: str
) -> None:
    data: dict[str, object] = {
        "group": cast.group,
        "kind": RecurrenceKind.WEEKLY,
        "weekday": 2,
        "nth": 1,
        "rrule": "",
        "start_date": timezone.localdate(),
        "start_time": time(9, 0),
        "duration_minutes": 90,
        "zone": "Europe/Berlin",
        "place": "",
    }
    data.update(changes)
    if data["start_date"] == "past":
        data["start_date"] = timezone.localdate() - timedelta(days=3)
    with pytest.raises(ValidationError) as caught:
        schedule_set(**data)  # type: ignore[arg-type]
    assert message in str(caught.value.message_dict[field])
    assert not Schedule.objects.exists() and not Meeting.objects.exists()


SCHEDULE_POST = {
    "kind": "monthly_nth",
    "weekday": "3",
    "nth": "2",
    "rrule": "",
    "start_time": "18:00",
    "duration_minutes": "90",
    "timezone": "America/Chicago",
    "place": "Room 5",
    "video_url": "",
}


@pytest.mark.parametrize(("who", "status"), GROUP_WRITE)
def test_schedule_edit_permissions(now: datetime, cast: Cast, who: str, status: int) -> None:
    client = cast.client_for(getattr(cast, who))
    data = {**SCHEDULE_POST, "start_date": timezone.localdate().isoformat()}
    response = client.post(reverse("schedule_edit", args=[cast.group.pk]), data)
    assert response.status_code == status
    assert Schedule.objects.exists() == (status == 302)


def test_schedule_edit_anonymous_wrong_method_and_form_errors(now: datetime, cast: Cast) -> None:
    url = reverse("schedule_edit", args=[cast.group.pk])
    assert cast.client_for(None).post(url, SCHEDULE_POST).status_code == 302
    organizer = cast.client_for(cast.organizer)
    assert organizer.put(url).status_code == 405
    assert organizer.get(url).status_code == 200
    bad = {**SCHEDULE_POST, "start_date": "9999-12-31", "kind": "custom", "rrule": "FREQ=X"}
    response = organizer.post(url, bad)
    assert response.status_code == 422
    assert not Schedule.objects.exists()


def test_schedule_saved_is_confirmed_on_the_group_page(now: datetime, cast: Cast) -> None:
    client = cast.client_for(cast.organizer)
    data = {**SCHEDULE_POST, "start_date": timezone.localdate().isoformat()}
    response = client.post(reverse("schedule_edit", args=[cast.group.pk]), data, follow=True)
    body = response.content.decode()
    assert "Schedule saved: Monthly on the second Thursday at 18:00" in body


MOVE_READ = [(who, 403 if who == "member" else status) for who, status in GROUP_READ]


@pytest.mark.parametrize(("who", "status"), GROUP_WRITE)
def test_meeting_move_and_cancel_permissions(
    now: datetime, cast: Cast, who: str, status: int
) -> None:
    adopt(cast, open_poll(cast))
    meeting = cast.group.meetings.order_by("starts_at").last()
    assert meeting is not None
    if meeting.host == cast.member:  # the host may move it; test a plain member
        Meeting.objects.filter(pk=meeting.pk).update(host=cast.organizer)
    client = cast.client_for(getattr(cast, who))
    new = timezone.localtime(meeting.starts_at) + timedelta(days=2)
    data = {"starts_at": new.strftime("%Y-%m-%dT%H:%M"), "location": "Elsewhere"}
    assert client.post(reverse("meeting_move", args=[meeting.pk]), data).status_code == status
    assert client.post(reverse("meeting_cancel", args=[meeting.pk])).status_code == status
    meeting.refresh_from_db()
    assert meeting.is_cancelled == (status == 302)


def test_move_and_cancel_anonymous_and_wrong_method(now: datetime, cast: Cast) -> None:
    adopt(cast, open_poll(cast))
    meeting = cast.group.meetings.first()
    assert meeting is not None
    for name in ("meeting_move", "meeting_cancel"):
        url = reverse(name, args=[meeting.pk])
        assert cast.client_for(None).post(url).status_code == 302
        assert cast.client_for(cast.organizer).delete(url).status_code == 405
    assert (
        cast.client_for(cast.organizer)
        .get(reverse("meeting_cancel", args=[meeting.pk]))
        .status_code
        == 405
    )


def test_move_form_reads_the_group_zone_and_refuses_year_9999(now: datetime, cast: Cast) -> None:
    adopt(cast, open_poll(cast))
    meeting = cast.group.meetings.order_by("starts_at").first()
    assert meeting is not None
    client = cast.client_for(cast.organizer)
    url = reverse("meeting_move", args=[meeting.pk])
    response = client.post(url, {"starts_at": "9999-12-31T23:59", "location": ""})
    assert response.status_code == 422 and b"two years ahead" in response.content
    target = timezone.localtime(meeting.starts_at, timezone=CHICAGO)
    target = target.replace(hour=19) + timedelta(days=1)
    response = client.post(url, {"starts_at": target.strftime("%Y-%m-%dT%H:%M"), "location": "X"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert timezone.localtime(meeting.starts_at, timezone=CHICAGO).hour == 19
