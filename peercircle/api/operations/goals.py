"""My goals: list, create, record how one went. Only the caller's own goals, ever."""

from datetime import date, datetime
from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema

from peercircle.api.auth import require
from peercircle.api.http import PAGE_DEFAULT, Id, idempotent, page, read
from peercircle.api.operations.people import _limit
from peercircle.goals.access import get_goal_for_user, get_goal_review_for_user
from peercircle.goals.actions import goal_review, goal_set
from peercircle.goals.models import Goal
from peercircle.groups.access import get_group_for_user

router = Router(tags=["goals"])


class GoalOut(Schema):
    id: int
    group_id: Id
    text: str
    due_on: date
    status: str
    private: bool
    reviewed_at: datetime | None


class GoalPage(Schema):
    items: list[GoalOut]
    next_cursor: str | None


class GoalIn(Schema):
    group_id: Id
    text: str
    due_on: date | None = None
    private: bool = False


class GoalStatusIn(Schema):
    status: Literal["done", "partly", "not_done", "dropped", "carried_over"]
    meeting_id: Id
    note: str = ""


def _goal_out(goal: Goal) -> GoalOut:
    return GoalOut(
        id=goal.pk,
        group_id=goal.group_id,
        text=goal.text,
        due_on=goal.due_on,
        status=goal.status,
        private=goal.private,
        reviewed_at=goal.reviewed_at,
    )


@router.get("/goals", response={200: GoalPage, 304: None})
def goals(
    request: HttpRequest, cursor: str | None = None, limit: int = PAGE_DEFAULT
) -> HttpResponse:
    user = require(request, "goals:read")
    limit = _limit(limit)
    # The caller's own goals in groups they still belong to: never anyone else's.
    mine = Goal.objects.filter(owner=user, group__memberships__user=user)
    return read(request, GoalPage(**page(mine, cursor, limit, _goal_out)))


@router.post("/goals", response={201: GoalOut})
def goal_create(request: HttpRequest, body: GoalIn) -> HttpResponse:
    user = require(request, "goals:write")

    def create() -> tuple[int, GoalOut]:
        access = get_group_for_user(user, body.group_id)
        goal = goal_set(
            owner=user, group=access.group, text=body.text, due_on=body.due_on, private=body.private
        )
        return 201, _goal_out(goal)

    return idempotent(request, create)


@router.put("/goals/{goal_id}/status", response={200: GoalOut})
def goal_status(request: HttpRequest, goal_id: Id, body: GoalStatusIn) -> GoalOut:
    user = require(request, "goals:write")
    get_goal_for_user(user, goal_id, write=True)  # the owner only, through the API
    access = get_goal_review_for_user(user, goal_id, body.meeting_id)
    goal = goal_review(
        goal=access.goal, status=body.status, note=body.note, meeting=access.meeting, by=user
    )
    return _goal_out(goal)
