"""Every meeting view: the permission checklist, bad input, and privacy on every page."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from peercircle.accounts.models import User
from peercircle.meetings.actions.checkin import checkin_save
from peercircle.meetings.actions.records import note_add
from peercircle.meetings.actions.run import run_control
from peercircle.meetings.models import CheckIn, ItemKind, Note, RunState
from tests.conftest import (
    GROUP_READ,
    Cast,
    access_for,
    count_queries,
    make_meeting,
    page_text,
    run_meeting_now,
)

READ_VIEWS = [
    "meeting_checkin",
    "meeting_run",
    "meeting_run_state",
    "meeting_run_takeover",
    "meeting_summary",
    "meeting_detail",
]
HOST_READ = [
    ("organizer", 200),
    ("member", 403),
    ("other_member", 404),
    ("coordinator", 403),
    ("outsider", 404),
]
ANY_MEMBER_POST = [
    ("organizer", 302),
    ("member", 302),
    ("other_member", 404),
    ("coordinator", 403),
    ("outsider", 404),
]
RUNNER_POST = [
    ("organizer", 302),
    ("member", 403),
    ("other_member", 404),
    ("coordinator", 403),
    ("outsider", 404),
]


@pytest.mark.parametrize("name", READ_VIEWS)
@pytest.mark.parametrize(("who", "status"), GROUP_READ)
def test_meeting_pages_are_for_the_group(cast: Cast, name: str, who: str, status: int) -> None:
    meeting = run_meeting_now(cast)
    response = cast.client_for(getattr(cast, who)).get(reverse(name, args=[meeting.pk]))
    assert response.status_code == status


@pytest.mark.parametrize(("who", "status"), HOST_READ)
def test_agenda_editor_is_for_the_host(cast: Cast, who: str, status: int) -> None:
    meeting = make_meeting(cast.group, days=1, host=cast.organizer)
    response = cast.client_for(getattr(cast, who)).get(reverse("meeting_agenda", args=[meeting.pk]))
    assert response.status_code == status


ALL_NAMES = [
    *READ_VIEWS,
    "meeting_agenda",
    "meeting_run_begin",
    "meeting_run_control",
    "meeting_attendance",
    "meeting_note_add",
    "meeting_note_draft",
]


@pytest.mark.parametrize("name", ALL_NAMES)
def test_anonymous_is_sent_to_log_in_and_wrong_methods_are_refused(cast: Cast, name: str) -> None:
    meeting = run_meeting_now(cast)
    url = reverse(name, args=[meeting.pk])
    response = Client().get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert cast.client_for(cast.member).put(url).status_code == 405


def test_comments_anonymous_and_wrong_method(cast: Cast) -> None:
    meeting = run_meeting_now(cast)
    item = meeting.agenda_items.filter(kind=ItemKind.SLOT).get(presenter=cast.member)
    url = reverse("meeting_comments", args=[meeting.pk, item.pk])
    assert Client().post(url).status_code == 302
    assert cast.client_for(cast.member).get(url).status_code == 405


@pytest.mark.parametrize(("who", "status"), ANY_MEMBER_POST)
def test_checkin_post_permissions(cast: Cast, who: str, status: int) -> None:
    meeting = make_meeting(cast.group, days=1)
    data = {"response": "feedback", "minutes": "12", "topic": "Draft", "notes": "", "success": ""}
    response = cast.client_for(getattr(cast, who)).post(
        reverse("meeting_checkin", args=[meeting.pk]), data
    )
    assert response.status_code == status
    assert CheckIn.objects.filter(meeting=meeting).exists() == (status == 302)


@pytest.mark.parametrize(
    "data",
    [
        {"response": "feedback", "minutes": "500"},
        {"response": "feedback", "minutes": "-3"},
        {"response": "feedback", "minutes": ""},
        {"response": "shout", "minutes": "5"},
        {"response": "feedback", "minutes": "5", "topic": "x" * 10_000},
        {"response": "feedback", "minutes": "5", "topic": "nul\x00here"},
    ],
)
def test_bad_checkins_get_a_clear_form_error(cast: Cast, data: dict) -> None:
    meeting = make_meeting(cast.group, days=1)
    response = cast.client_for(cast.member).post(
        reverse("meeting_checkin", args=[meeting.pk]), data
    )
    assert response.status_code == 422
    assert b'class="error"' in response.content
    assert not CheckIn.objects.exists()


def test_markup_in_a_topic_is_shown_as_text(cast: Cast) -> None:
    meeting = make_meeting(cast.group, days=1)
    data = {"response": "feedback", "minutes": "5", "topic": "<script>alert(1)</script>"}
    cast.client_for(cast.member).post(reverse("meeting_checkin", args=[meeting.pk]), data)
    page = cast.client_for(cast.organizer).get(reverse("meeting_detail", args=[meeting.pk]))
    assert page.status_code == 200
    assert b"<script>alert(1)" not in page.content and b"&lt;script&gt;" in page.content


@pytest.mark.parametrize(("who", "status"), RUNNER_POST)
def test_starting_is_for_the_host(cast: Cast, who: str, status: int) -> None:
    meeting = make_meeting(cast.group, days=0, host=cast.organizer)
    data = {"present": [cast.organizer.pk]}
    response = cast.client_for(getattr(cast, who)).post(
        reverse("meeting_run_begin", args=[meeting.pk]), data
    )
    assert response.status_code == status
    assert RunState.objects.filter(meeting=meeting).exists() == (status == 302)


@pytest.mark.parametrize(("who", "status"), RUNNER_POST)
def test_timer_buttons_are_for_the_runner(cast: Cast, who: str, status: int) -> None:
    meeting = run_meeting_now(cast)
    version = RunState.objects.get(meeting=meeting).version
    client = cast.client_for(getattr(cast, who))
    response = client.post(
        reverse("meeting_run_control", args=[meeting.pk]), {"command": "pause", "version": version}
    )
    assert response.status_code == status
    assert (RunState.objects.get(meeting=meeting).status == "paused") == (status == 302)


@pytest.mark.parametrize(("who", "status"), RUNNER_POST)
def test_attendance_is_for_the_runner(cast: Cast, who: str, status: int) -> None:
    meeting = run_meeting_now(cast)
    client = cast.client_for(getattr(cast, who))
    response = client.post(
        reverse("meeting_attendance", args=[meeting.pk]), {"present": [cast.member.pk]}
    )
    assert response.status_code == status


@pytest.mark.parametrize(("who", "status"), ANY_MEMBER_POST)
def test_any_member_records_comments_notes_and_can_take_over(
    cast: Cast, who: str, status: int
) -> None:
    meeting = run_meeting_now(cast)
    item = meeting.agenda_items.get(kind=ItemKind.SLOT, presenter=cast.organizer)
    client = cast.client_for(getattr(cast, who))
    url = reverse("meeting_comments", args=[meeting.pk, item.pk])
    assert client.post(url, {"commenters": [cast.member.pk]}).status_code == status
    url = reverse("meeting_note_add", args=[meeting.pk])
    assert (
        client.post(url, {"text": "hello", "shared": "on", "item": item.pk}).status_code == status
    )
    url = reverse("meeting_run_takeover", args=[meeting.pk])
    assert client.post(url).status_code == status
    assert Note.objects.exists() == (status == 302)


def test_a_stale_tap_gets_409_and_the_current_state_as_json(cast: Cast) -> None:
    meeting = run_meeting_now(cast)
    version = RunState.objects.get(meeting=meeting).version
    client = cast.client_for(cast.organizer)
    url = reverse("meeting_run_control", args=[meeting.pk])
    first = client.post(
        url, {"command": "next", "version": version}, HTTP_ACCEPT="application/json"
    )
    second = client.post(
        url, {"command": "next", "version": version}, HTTP_ACCEPT="application/json"
    )
    assert first.status_code == 200 and second.status_code == 409
    assert json.loads(second.content)["state"]["position"] == 1
    bad = client.post(url, {"command": "explode", "version": "x"}, HTTP_ACCEPT="application/json")
    assert bad.status_code == 400


def test_state_endpoint_is_small_and_versioned(cast: Cast) -> None:
    meeting = run_meeting_now(cast)
    state = cast.client_for(cast.member).get(reverse("meeting_run_state", args=[meeting.pk])).json()
    assert state["status"] == "running" and state["v"] >= 2
    assert state["ends_at"] > state["now"]
    assert (
        count_queries(cast.client_for(cast.member), reverse("meeting_run_state", args=[meeting.pk]))
        <= 10
    )


def test_agenda_edit_reorders_and_keeps_the_total_visible(cast: Cast) -> None:
    meeting = make_meeting(cast.group, days=1, host=cast.organizer)
    checkin_save(meeting=meeting, user=cast.member, response="feedback", minutes=10)
    client = cast.client_for(cast.organizer)
    url = reverse("meeting_agenda", args=[meeting.pk])
    client.post(url, {})
    items = list(meeting.agenda_items.all())
    slot = next(i for i in items if i.kind == ItemKind.SLOT)
    response = client.post(url, {f"minutes-{slot.pk}": "7", f"order-{slot.pk}": "0"})
    assert response.status_code == 302
    slot.refresh_from_db()
    assert (slot.position, slot.planned_minutes) == (0, 7)
    assert b"Total:" in client.get(url).content
    assert client.post(url, {f"minutes-{slot.pk}": "abc"}).status_code == 422
    assert client.post(url, {f"minutes-{slot.pk}": "9999"}).status_code == 422


SECRETS = ["Topic-O", "Topic-M", "SECRET-NOTE", "PRIVATE-NOTE", "SECRET-NOTES-FOR-GROUP"]


def pages(cast: Cast, meeting) -> list[str]:
    item = meeting.agenda_items.filter(kind=ItemKind.SLOT).first()
    names = [*READ_VIEWS, "meeting_agenda"]
    urls = [reverse(name, args=[meeting.pk]) for name in names]
    return [
        *urls,
        reverse("meeting_comments", args=[meeting.pk, item.pk]),
        reverse("group_detail", args=[cast.group.pk]),
        reverse("program_detail", args=[cast.program.pk]),
        reverse("dashboard"),
    ]


def test_outsiders_never_see_a_checkin_note_or_slot(cast: Cast) -> None:
    meeting = run_meeting_now(cast)
    CheckIn.objects.filter(user=cast.member).update(notes="SECRET-NOTES-FOR-GROUP")
    current = meeting.agenda_items.get(position=0)
    note_add(access=access_for(cast.organizer, meeting), text="SECRET-NOTE", shared=True)
    note_add(
        access=access_for(cast.member, meeting), text="PRIVATE-NOTE", shared=False, item=current
    )
    program = reverse("program_detail", args=[cast.program.pk])
    comments = pages(cast, meeting)[-4]

    def expected_status(who: User | None, url: str) -> int:
        if url == reverse("dashboard"):
            return 200
        if who is None:
            return 302
        if url == comments:
            return 405  # comments are only posted; the GET gets nothing
        if url == program:
            return 200 if who == cast.coordinator else 403
        return 403 if who == cast.coordinator else 404

    for who in (cast.coordinator, cast.other_member, None):
        client = cast.client_for(who)
        for url in pages(cast, meeting):
            response = client.get(url)
            assert response.status_code == expected_status(who, url), (who, url)
            body = response.content.decode()
            for secret in SECRETS:
                assert secret not in body, (who, url, secret)
            assert "s slot" not in body and "s&#x27; slot" not in body, (who, url)


def test_a_private_note_is_for_its_author_only(cast: Cast) -> None:
    meeting = run_meeting_now(cast)
    current = meeting.agenda_items.get(position=0)
    note_add(
        access=access_for(cast.member, meeting), text="PRIVATE-NOTE", shared=False, item=current
    )
    url = reverse("meeting_run", args=[meeting.pk])
    assert b"PRIVATE-NOTE" in cast.client_for(cast.member).get(url).content
    assert "PRIVATE-NOTE" not in page_text(cast.client_for(cast.organizer), url)


def test_run_page_for_host_and_member(cast: Cast) -> None:
    meeting = run_meeting_now(cast)
    host = (
        cast.client_for(cast.organizer)
        .get(reverse("meeting_run", args=[meeting.pk]))
        .content.decode()
    )
    member = (
        cast.client_for(cast.member).get(reverse("meeting_run", args=[meeting.pk])).content.decode()
    )
    assert 'role="timer"' in host and 'value="next"' in host
    assert 'role="timer"' in member and 'value="next"' not in member
    assert "Take over" in member
    assert "<script>" not in host and " style=" not in host and " onclick" not in host


def test_summary_shows_shared_notes_but_never_a_venting_slot(cast: Cast) -> None:
    meeting = run_meeting_now(cast)
    checkin_save(
        meeting=meeting, user=cast.member, response="venting", minutes=15, topic="VENT-TOPIC"
    )
    vent = meeting.agenda_items.get(kind=ItemKind.SLOT, presenter=cast.member)
    other = meeting.agenda_items.get(kind=ItemKind.SLOT, presenter=cast.organizer)
    assert vent.venting
    note_add(access=access_for(cast.organizer, meeting), text="VENT-NOTE", shared=True, item=vent)
    note_add(access=access_for(cast.member, meeting), text="GOOD-NOTE", shared=True, item=other)
    run = RunState.objects.get(meeting=meeting)
    run_control(meeting=meeting, by=cast.organizer, command="finish", version=run.version)
    body = page_text(cast.client_for(cast.member), reverse("meeting_summary", args=[meeting.pk]))
    assert "GOOD-NOTE" in body and "Mina Member&#x27;s slot" in body
    assert "VENT-NOTE" not in body and "VENT-TOPIC" not in body
    url = reverse("meeting_note_add", args=[meeting.pk])
    refused = cast.client_for(cast.member).post(
        url, {"text": "late shared", "shared": "on"}, follow=True
    )
    assert b"only its host" in refused.content
    assert not Note.objects.filter(text="late shared").exists()


def test_a_note_on_a_venting_slot_is_not_shown_to_the_rest_of_the_group_live(
    cast: Cast,
) -> None:
    """The live page keeps the summary's rule: what is said about venting stays unshared."""
    meeting = run_meeting_now(cast)
    checkin_save(meeting=meeting, user=cast.member, response="venting", minutes=15)
    vent = meeting.agenda_items.get(kind=ItemKind.SLOT, presenter=cast.member)
    run = RunState.objects.get(meeting=meeting)
    # Move the run onto the venting slot, where notes on it would show.
    while RunState.objects.get(meeting=meeting).position < vent.position:
        run = RunState.objects.get(meeting=meeting)
        run_control(meeting=meeting, by=cast.organizer, command="next", version=run.version)
    note_add(access=access_for(cast.member, meeting), text="MY-VENT-NOTE", shared=True, item=vent)
    url = reverse("meeting_run", args=[meeting.pk])
    assert "MY-VENT-NOTE" in page_text(cast.client_for(cast.member), url)
    assert "MY-VENT-NOTE" not in page_text(cast.client_for(cast.organizer), url)


def test_an_organizer_reads_the_agenda_a_hosting_member_runs_but_cannot_change_it(
    cast: Cast,
) -> None:
    meeting = run_meeting_now(cast, host=cast.member)
    url = reverse("meeting_agenda", args=[meeting.pk])
    organizer = cast.client_for(cast.organizer)
    response = organizer.get(url)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Mina Member is running this meeting: only they can change the agenda now." in text
    # The page's own content only: the footer's language menu is a form on every page.
    assert "<input" not in text[text.index("<main") : text.index("</main>")]
    assert organizer.post(url, {}).status_code == 403
