"""My goals: list, create, record how one went; my long-term list: list, add, update.
Only the caller's own goals, ever."""

from datetime import date, datetime
from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema
from pydantic import Field

from peercircle.api.auth import require
from peercircle.api.http import PAGE_DEFAULT, Id, idempotent, page, read
from peercircle.api.operations.people import _limit
from peercircle.goals.access import (
    get_goal_for_user,
    get_goal_review_for_user,
    get_long_term_for_user,
)
from peercircle.goals.actions import goal_review, goal_set, long_term_add, long_term_update
from peercircle.goals.models import Goal, LongTermGoal
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
    long_term_id: int | None


class GoalPage(Schema):
    items: list[GoalOut]
    next_cursor: str | None


class GoalIn(Schema):
    group_id: Id
    text: str
    due_on: date | None = None
    private: bool = False
    long_term_id: Id | None = None


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
        long_term_id=goal.long_term_id,
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
        long_term = None
        if body.long_term_id is not None:  # one of the caller's own, or 404
            long_term = get_long_term_for_user(user, body.long_term_id).long_term
        goal = goal_set(
            owner=user,
            group=access.group,
            text=body.text,
            due_on=body.due_on,
            private=body.private,
            long_term=long_term,
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


class LongTermOut(Schema):
    id: int
    text: str
    target_year: int
    status: str
    created_at: datetime


class LongTermPage(Schema):
    items: list[LongTermOut]
    next_cursor: str | None


class LongTermIn(Schema):
    text: str
    target_year: int = Field(ge=1, le=9999)


class LongTermUpdateIn(LongTermIn):
    status: Literal["open", "reached", "dropped"]


def _long_term_out(goal: LongTermGoal) -> LongTermOut:
    return LongTermOut(
        id=goal.pk,
        text=goal.text,
        target_year=goal.target_year,
        status=goal.status,
        created_at=goal.created_at,
    )


@router.get("/long-term-goals", response={200: LongTermPage, 304: None})
def long_term_goals(
    request: HttpRequest, cursor: str | None = None, limit: int = PAGE_DEFAULT
) -> HttpResponse:
    user = require(request, "goals:read")
    limit = _limit(limit)
    mine = LongTermGoal.objects.filter(owner=user)  # a long-term list is its owner's alone
    return read(request, LongTermPage(**page(mine, cursor, limit, _long_term_out)))


@router.post("/long-term-goals", response={201: LongTermOut})
def long_term_create(request: HttpRequest, body: LongTermIn) -> HttpResponse:
    user = require(request, "goals:write")

    def create() -> tuple[int, LongTermOut]:
        made = long_term_add(owner=user, text=body.text, target_year=body.target_year)
        return 201, _long_term_out(made)

    return idempotent(request, create)


@router.put("/long-term-goals/{long_term_id}", response={200: LongTermOut})
def long_term_change(request: HttpRequest, long_term_id: Id, body: LongTermUpdateIn) -> LongTermOut:
    user = require(request, "goals:write")
    access = get_long_term_for_user(user, long_term_id)
    changed = long_term_update(
        goal=access.long_term, text=body.text, target_year=body.target_year, status=body.status
    )
    return _long_term_out(changed)
