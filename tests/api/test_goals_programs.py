"""Goals and programs through the API: every role, scopes, idempotency, CSV import."""

from datetime import datetime

import pytest

from peercircle.goals.actions import goal_set
from peercircle.goals.models import Goal, GoalStatus
from peercircle.programs.models import SignUp
from tests.api.conftest import api_client
from tests.api.test_people_meetings import GROUP_CONTENT, person
from tests.conftest import Cast, make_meeting

# A program's pages: coordinators 200, its members 403, everyone else 404.
PROGRAM = {
    "coordinator": 200,
    "other_coordinator": 404,
    "organizer": 403,
    "member": 403,
    "other_member": 403,
    "outsider": 404,
    "anonymous": 401,
}
JSON = "application/json"


def test_my_goals_hold_only_mine(now: datetime, cast: Cast) -> None:
    goal_set(owner=cast.member, group=cast.group, text="Write the methods section")
    goal_set(owner=cast.organizer, group=cast.group, text="Submit the abstract")
    mine = api_client(cast.member).get("/api/v1/goals").json()["items"]
    assert [g["text"] for g in mine] == ["Write the methods section"]
    for role in ["coordinator", "outsider", "other_member"]:
        assert api_client(person(cast, role)).get("/api/v1/goals").json()["items"] == []


@pytest.mark.parametrize(("role", "status"), GROUP_CONTENT.items())
def test_goal_create_by_role(now: datetime, cast: Cast, role: str, status: int) -> None:
    response = api_client(person(cast, role)).post(
        "/api/v1/goals", {"group_id": cast.group.pk, "text": "Draft chapter two"}, content_type=JSON
    )
    expected = 201 if status == 200 else status
    assert response.status_code == expected
    assert Goal.objects.count() == (1 if expected == 201 else 0)


def test_goal_create_is_idempotent_and_validates(now: datetime, cast: Cast) -> None:
    client = api_client(cast.member)
    body = {"group_id": cast.group.pk, "text": "Draft chapter two"}
    key = {"Idempotency-Key": "abc-1"}
    first = client.post("/api/v1/goals", body, content_type=JSON, headers=key)
    again = client.post("/api/v1/goals", body, content_type=JSON, headers=key)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Goal.objects.count() == 1
    other_body = client.post("/api/v1/goals", {**body, "text": "x"}, content_type=JSON, headers=key)
    assert other_body.status_code == 422
    empty = client.post("/api/v1/goals", {**body, "text": " "}, content_type=JSON)
    assert empty.status_code == 422 and empty.json()["field"] == "text"
    read_only = api_client(cast.member, ["goals:read"])
    assert read_only.post("/api/v1/goals", body, content_type=JSON).status_code == 403


def test_goal_status_only_by_its_owner(now: datetime, cast: Cast) -> None:
    meeting = make_meeting(cast.group, days=1)
    goal = goal_set(owner=cast.member, group=cast.group, text="Write the methods section")
    url = f"/api/v1/goals/{goal.pk}/status"
    body = {"status": "done", "meeting_id": meeting.pk}
    assert api_client(cast.organizer).put(url, body, content_type=JSON).status_code == 403
    assert api_client(cast.coordinator).put(url, body, content_type=JSON).status_code == 403
    assert api_client(cast.other_member).put(url, body, content_type=JSON).status_code == 404
    done = api_client(cast.member).put(url, body, content_type=JSON)
    assert done.status_code == 200 and done.json()["status"] == "done"
    goal.refresh_from_db()
    assert goal.status == GoalStatus.DONE


@pytest.mark.parametrize(("role", "status"), PROGRAM.items())
@pytest.mark.parametrize("what", ["signups", "groups", "totals"])
def test_program_reads_by_role(
    now: datetime, cast: Cast, role: str, status: int, what: str
) -> None:
    response = api_client(person(cast, role)).get(f"/api/v1/programs/{cast.program.pk}/{what}")
    assert response.status_code == status


