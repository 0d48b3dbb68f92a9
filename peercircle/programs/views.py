from datetime import timedelta

from django.db.models import Count, Min, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from peercircle.lib.http import AuthedRequest
from peercircle.meetings.models import Status
from peercircle.programs.access import get_program_for_user

HEALTH_WINDOW = timedelta(days=90)


@require_GET
def program_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """The coordinator's overview: counts per group, never what a group said."""
    program = get_program_for_user(request.user, pk)
    now = timezone.now()
    groups = program.groups.annotate(
        member_count=Count("memberships", distinct=True),
        held_recently=Count(
            "meetings",
            filter=Q(meetings__status=Status.HELD, meetings__starts_at__gte=now - HEALTH_WINDOW),
            distinct=True,
        ),
        next_meeting=Min(
            "meetings__starts_at",
            filter=Q(meetings__status=Status.SCHEDULED, meetings__starts_at__gte=now),
        ),
    )
    context = {"program": program, "groups": groups, "window_days": HEALTH_WINDOW.days}
    return render(request, "programs/program_detail.html", context)
