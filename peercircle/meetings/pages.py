"""What the meetings app adds to the dashboard and the group page (see groups/pages.py)."""

from datetime import datetime, timedelta
from typing import Any

from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext

from peercircle.accounts.models import User
from peercircle.groups.access import GroupAccess
from peercircle.groups.models import Group, Membership
from peercircle.groups.pages import DASHBOARD_UNTIL
from peercircle.lib.clocked_parts import earliest
from peercircle.lib.svg import bars, heatmap
from peercircle.meetings import queries
from peercircle.meetings.models import RUN_STARTED, EndsAt, Meeting, Phase, Schedule


def dashboard_part(
    user: User, memberships: list[Membership], loaded: dict[str, Any]
) -> dict[str, Any]:
    """Each group's row with the meeting to come to (one under way first, else the next) and
    what its schedule says ("" before it has one: the row then says it is not scheduled).

    Two queries however many groups and meetings: the database finds each group's next one.
    """
    group_ids = [m.group_id for m in memberships]
    if not group_ids:
        return {}
    now = timezone.now()
    ahead = Meeting.objects.ahead(now).filter(group_id=OuterRef("pk")).order_by("starts_at")
    firsts = Group.objects.filter(pk__in=group_ids).annotate(first=Subquery(ahead.values("pk")[:1]))
    found = Meeting.objects.filter(pk__in=firsts.values("first")).select_related("run")
    by_group = {meeting.group_id: meeting for meeting in found}
    schedules = {
        s.group_id: queries.schedule_describe(s)
        for s in Schedule.objects.filter(group_id__in=group_ids)
    }
    # The row changes by the clock when its meeting starts, and when it ends (the next one
    # comes); one its host started stays under way until they finish it (a write).
    moments = [
        moment
        for meeting in found
        if meeting.run_status() not in RUN_STARTED
        for moment in (meeting.starts_at, meeting.ends_at)
    ]
    return {
        "rows": [(m, by_group.get(m.group_id), schedules.get(m.group_id, "")) for m in memberships],
        DASHBOARD_UNTIL: earliest(*moments),
    }


def group_page_part(access: GroupAccess, memberships: list[Membership]) -> dict[str, Any]:
    """The schedule, the meetings and the insights; the same for every member with the same
    role (the nudge is given for each member: the page picks the viewer's)."""
    group = access.group
    context: dict[str, Any] = {
        **queries.group_schedule_panel(group, len(memberships)),
        **meeting_lists(group),
        **insights_section(group, access.user, [m.user for m in memberships]),
        "first_steps": queries.first_steps(group, len(memberships)) if access.is_organizer else [],
    }
    return context


def group_page_moments(group: Group, start: datetime, end: datetime) -> list[datetime]:
    """When, between `start` and `end`, the clock alone changes what `group_page_part` shows:
    a meeting starts (under way, past) or ends (ahead no more, held)."""
    rows = (
        Meeting.objects.filter(group=group, starts_at__lt=end)
        .alias(ends=EndsAt(F("starts_at"), F("duration_minutes")))
        .filter(ends__gte=start)
        .values_list("starts_at", "duration_minutes")
    )
    moments = []
    for starts_at, minutes in rows:
        moments += [starts_at, starts_at + timedelta(minutes=minutes)]
    return [moment for moment in moments if start <= moment < end]


def meeting_lists(group: Group) -> dict[str, list[Meeting]]:
    """Meetings ahead (one under way first, marked so) and the last six that are over."""
    now = timezone.now()
    ahead = list(group.meetings.ahead(now).select_related("host", "run")[:12])
    phases = [meeting.phase(now) for meeting in ahead]
    for meeting, phase in zip(ahead, phases, strict=True):
        meeting.under_way = phase == Phase.UNDER_WAY  # type: ignore[attr-defined]
    under_way = phases.count(Phase.UNDER_WAY)
    shown = ahead[: under_way + 4]
    past = group.meetings.past().select_related("host", "run")[: 6 + under_way]
    return {
        "upcoming": shown,
        "past": [m for m in past if m not in ahead][:6],
    }


def insights_section(group: Group, viewer: User, people: list[User]) -> dict[str, Any]:
    """The group page's section: balance matrix heat map, time shares, venting, nudges."""
    insights = queries.group_insights(group, viewer, people)
    if not insights.meetings:
        return {"insights": insights}
    names = [u.name.split(" ")[0] for u in insights.people]
    return {
        "insights": insights,
        "heatmap": heatmap(
            names,
            names,
            insights.matrix,
            title=gettext("Who commented on whose slot (rows comment on columns)"),
        ),
        "share_bars": bars(
            [u.name for u, _ in insights.shares],
            [round(seconds / 60) for _, seconds in insights.shares],
            unit=gettext("min"),
            title=gettext("Presenting time per member"),
        ),
        "matrix_rows": list(zip(insights.people, insights.matrix, strict=True)),
        # The page is shared by the group's members: each one's nudge, by user id.
        "nudge_texts": {
            pk: _nudge_text(people) for pk, people in insights.nudges_by_person.items()
        },
    }


def _nudge_text(people: list[User]) -> str:
    if not people:
        return ""
    # "A, B or C": the list's last separator is translated with the sentence around it.
    names = get_text_list([person.name for person in people], gettext("or"))
    return gettext(
        "Gentle nudge: you have not commented on the slots of %(names)s in the last few "
        "meetings. Everyone's view helps."
    ) % {"names": names}
