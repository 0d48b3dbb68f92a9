from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peercircle.accounts.models import User
from peercircle.goals import actions, queries
from peercircle.goals.access import (
    get_goal_for_user,
    get_goal_review_for_user,
    get_long_term_for_user,
    get_success_for_user,
)
from peercircle.goals.charts import Bar, progress_bar, rate_bars
from peercircle.goals.export import export_user_goals, write_goals_csv
from peercircle.goals.forms import GoalForm, LongTermEditForm, LongTermForm, ReviewForm, SuccessForm
from peercircle.goals.guidance import guide
from peercircle.goals.models import Goal, GoalStatus, LongTermGoal
from peercircle.groups.access import get_group_for_user
from peercircle.groups.models import Group
from peercircle.accounts.http import AuthedRequest
from peercircle.meetings.models import Meeting

# ---------------------------------------------------------------------------------------
# Setting and editing goals


def _meeting_of(request: AuthedRequest, group: Group) -> Meeting | None:
    """The meeting named by ?meeting= if it is this group's; goals set outside one have none."""
    raw = request.GET.get("meeting", "")
    if not raw.isdigit():
        return None
    meeting = Meeting.objects.filter(pk=int(raw), group=group).first()
    if meeting is None:
        raise Http404("No such meeting")
    return meeting


def _own_long_term(user: User, raw: str) -> LongTermGoal | None:
    if not raw.isdigit():
        return None
    return LongTermGoal.objects.filter(pk=int(raw), owner=user).first()


def _goal_form(request: AuthedRequest, **kwargs: Any) -> tuple[GoalForm, bool]:
    """The goal form, and whether this request saves it.

    The one-tap rewrite without JavaScript posts `use_rewrite`: the form comes back with the
    new wording in place and nothing is saved.
    """
    if request.method != "POST":
        return GoalForm(owner=request.user, **kwargs), False
    data = request.POST.copy()
    rewrite = data.get("use_rewrite", "")
    if rewrite:
        data["text"] = rewrite
    return GoalForm(data, owner=request.user, **kwargs), not rewrite


