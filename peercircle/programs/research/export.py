"""The consented, de-identified research export of a program: one row per consenting member.

A fixed number of queries whatever the size. Only members with a standing consent appear;
departments with fewer consenting members than the floor are merged into "other".
"""

from collections import Counter, defaultdict

from django.conf import settings
from django.db.models import Count, Min, Q

from peercircle.goals.models import Goal, GoalStatus
from peercircle.groups.models import Membership
from peercircle.meetings.models import Attendance, Status
from peercircle.programs.models import Program, ResearchConsent

OTHER = "other"


def consenting(program: Program) -> list[ResearchConsent]:
    return list(
        ResearchConsent.objects.filter(program=program, revoked_at__isnull=True)
        .select_related("user")
        .order_by("study_id")
    )


def research_rows(program: Program, consents: list[ResearchConsent]) -> list[list[str]]:
    """The export's rows (see `dictionary.COLUMNS`), in study id order."""
    floor: int = settings.REPORT_FLOOR
    users = [c.user_id for c in consents]
    joined = dict(
        Membership.objects.filter(group__program=program, user_id__in=users)
        .values("user_id")
        .annotate(first=Min("joined_at"))
        .values_list("user_id", "first")
    )
    attended: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    taken = Attendance.objects.filter(
        meeting__group__program=program, meeting__status=Status.HELD, user_id__in=users
    ).values_list("user_id", "present")
    for user_id, was_there in taken:
        attended[user_id][0] += 1
        attended[user_id][1] += int(was_there)
    goals = {
        row["owner_id"]: row
        for row in Goal.objects.filter(group__program=program, owner_id__in=users)
        .values("owner_id")
        .annotate(
            set=Count("pk"),
            reached=Count("pk", filter=Q(status=GoalStatus.DONE)),
            carried=Count("pk", filter=Q(status=GoalStatus.CARRIED_OVER)),
            dropped=Count("pk", filter=Q(status=GoalStatus.DROPPED)),
        )
    }
    departments = Counter((c.user.department or "").strip().lower() for c in consents)
    rows = []
    for consent in consents:
        user = consent.user
        department = (user.department or "").strip().lower()
        group = department if department and departments[department] >= floor else OTHER
        held, present = attended[user.pk]
        first = joined.get(user.pk)
        mine = goals.get(user.pk, {})
        rows.append(
            [
                consent.study_id,
                user.career_stage or "",
                group,
                first.strftime("%Y-%m") if first else "",
                str(held),
                str(present),
                f"{present / held:.2f}" if held else "",
                str(mine.get("set", 0)),
                str(mine.get("reached", 0)),
                str(mine.get("carried", 0)),
                str(mine.get("dropped", 0)),
            ]
        )
    return rows
