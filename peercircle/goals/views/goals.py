"""Setting and editing goals, with SMART guidance; the member's and the group's goal lists."""

import re
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peercircle.accounts.http import AuthedRequest
from peercircle.accounts.models import User
from peercircle.goals import actions, queries
from peercircle.goals.access import (
    get_goal_for_user,
    get_long_term_for_user,
    get_meeting_in_group,
)
from peercircle.goals.charts import completion_chart
from peercircle.goals.forms import GoalForm
from peercircle.goals.guidance import guide
from peercircle.goals.models import LongTermGoal
from peercircle.groups.access import GroupAccess, get_group_for_user
from peercircle.groups.models import Group
from peercircle.lib import versions
from peercircle.meetings.models import Meeting


def _own_long_term(user: User, raw: str) -> LongTermGoal | None:
    """The long-term goal named in the form if it is the caller's; anyone else's is ignored."""
    if not raw.isdigit():
        return None
    try:
        return get_long_term_for_user(user, int(raw)).long_term
    except Http404:  # someone else's, or gone: the form simply has no link
        return None


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
    meeting = get_meeting_in_group(group, request.GET.get("meeting", ""))
    after = meeting.starts_at if meeting else timezone.now()
    default_due = actions.default_due_date(group, after=after)
    next_meeting = _meeting_day(actions.next_meeting_after(group, after))
    due_help = gettext("Leave empty for the next meeting (%(date)s) or a date in your goal.") % {
        "date": date_format(default_due, pgettext("date format", "D d M Y"))
    }
    form, saving = _goal_form(request, due_help=due_help)
    if saving and form.is_valid():
        try:
            _save_new_goal(request, group, meeting, form, next_meeting)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, gettext("Goal saved. Add another, or go back."))
            return redirect(request.get_full_path())
    text = form.data.get("text", "") if form.is_bound else ""
    long_term = _own_long_term(
        request.user, form.data.get("long_term", "") if form.is_bound else ""
    )
    context = {
        "group": group,
        "meeting": meeting,
        "form": form,
        "guidance": guide(
            text, today=timezone.localdate(), long_term=long_term, next_meeting=next_meeting
        ),
        "next_meeting": next_meeting,
        "back": reverse("meeting_detail", args=[meeting.pk]) if meeting else reverse("my_goals"),
    }
    status = 422 if form.errors else 200
    return render(request, "goals/goal_new.html", context, status=status)


def _meeting_day(meeting: Meeting | None) -> date | None:
    return timezone.localdate(meeting.starts_at) if meeting else None