@require_http_methods(["GET", "POST"])
def goal_new(request: AuthedRequest, group_pk: int) -> HttpResponse:
    """Set a goal for the next period, with SMART guidance while typing (never a gate)."""
    group = get_group_for_user(request.user, group_pk).group
    meeting = _meeting_of(request, group)
    after = meeting.starts_at if meeting else timezone.now()
    default_due = actions.default_due_date(group, after=after)
    due_help = (
        f"Leave empty for the next meeting ({default_due:%a %d %b %Y}) or a date in your goal."
    )
    form, saving = _goal_form(request, due_help=due_help)
    if saving and form.is_valid():
        try:
            _save_new_goal(request, group, meeting, form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Goal saved. Add another, or go back.")
            return redirect(request.get_full_path())
    text = form.data.get("text", "") if form.is_bound else ""
    long_term = _own_long_term(
        request.user, form.data.get("long_term", "") if form.is_bound else ""
    )
    context = {
        "group": group,
        "meeting": meeting,
        "form": form,
        "guidance": guide(text, today=timezone.localdate(), long_term=long_term),
        "back": reverse("meeting_detail", args=[meeting.pk]) if meeting else reverse("my_goals"),
    }
    status = 422 if form.errors else 200
    return render(request, "goals/goal_new.html", context, status=status)


def _save_new_goal(
    request: AuthedRequest, group: Group, meeting: Meeting | None, form: GoalForm
) -> None:
    due_on: date | None = form.cleaned_data["due_on"]
    if due_on is None:  # a date named in the text wins over the next meeting's
        due_on = guide(
            form.cleaned_data["text"], today=timezone.localdate(), long_term=None
        ).deadline
    actions.goal_set(
        owner=request.user,
        group=group,
        text=form.cleaned_data["text"],
        due_on=due_on,
        long_term=form.cleaned_data["long_term"],
        private=form.cleaned_data["private"],
        set_at=meeting,
    )


@require_POST
def goal_guidance(request: AuthedRequest) -> HttpResponse:
    """The SMART guidance fragment for the text typed so far (htmx, debounced)."""
    long_term = _own_long_term(request.user, request.POST.get("long_term", ""))
    text = request.POST.get("text", "")
    guidance = guide(text, today=timezone.localdate(), long_term=long_term)
    return render(request, "goals/_guidance.html", {"guidance": guidance, "swap": True})


@require_http_methods(["GET", "POST"])
def goal_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    goal = get_goal_for_user(request.user, pk, write=True).goal
    if not goal.is_open:
        messages.info(request, "This goal has been reviewed; its text and date stay as set.")
        return redirect("my_goals")
    initial = {
        "text": goal.text,
        "due_on": goal.due_on,
        "long_term": goal.long_term,
        "private": goal.private,
    }
    form, saving = _goal_form(request, initial=initial)
    if saving and form.is_valid():
        try:
            actions.goal_update(
                goal=goal,
                text=form.cleaned_data["text"],
                due_on=form.cleaned_data["due_on"] or goal.due_on,
                long_term=form.cleaned_data["long_term"],
                private=form.cleaned_data["private"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Goal updated.")
            return redirect("my_goals")
    text = form.data.get("text", goal.text) if form.is_bound else goal.text
    context = {
        "goal": goal,
        "form": form,
        "guidance": guide(text, today=timezone.localdate(), long_term=goal.long_term),
    }
    return render(request, "goals/goal_edit.html", context, status=422 if form.errors else 200)


# ---------------------------------------------------------------------------------------
# The review at a meeting


@require_http_methods(["GET", "POST"])
def goal_review(request: AuthedRequest, pk: int, meeting_pk: int) -> HttpResponse:
    """Record a due goal's status and a one-line note, by its owner or the meeting's host."""
    access = get_goal_review_for_user(request.user, pk, meeting_pk)
    goal, meeting = access.goal, access.meeting
    form = ReviewForm(request.POST or None, prefix=f"g{goal.pk}")
    saved = False
    if request.method == "POST" and form.is_valid():
        try:
            actions.goal_review(
                goal=goal,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                meeting=meeting,
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if not request.htmx:
                return redirect("meeting_detail", pk=meeting.pk)
            saved = True
            form = ReviewForm(prefix=f"g{goal.pk}")
    context = {
        "item": queries.ReviewGoal(goal=goal, can_review=True),
        "meeting": meeting,
        "form": form,
        "saved": saved,
        "carried_to": _carried_to(goal) if saved else None,
    }
    template = "goals/_review_goal.html" if request.htmx else "goals/goal_review.html"
    return render(request, template, context, status=422 if form.errors else 200)


def _carried_to(goal: Goal) -> Goal | None:
    if goal.status != GoalStatus.CARRIED_OVER:
        return None
    return Goal.objects.filter(carried_from=goal).first()


# ---------------------------------------------------------------------------------------
# Lists, long-term goals, successes


@require_GET
def my_goals(request: AuthedRequest) -> HttpResponse:
    goals = queries.my_goals(request.user)
    progress = queries.long_term_progress(request.user)
    context = {
        "open_goals": [g for g in goals if g.is_open],
        "reviewed_goals": [g for g in goals if not g.is_open][:30],
        "groups": Group.objects.filter(memberships__user=request.user),
        "reached": queries.long_term_reached(progress),
        "long_term_total": len(progress),
        "this_year": timezone.localdate().year,
        "today": timezone.localdate(),
    }
    return render(request, "goals/my_goals.html", context)


@require_GET
def group_goals(request: AuthedRequest, group_pk: int) -> HttpResponse:
    access = get_group_for_user(request.user, group_pk)
    periods = queries.group_completion(access.group)
    context = {
        "group": access.group,
        "rows": queries.group_open_goals(access.group, access.membership),
        "periods": periods,
        "chart": _rate_chart(periods, "group-rate", f"{access.group.name}: goals completed"),
    }
    return render(request, "goals/group_goals.html", context)


@require_http_methods(["GET", "POST"])
def long_term_list(request: AuthedRequest) -> HttpResponse:
    """The member's long-term list; only they ever see it."""
    form = LongTermForm(
        request.POST or None, initial={"target_year": timezone.localdate().year + 5}
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.long_term_add(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Added to your long-term list.")
            return redirect("long_term_list")
    progress = queries.long_term_progress(request.user)
    reached = queries.long_term_reached(progress)
    context = {
        "form": form,
        "progress": progress,
        "reached": reached,
        "chart": progress_bar(
            reached=reached, total=len(progress), chart_id="long-term", title="Long-term list"
        ),
    }
    return render(request, "goals/long_term_list.html", context, status=422 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def long_term_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    goal = get_long_term_for_user(request.user, pk)
    initial = {"text": goal.text, "target_year": goal.target_year, "status": goal.status}
    form = LongTermEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.long_term_update(goal=goal, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Long-term goal updated.")
            return redirect("long_term_list")
    status = 422 if form.errors else 200
    return render(request, "goals/long_term_edit.html", {"goal": goal, "form": form}, status=status)


@require_http_methods(["GET", "POST"])
def success_new(request: AuthedRequest, group_pk: int) -> HttpResponse:
    group = get_group_for_user(request.user, group_pk).group
    meeting = _meeting_of(request, group)
    form = SuccessForm(request.POST or None, initial={"happened_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            actions.success_add(owner=request.user, group=group, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Success shared with your group.")
            if meeting is not None:
                return redirect("meeting_detail", pk=meeting.pk)
            return redirect("group_detail", pk=group.pk)
    context = {"group": group, "meeting": meeting, "form": form}
    return render(request, "goals/success_new.html", context, status=422 if form.errors else 200)


@require_POST
def success_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    success = get_success_for_user(request.user, pk, write=True)
    meeting = _meeting_of(request, success.group)
    group_pk = success.group_id
    actions.success_delete(success=success)
    messages.success(request, "Success removed.")
    if meeting is not None:
        return redirect("meeting_detail", pk=meeting.pk)
    return redirect("group_detail", pk=group_pk)


# ---------------------------------------------------------------------------------------
# Progress and export


def _rate_chart(
    periods: list[queries.Period], chart_id: str, title: str, *, short: bool = False
) -> str:
    bars = [
        Bar(
            p.start.strftime("%b") if short else p.label,
            p.rate,
            f"{round((p.rate or 0) * 100)}% of {p.counted} goals",
        )
        for p in periods
    ]
    description = "; ".join(
        f"{p.label}: {round(p.rate * 100)}% of {p.counted}"
        if p.rate is not None
        else f"{p.label}: no goals reviewed"
        for p in periods
    )
    return rate_bars(bars, chart_id=chart_id, title=title, description=description)


@require_GET
def my_progress(request: AuthedRequest) -> HttpResponse:
    periods = queries.member_completion(request.user)
    progress = queries.long_term_progress(request.user)
    reached = queries.long_term_reached(progress)
    context = {
        "periods": periods,
        "chart": _rate_chart(periods, "my-rate", "My goals completed, by month due"),
        "progress": progress,
        "reached": reached,
        "long_term_chart": progress_bar(
            reached=reached, total=len(progress), chart_id="my-long-term", title="Long-term list"
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
    context["chart"] = _rate_chart(
        periods, "year-rate", f"My goals completed in {year}", short=True
    )
    context["periods"] = periods
    return render(request, "goals/my_year.html", context)


@require_GET
def goals_export(request: AuthedRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-goals.csv"'
    write_goals_csv(export_user_goals(request.user), response)
    return response
