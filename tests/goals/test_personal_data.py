"""A member's goals in their data export, and what deleting the account keeps of them."""

from datetime import datetime

from django.urls import reverse

from peercircle.accounts.actions import account_delete
from peercircle.goals.models import Goal, LongTermGoal
from peercircle.groups.models import Membership, Role
from peercircle.meetings.models import Note
from tests.conftest import Cast, make_meeting
from tests.goals.helpers import make_goal


def test_export_holds_the_callers_goals_and_a_goals_csv(now: datetime, cast: Cast) -> None:
    make_goal(cast.member, cast.group, "Draft the grant aims by Friday", private=True)
    make_goal(cast.organizer, cast.group, "Not mine to export")
    client = cast.client_for(cast.member)
    data = client.get(reverse("account_data_json")).json()
    assert [g["goal"] for g in data["goals"]["goals"]] == ["Draft the grant aims by Friday"]
    response = client.get(reverse("account_data_csv", args=["goals"]))
    assert response.status_code == 200
    body = response.content.decode("utf-8-sig")
    assert "Draft the grant aims by Friday" in body and "Not mine" not in body


def test_deleting_an_account_removes_goals_and_notes_private_or_shared(
    now: datetime,
    cast: Cast,
) -> None:
    meeting = make_meeting(cast.group, days=-7)
    make_goal(cast.member, cast.group, "Shared goal the group reviewed")
    make_goal(cast.member, cast.group, "My private goal", private=True)
    make_goal(cast.organizer, cast.group, "The organizer's goal")
    LongTermGoal.objects.create(owner=cast.member, text="Tenure", target_year=2030)
    Note.objects.create(meeting=meeting, author=cast.member, text="mine only", shared=False)
    Note.objects.create(meeting=meeting, author=cast.member, text="for the group", shared=True)
    account_delete(user=cast.member)
    assert list(Goal.objects.values_list("text", flat=True)) == ["The organizer's goal"]
    assert not LongTermGoal.objects.exists()
    assert not Note.objects.exists()


def test_deleting_the_only_organizer_hands_the_group_to_the_next_member(cast: Cast) -> None:
    account_delete(user=cast.organizer)
    assert Membership.objects.get(group=cast.group, user=cast.member).role == Role.ORGANIZER