def _posted_date(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def _save_new_goal(
    request: AuthedRequest,
    group: Group,
    meeting: Meeting | None,
    form: GoalForm,
    next_meeting: date | None,
) -> None:
    due_on: date | None = form.cleaned_data["due_on"]
    if due_on is None:  # a date named in the text wins over the next meeting's
        due_on = guide(
            form.cleaned_data["text"],
            today=timezone.localdate(),
            long_term=None,
            next_meeting=next_meeting,
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
    # The form posts the next meeting's date it was rendered with; it only shapes the advice.
    next_meeting = _posted_date(request.POST.get("next_meeting", ""))
    guidance = guide(
        text, today=timezone.localdate(), long_term=long_term, next_meeting=next_meeting
    )
    return render(request, "goals/_guidance.html", {"guidance": guidance, "swap": True})


@require_http_methods(["GET", "POST"])
def goal_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    goal = get_goal_for_user(request.user, pk, write=True).goal
    if not goal.is_open:
        messages.info(
            request, gettext("This goal has been reviewed; its text and date stay as set.")
        )
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
            messages.success(request, gettext("Goal updated."))
            return redirect("my_goals")
    text = form.data.get("text", goal.text) if form.is_bound else goal.text
    next_meeting = _meeting_day(actions.next_meeting_after(goal.group, timezone.now()))
    context = {
        "goal": goal,
        "form": form,
        "guidance": guide(
            text, today=timezone.localdate(), long_term=goal.long_term, next_meeting=next_meeting
        ),
        "next_meeting": next_meeting,
    }
    return render(request, "goals/goal_edit.html", context, status=422 if form.errors else 200)


@require_GET
def my_goals(request: AuthedRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()  # "overdue" and the year's link move with the local date
    read: dict[str, Any] = {}  # the page's rows, when listing its groups needed them

    def group_ids() -> str:
        read.update(_my_goals_context(user, today))
        shown = {g.pk for g in read["groups"]} | {g.group_id for g in read["goals"]}
        return ",".join(str(pk) for pk in sorted(shown))

    # The groups whose names the page shows: the person's own and those of their goals.
    # Membership and goal writes replace the person's token, so the list is kept under it.
    listed = versions.part("my-goal-groups", [("user", user.pk)], group_ids)
    if read:  # rows read before the page's tokens were: shown, not kept
        body = render_to_string("goals/_my_goals.html", read)
    else:
        scopes = [("user", user.pk), *(("group", int(pk)) for pk in listed.split(",") if pk)]
        body = versions.part(
            "my-goals",
            scopes,
            lambda: render_to_string("goals/_my_goals.html", _my_goals_context(user, today)),
            today,
        )
    return render(request, "goals/my_goals.html", {"body": body})


def _my_goals_context(user: User, today: date) -> dict[str, Any]:
    goals = queries.my_goals(user)
    progress = queries.long_term_progress(user)
    return {
        "goals": goals,
        "open_goals": [g for g in goals if g.is_open],
        "reviewed_goals": [g for g in goals if not g.is_open],
        "groups": list(Group.objects.filter(memberships__user=user)),
        "reached": queries.long_term_reached(progress),
        "long_term_total": len(progress),
        "this_year": today.year,
        "today": today,
    }


@require_GET
def group_goals(request: AuthedRequest, group_pk: int) -> HttpResponse:
    access = get_group_for_user(request.user, group_pk)
    today = timezone.localdate()  # the chart's six months end in the viewer's month
    rows = versions.part(
        "group-goals", [("group", access.group.pk)], lambda: _group_goal_rows(access, today), today
    )
    own = f"<!--member:{request.user.pk}:private-->"
    if own in rows:  # the viewer has private goals here: their own row shows them
        rows = _with_own_row(rows, access, own)
    body = mark_safe(_ROW_MARK.sub("", rows))  # noqa: S308 - only our comments are removed
    return render(request, "goals/group_goals.html", {"group": access.group, "body": body})


# Around each row with private goals in the shared part (goals/_group_goals.html).
_ROW_MARK = re.compile(r"<!--/?member:\d+(?::private)?-->")


def _group_goal_rows(access: GroupAccess, today: date) -> str:
    """The group's goals page as every member sees it: others' private goals counted. Rows
    with private goals are marked, so their owner's own row can take their place."""
    periods = queries.group_completion(access.group, today=today)
    title = gettext("%(group)s: goals completed") % {"group": access.group.name}
    context = {
        "group": access.group,
        "rows": queries.group_open_goals(access.group, None),
        "periods": periods,
        "chart": completion_chart(periods, chart_id="group-rate", title=title),
    }
    return render_to_string("goals/_group_goals.html", context)


def _with_own_row(page: str, access: GroupAccess, start: str) -> SafeString:
    """The shared page with the viewer's row as they see it: their private goals shown."""
    user = access.user
    own = versions.part(
        "group-goals-own",
        [("group", access.group.pk), ("user", user.pk)],
        lambda: render_to_string(
            "goals/_group_goals_row.html", {"row": queries.own_open_goals(access.group, user)}
        ),
    )
    before, rest = page.split(start, 1)
    _, after = rest.split(f"<!--/member:{user.pk}-->", 1)
    return mark_safe(before + own + after)  # noqa: S308 - parts of our own templates
