"""Me, my groups and their members (names only)."""

from datetime import datetime

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema

from peercircle.api.auth import require
from peercircle.api.http import PAGE_DEFAULT, PAGE_MAX, Id, page, read
from peercircle.api.problems import ApiProblem
from peercircle.groups.access import get_group_for_user
from peercircle.groups.models import Group, Membership

router = Router(tags=["me and groups"])


class MeOut(Schema):
    id: int
    email: str
    display_name: str
    timezone: str


class GroupOut(Schema):
    id: int
    name: str
    program_id: Id | None
    role: str
    timezone: str
    created_at: datetime


class GroupPage(Schema):
    items: list[GroupOut]
    next_cursor: str | None


class MemberOut(Schema):
    name: str
    role: str


class MembersOut(Schema):
    group_id: Id
    members: list[MemberOut]


@router.get("/me", response={200: MeOut, 304: None})
def me(request: HttpRequest) -> HttpResponse:
    user = require(request, "me:read")
    return read(
        request,
        MeOut(id=user.pk, email=user.email, display_name=user.name, timezone=user.timezone),
    )


def _group_out(membership: Membership) -> GroupOut:
    group: Group = membership.group
    return GroupOut(
        id=group.pk,
        name=group.name,
        program_id=group.program_id,
        role=membership.role,
        timezone=group.timezone,
        created_at=group.created_at,
    )


@router.get("/groups", response={200: GroupPage, 304: None})
def groups(
    request: HttpRequest, cursor: str | None = None, limit: int = PAGE_DEFAULT
) -> HttpResponse:
    user = require(request, "groups:read")
    limit = _limit(limit)
    # The caller's own memberships: exactly the groups get_group_for_user lets them see.
    memberships = Membership.objects.filter(user=user).select_related("group")
    result = page(memberships, cursor, limit, _group_out)
    # Pagination runs on membership pk; the cursor stays opaque to the client.
    return read(request, GroupPage(**result))


@router.get("/groups/{group_id}/members", response={200: MembersOut, 304: None})
def group_members(request: HttpRequest, group_id: Id) -> HttpResponse:
    user = require(request, "groups:read")
    access = get_group_for_user(user, group_id)
    members = Membership.objects.filter(group=access.group).select_related("user").order_by("pk")
    return read(
        request,
        MembersOut(
            group_id=access.group.pk,
            members=[MemberOut(name=m.user.name, role=m.role) for m in members],
        ),
    )


def _limit(limit: int) -> int:
    if not 1 <= limit <= PAGE_MAX:
        raise ApiProblem(400, "Bad limit", f"limit runs from 1 to {PAGE_MAX}.", field="limit")
    return limit
