"""The member's own progress: completion by month, the printable year, the CSV export."""

from datetime import date

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from peercircle.accounts.http import AuthedRequest
from peercircle.goals import queries
from peercircle.goals.charts import completion_chart, progress_bar
from peercircle.goals.export import export_user_goals, write_goals_csv


@require_GET
def my_progress(request: AuthedRequest) -> HttpResponse:
    periods = queries.member_completion(request.user)
    progress = queries.long_term_progress(request.user)
    reached = queries.long_term_reached(progress)
    context = {
        "periods": periods,
        "chart": completion_chart(
            periods, chart_id="my-rate", title=gettext("My goals completed, by month due")
        ),
        "progress": progress,
        "reached": reached,
        "long_term_chart": progress_bar(
            reached=reached,
            total=len(progress),
            chart_id="my-long-term",
            title=gettext("Long-term list"),
        ),
        "this_year": timezone.localdate().year,
    }
    return render(request, "goals/my_progress.html", context)


@require_GET
def my_year(request: AuthedRequest, year: int) -> HttpResponse:
    """One printable page: the year's goals by month, successes and the long-term list."""
    today = timezone.localdate()
    if not today.year - 10 <= year <= today.year:
        raise Http404("No such year")
    context = queries.year_summary(request.user, year)
    last = min(today, date(year, 12, 31))
    periods = queries.member_completion(request.user, months=last.month, today=last)
    context["chart"] = completion_chart(
        periods,
        chart_id="year-rate",
        title=gettext("My goals completed in %(year)d") % {"year": year},
        short=True,
    )
    context["periods"] = periods
    return render(request, "goals/my_year.html", context)


@require_GET
def goals_export(request: AuthedRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-goals.csv"'
    write_goals_csv(export_user_goals(request.user), response)
    return response
