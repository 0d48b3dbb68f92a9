"""A private note being typed during a live meeting is kept on the server (sent on blur)
until it is saved: only its writer reads it, the run page gives it back, saving drops it."""

import pytest
from django.urls import reverse

from peercircle.meetings.actions.note_draft import note_draft_keep
from peercircle.meetings.actions.records import note_add
from peercircle.meetings.models import NOTES_MAX, NoteDraft
from tests.conftest import Cast, access_for, run_meeting_now

TEXT = "Ask Otto about the job talk"


def test_a_member_keeps_one_draft_per_meeting_and_an_empty_box_drops_it(cast: Cast) -> None:
    meeting = run_meeting_now(cast)
    client = cast.client_for(cast.member)
    url = reverse("meeting_note_draft", args=[meeting.pk])
    assert client.post(url, {"text": "Ask"}).status_code == 204
    assert client.post(url, {"text": TEXT}).status_code == 204
    assert list(NoteDraft.objects.values_list("user_id", "text")) == [(cast.member.pk, TEXT)]
    assert client.post(url, {"text": "  "}).status_code == 204
    assert not NoteDraft.objects.exists()


def test_a_too_long_draft_is_refused_with_a_reason(cast: Cast) -> None:
    meeting = run_meeting_now(cast)
    url = reverse("meeting_note_draft", args=[meeting.pk])
    response = cast.client_for(cast.member).post(url, {"text": "x" * (NOTES_MAX + 1)})
    assert response.status_code == 400
    assert f"at most {NOTES_MAX} characters" in response.content.decode()
    assert not NoteDraft.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "other_member"])
def test_people_outside_the_group_get_404_and_keep_nothing(cast: Cast, who: str) -> None:
    meeting = run_meeting_now(cast)
    url = reverse("meeting_note_draft", args=[meeting.pk])
    assert cast.client_for(getattr(cast, who)).post(url, {"text": TEXT}).status_code == 404
    assert not NoteDraft.objects.exists()


def test_the_run_page_gives_the_draft_back_to_its_writer_only(cast: Cast) -> None:
    meeting = run_meeting_now(cast)
    note_draft_keep(access=access_for(cast.member, meeting), text=TEXT)
    url = reverse("meeting_run", args=[meeting.pk])
    assert TEXT in cast.client_for(cast.member).get(url).content.decode()
    assert TEXT not in cast.client_for(cast.organizer).get(url).content.decode()


def test_saving_the_note_drops_the_draft(cast: Cast) -> None:
    meeting = run_meeting_now(cast)
    access = access_for(cast.member, meeting)
    note_draft_keep(access=access, text=TEXT)
    note_draft_keep(access=access_for(cast.organizer, meeting), text="Organizer's own")
    note_add(access=access, text=TEXT, shared=False)
    assert list(NoteDraft.objects.values_list("user_id", flat=True)) == [cast.organizer.pk]
