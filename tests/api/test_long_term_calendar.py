"""Long-term goals and a meeting's calendar file through the API; idempotency keys' scope."""

from datetime import datetime

from django.test import Client

from peercircle.goals.actions import long_term_add
from peercircle.goals.models import Goal, LongTermGoal
from tests.api.conftest import api_client, token_for
from tests.conftest import Cast, make_meeting

LONG = "/api/v1/long-term-goals"


def test_long_term_list_holds_only_mine(now: datetime, cast: Cast) -> None:
    long_term_add(owner=cast.member, text="Finish the thesis", target_year=now.year + 2)
    long_term_add(owner=cast.organizer, text="Run a marathon", target_year=now.year + 1)
    response = api_client(cast.member).get(LONG)
    assert response.status_code == 200
    assert [g["text"] for g in response.json()["items"]] == ["Finish the thesis"]
    assert "marathon" not in response.content.decode()


def test_long_term_create_update_and_link_a_goal(now: datetime, cast: Cast) -> None:
    client = api_client(cast.member)
    made = client.post(
        LONG, {"text": "Publish two papers", "target_year": now.year + 3}, "application/json"
    )
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    changed = client.put(
        f"{LONG}/{pk}",
        {"text": "Publish three papers", "target_year": now.year + 3, "status": "reached"},
        "application/json",
    )
    assert changed.status_code == 200
    assert changed.json()["status"] == "reached"
    assert LongTermGoal.objects.get().text == "Publish three papers"
    goal = client.post(
        "/api/v1/goals",
        {"group_id": cast.group.pk, "text": "Draft paper one", "long_term_id": pk},
        "application/json",
    )
    assert goal.status_code == 201, goal.content
    assert goal.json()["long_term_id"] == pk
    assert Goal.objects.get().long_term_id == pk


def test_long_term_of_another_person_is_not_found(now: datetime, cast: Cast) -> None:
    theirs = long_term_add(owner=cast.organizer, text="Run a marathon", target_year=now.year)
    client = api_client(cast.member)
    body = {"text": "Mine now", "target_year": now.year, "status": "open"}
    assert client.put(f"{LONG}/{theirs.pk}", body, "application/json").status_code == 404
    linked = client.post(
        "/api/v1/goals",
        {"group_id": cast.group.pk, "text": "Sneaky", "long_term_id": theirs.pk},
        "application/json",
    )
    assert linked.status_code == 404
    assert not Goal.objects.exists()
    theirs.refresh_from_db()
    assert theirs.text == "Run a marathon"


def test_long_term_bad_input_names_the_field(now: datetime, cast: Cast) -> None:
    client = api_client(cast.member)
    far = client.post(LONG, {"text": "Later", "target_year": now.year + 40}, "application/json")
    assert far.status_code == 422
    assert far.json()["field"] == "target_year"
    empty = client.post(LONG, {"text": " ", "target_year": now.year}, "application/json")
    assert empty.status_code == 422
    assert empty.json()["field"] == "text"
    reader = api_client(cast.member, ["goals:read"])
    body = {"text": "x", "target_year": now.year}
    assert reader.post(LONG, body, "application/json").status_code == 403


def test_meeting_calendar_takes_the_token(now: datetime, cast: Cast) -> None:
    meeting = make_meeting(cast.group, days=3)
    client = api_client(cast.member, ["meetings:read"])
    ics_url = client.get(f"/api/v1/meetings/{meeting.pk}").json()["ics_url"]
    assert ics_url.endswith(f"/api/v1/meetings/{meeting.pk}/calendar.ics")
    response = client.get(ics_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar"
    assert b"BEGIN:VCALENDAR" in response.content
    again = client.get(ics_url, headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304
    assert Client().get(ics_url).status_code == 401
    assert api_client(cast.other_member).get(ics_url).status_code == 404
    assert api_client(cast.member, ["me:read"]).get(ics_url).status_code == 403


def test_an_idempotency_key_is_scoped_to_token_method_and_path(now: datetime, cast: Cast) -> None:
    secret = token_for(cast.member)
    client = Client(headers={"Authorization": f"Bearer {secret}", "Idempotency-Key": "k1"})
    body = {"text": "Same words", "target_year": now.year}
    first = client.post(LONG, body, "application/json")
    replay = client.post(LONG, body, "application/json")
    assert first.status_code == replay.status_code == 201
    assert replay["Idempotent-Replayed"] == "true"
    assert LongTermGoal.objects.count() == 1
    # The same key on another path is another request.
    goal = {"group_id": cast.group.pk, "text": "Same words"}
    assert client.post("/api/v1/goals", goal, "application/json").status_code == 201
    assert Goal.objects.count() == 1
    # ... and another token of the same person does not replay the first's answer.
    other = Client(headers={"Authorization": f"Bearer {token_for(cast.member)}"})
    fresh = other.post(LONG, body, "application/json", headers={"Idempotency-Key": "k1"})
    assert fresh.status_code == 201
    assert "Idempotent-Replayed" not in fresh
    assert LongTermGoal.objects.count() == 2