def test_totals_keep_the_five_person_floor_and_no_texts(now: datetime, cast: Cast) -> None:
    goal_set(owner=cast.member, group=cast.group, text="A secret plan")
    body = api_client(cast.coordinator).get(f"/api/v1/programs/{cast.program.pk}/totals")
    totals = body.json()
    assert totals["groups_total"] == 2
    assert totals["people_in_groups"] is None  # three people: under the floor
    assert totals["goals_set"] is None
    assert "secret" not in body.content.decode()
    groups = api_client(cast.coordinator).get(f"/api/v1/programs/{cast.program.pk}/groups")
    assert [g["name"] for g in groups.json()["groups"]] == ["Alpha", "Beta"]


CSV = (
    "id,name,email,department,lab,stage,availability,avoid\r\n"
    "a1,Ada,ada@example.org,Physics,Lab A,graduate,{slot},\r\n"
    "a2,Bo,bo@example.org,Chemistry,Lab B,graduate,{slot},a1\r\n"
)


@pytest.mark.parametrize(("role", "status"), PROGRAM.items())
def test_csv_import_by_role(now: datetime, cast: Cast, role: str, status: int) -> None:
    slot = cast.program.slots[0]
    response = api_client(person(cast, role)).post(
        f"/api/v1/programs/{cast.program.pk}/signups/import",
        CSV.format(slot=slot),
        content_type="text/csv",
    )
    assert response.status_code == (201 if status == 200 else status), response.content
    assert SignUp.objects.count() == (2 if status == 200 else 0)


def test_csv_import_is_all_or_nothing_with_line_and_column(now: datetime, cast: Cast) -> None:
    slot = cast.program.slots[0]
    bad = CSV.format(slot=slot).replace("bo@example.org", "not-an-address")
    response = api_client(cast.coordinator).post(
        f"/api/v1/programs/{cast.program.pk}/signups/import", bad, content_type="text/csv"
    )
    assert response.status_code == 422
    problem = response.json()
    assert problem["field"] == "email"
    assert problem["errors"][0]["line"] == 3 and problem["errors"][0]["column"] == 3
    assert SignUp.objects.count() == 0


def test_signup_create_checks_like_a_csv_line(now: datetime, cast: Cast) -> None:
    client = api_client(cast.coordinator)
    url = f"/api/v1/programs/{cast.program.pk}/signups"
    body = {
        "name": "Ada",
        "email": "ada@example.org",
        "stage": "graduate",
        "availability": [cast.program.slots[0]],
    }
    made = client.post(url, body, content_type=JSON)
    assert made.status_code == 201, made.content
    dup = client.post(url, body, content_type=JSON)
    assert dup.status_code == 422 and dup.json()["field"] == "email"
    listed = client.get(url).json()["items"]
    assert [s["email"] for s in listed] == ["ada@example.org"]
    no_write = api_client(cast.coordinator, ["programs:read"])
    assert no_write.post(url, body, content_type=JSON).status_code == 403


def test_csv_import_again_with_an_edit_updates_like_the_import_page(
    now: datetime, cast: Cast
) -> None:
    # The same plan as the page's re-import: matched rows are updated, never duplicated.
    url = f"/api/v1/programs/{cast.program.pk}/signups/import"
    client = api_client(cast.coordinator)
    first = CSV.format(slot=cast.program.slots[0])
    assert client.post(url, first, content_type="text/csv").status_code == 201
    again = client.post(url, first, content_type="text/csv")
    assert again.status_code == 201 and again.json()["imported"] == 0
    edited = first.replace("a2,Bo,", "a2,Bo Brown,")
    changed = client.post(url, edited, content_type="text/csv")
    assert changed.status_code == 201 and changed.json()["imported"] == 1, changed.content
    assert sorted(SignUp.objects.values_list("name", flat=True)) == ["Ada", "Bo Brown"]
