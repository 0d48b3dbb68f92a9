"""Me, groups and meetings through the API: every role, every scope, no leaks."""

from datetime import datetime

import pytest

from peercircle.accounts.models import User
from peercircle.meetings.models import CheckIn, Rsvp
from tests.api.conftest import api_client
from tests.conftest import Cast, make_meeting, make_user

ROLES = ["organizer", "member", "other_member", "coordinator", "outsider"]
# The group's content, as on the pages: outsiders 404, the program's coordinator 403.
GROUP_CONTENT = {
    "organizer": 200,
    "member": 200,
    "host": 200,
    "other_member": 404,
    "coordinator": 403,
    "other_coordinator": 404,
    "outsider": 404,
    "anonymous": 401,
}


def person(cast: Cast, role: str) -> User | None:
    if role == "anonymous":
        return None
    if role == "host":
        return cast.member  # the meetings below are hosted by the member
    if role == "other_coordinator":
        from peercircle.programs.actions.program import program_create

        other = make_user("othercoord@example.org")
        program_create(name="Other program", coordinators=[other])
        return other
    user: User = getattr(cast, role)
    return user


@pytest.mark.parametrize(("role", "status"), GROUP_CONTENT.items())
def test_group_members_by_role(now: datetime, cast: Cast, role: str, status: int) -> None:
    response = api_client(person(cast, role)).get(f"/api/v1/groups/{cast.group.pk}/members")
    assert response.status_code == status
    if status == 200:
        assert response.json()["members"] == [
            {"name": "Olu Organizer", "role": "organizer"},
            {"name": "Mina Member", "role": "member"},
        ]
        assert "@" not in response.content.decode()  # names only, no addresses
    else:
        assert "Mina" not in response.content.decode()


@pytest.mark.parametrize(("role", "status"), GROUP_CONTENT.items())
def test_meeting_by_role(now: datetime, cast: Cast, role: str, status: int) -> None:
    meeting = make_meeting(cast.group, days=3, host=cast.member)
    response = api_client(person(cast, role)).get(f"/api/v1/meetings/{meeting.pk}")
    assert response.status_code == status
    if status == 200:
        body = response.json()
        assert datetime.fromisoformat(body["starts_at"]) == meeting.starts_at  # with its offset
        assert body["ics_url"].endswith(f"/meetings/{meeting.pk}/calendar.ics")


@pytest.mark.parametrize("role", ROLES)
def test_lists_hold_only_my_groups(now: datetime, cast: Cast, role: str) -> None:
    make_meeting(cast.group, days=3)
    make_meeting(cast.other_group, days=4)
    client = api_client(person(cast, role))
    groups = client.get("/api/v1/groups").json()["items"]
    meetings = client.get("/api/v1/meetings").json()["items"]
    expected = {
        "organizer": [cast.group.pk],
        "member": [cast.group.pk],
        "other_member": [cast.other_group.pk],
    }.get(role, [])
    assert [g["id"] for g in groups] == expected
    assert sorted({m["group_id"] for m in meetings}) == expected


@pytest.mark.parametrize(
    ("url", "scope"),
    [
        ("/api/v1/me", "me:read"),
        ("/api/v1/groups", "groups:read"),
        ("/api/v1/meetings", "meetings:read"),
    ],
)
def test_a_token_without_the_scope_is_refused(
    now: datetime, cast: Cast, url: str, scope: str
) -> None:
    others = [s for s in ["me:read", "groups:read", "meetings:read"] if s != scope]
    refused = api_client(cast.member, others).get(url)
    assert refused.status_code == 403
    assert scope in refused.json()["detail"]
    assert api_client(cast.member, [scope]).get(url).status_code == 200


@pytest.mark.parametrize(("role", "status"), GROUP_CONTENT.items())
def test_rsvp_by_role(now: datetime, cast: Cast, role: str, status: int) -> None:
    meeting = make_meeting(cast.group, days=3, host=cast.organizer)
    response = api_client(person(cast, role)).put(
        f"/api/v1/meetings/{meeting.pk}/rsvp",
        {"answer": "going", "note": "a bit late"},
        content_type="application/json",
    )
    assert response.status_code == status
    assert Rsvp.objects.filter(meeting=meeting).count() == (1 if status == 200 else 0)


def test_rsvp_needs_the_write_scope_and_valid_input(now: datetime, cast: Cast) -> None:
    meeting = make_meeting(cast.group, days=3)
    url = f"/api/v1/meetings/{meeting.pk}/rsvp"
    read_only = api_client(cast.member, ["meetings:read"])
    assert (
        read_only.put(url, {"answer": "going"}, content_type="application/json").status_code == 403
    )
    bad = api_client(cast.member).put(url, {"answer": "perhaps"}, content_type="application/json")
    assert bad.status_code == 422
    assert bad["Content-Type"] == "application/problem+json"
    assert bad.json()["field"] == "answer"


def test_checkin_is_mine_only(now: datetime, cast: Cast) -> None:
    meeting = make_meeting(cast.group, days=3)
    url = f"/api/v1/meetings/{meeting.pk}/checkin"
    member = api_client(cast.member)
    saved = member.put(
        url,
        {"response": "feedback", "minutes": 12, "topic": "draft"},
        content_type="application/json",
    )
    assert saved.status_code == 200
    assert member.get(url).json()["topic"] == "draft"
    # The organizer of the same group does not read the member's check-in through the API.
    assert api_client(cast.organizer).get(url).status_code == 404
    assert api_client(cast.coordinator).get(url).status_code == 403
    assert CheckIn.objects.count() == 1


def test_etag_answers_304_when_unchanged(now: datetime, cast: Cast) -> None:
    client = api_client(cast.member)
    first = client.get("/api/v1/me")
    again = client.get("/api/v1/me", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_cursor_pagination_walks_every_meeting_once(now: datetime, cast: Cast) -> None:
    made = [make_meeting(cast.group, days=day).pk for day in range(1, 6)]
    client = api_client(cast.member)
    seen: list[int] = []
    cursor = ""
    while True:
        body = client.get("/api/v1/meetings", {"limit": "2", "cursor": cursor}).json()
        seen += [m["id"] for m in body["items"]]
        if body["next_cursor"] is None:
            break
        cursor = body["next_cursor"]
    assert seen == made
    bad = client.get("/api/v1/meetings", {"cursor": "!!"})
    assert bad.status_code == 400 and bad.json()["field"] == "cursor"


def test_rate_limit_answers_429_with_retry_after(
    now: datetime, cast: Cast, settings: object
) -> None:
    settings.API_RATE_LIMIT_PER_MINUTE = 3  # type: ignore[attr-defined]
    client = api_client(cast.member)
    statuses = [client.get("/api/v1/me").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get("/api/v1/me")
    assert 1 <= int(limited["Retry-After"]) <= 60
    # Another token of the same person has its own budget.
    assert api_client(cast.member).get("/api/v1/me").status_code == 200
