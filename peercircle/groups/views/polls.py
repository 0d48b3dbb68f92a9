"""Availability polls: open one, answer every option on a phone, adopt the best."""

import json
from datetime import datetime, time, timedelta
from functools import cache
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import dateformat, timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from peercircle.accounts.http import AuthedRequest
from peercircle.accounts.models import User
from peercircle.groups.access import get_group_for_user, get_poll_for_user
from peercircle.groups.actions import polls as actions
from peercircle.groups.forms import AdoptForm, PollAnswerForm, PollForm
from peercircle.groups.models import OptionKind, Poll, PollAnswer, PollOption
from peercircle.groups.queries import poll_results
from peercircle.lib import versions
from peercircle.lib.zones import zone_for


@require_http_methods(["GET", "POST"])
def poll_new(request: AuthedRequest, pk: int) -> HttpResponse:
    group = get_group_for_user(request.user, pk).group
    form = PollForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        zone = zone_for(group=group)
        deadline = datetime.combine(form.cleaned_data["deadline"], time(23, 59), tzinfo=zone)
        try:
            poll = actions.poll_create(
                group=group,
                author=request.user,
                question=form.cleaned_data["question"],
                deadline=deadline,
                times=[actions.TimeChoice(d, t, n) for d, t, n in form.time_choices()],
                places=[actions.PlaceChoice(k, d) for k, d in form.place_choices()],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, gettext("Poll opened. Your group can answer it now."))
            return redirect("poll_detail", pk=poll.pk)
    status = 422 if form.errors else 200
    return render(request, "groups/poll_new.html", {"group": group, "form": form}, status=status)


def _in_viewer_zone(options: list[PollOption], poll: Poll, viewer: User) -> None:
    """Give each time option `viewer_label`: its next occurrence in the viewer's own zone,
    when that differs from the group's ("" otherwise)."""
    group_zone, own_zone = zone_for(group=poll.group), zone_for(viewer, poll.group)
    today = timezone.now().astimezone(group_zone).date()
    for option in options:
        option.viewer_label = ""  # type: ignore[attr-defined]
        if option.kind != OptionKind.TIME or option.weekday is None or option.time is None:
            continue
        if own_zone.key == group_zone.key:
            continue
        day = today + timedelta(days=(option.weekday - today.weekday()) % 7)
        there = datetime.combine(day, option.time, tzinfo=group_zone).astimezone(own_zone)
        option.viewer_label = gettext("%(when)s your time (%(zone)s)") % {  # type: ignore[attr-defined]
            "when": dateformat.format(there, "l H:i"),
            "zone": own_zone.key,
        }


def _load(poll: Poll) -> list[PollOption]:
    answers = PollAnswer.objects.select_related("user")
    return list(poll.options.prefetch_related(Prefetch("answers", queryset=answers)))


@require_http_methods(["GET", "POST"])
def poll_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """Answer the poll (every option: yes / if need be / no) and see the ranked results."""
    access = get_poll_for_user(request.user, pk)
    poll = access.poll
    can_adopt = access.group_access.is_organizer
    if request.method == "GET":
        return _poll_page(request, poll, can_adopt)
    options = _load(poll)  # read once: the answer form, the results and the adopt form
    form = _answer_form(request, poll, options)
    if form.is_valid():
        try:
            actions.poll_answer(poll=poll, user=request.user, answers=form.answers())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, gettext("Thank you: your answers are saved."))
            return redirect("poll_detail", pk=poll.pk)
    return render_poll(request, poll, can_adopt, form, None, options)


def _answer_form(request: AuthedRequest, poll: Poll, options: list[PollOption]) -> PollAnswerForm:
    mine = {
        option.pk: answer.answer
        for option in options
        for answer in option.answers.all()
        if answer.user_id == request.user.pk
    }
    data = request.POST if request.method == "POST" else None
    return PollAnswerForm(data, poll=poll, initial_answers=mine, options=options)


def _poll_page(request: AuthedRequest, poll: Poll, can_adopt: bool) -> HttpResponse:
    """The poll page as first shown, from cached parts: the header and results the group's
    members share (by role, zone and day), and the viewer's own answers. Forms with their
    CSRF tokens are put around them here."""
    group, viewer, now = poll.group, request.user, timezone.now()
    zone = zone_for(viewer, group).key
    today = now.astimezone(zone_for(group=group)).date()
    group_scope = ("group", group.pk)
    load = cache(lambda: _load(poll))  # read once when both parts are rendered

    def shared() -> str:
        options = load()
        context = _results_context(poll, options, viewer, can_adopt, now)
        results = context["results"]
        best = [r.option.pk if r else None for r in [results.best_time, results.best_place]]
        adopt_fields = ""
        if can_adopt and poll.is_open:  # the best time and place come preselected
            initial = dict(zip(["time_option", "place_option"], best, strict=True))
            adopt = AdoptForm(poll=poll, initial=initial)
            # The fields only: the form tag and its CSRF token are the request's.
            adopt_fields = render_to_string("_form_fields.html", {"form": adopt})
        return json.dumps(
            {
                "header": render_to_string("groups/_poll_header.html", context),
                "results": render_to_string("groups/_poll_results.html", context),
                "adopt_fields": adopt_fields,
            }
        )

    def answer_fields() -> str:
        form = _answer_form(request, poll, load())
        return render_to_string("groups/_poll_answer_fields.html", {"form": form})

    page = json.loads(
        versions.part(
            "poll-page",
            [group_scope],
            shared,
            poll.pk,
            can_adopt,
            poll.deadline < now,
            timezone.get_current_timezone_name(),
            zone,
            today,
        )
    )
    context = {
        "poll": poll,
        "group": group,
        "can_adopt": can_adopt,
        "header": mark_safe(page["header"]),  # noqa: S308 - our templates' output
        "results": mark_safe(page["results"]),  # noqa: S308 - our templates' output
    }
    if poll.takes_answers:  # the viewer's answers: their own part
        context["answer_fields"] = versions.part(
            "poll-answers", [group_scope, ("user", viewer.pk)], answer_fields, poll.pk
        )
    if page.get("adopt_fields"):
        context["adopt_fields"] = mark_safe(page["adopt_fields"])  # noqa: S308 - as above
    return render(request, "groups/poll_detail.html", context)


def _results_context(
    poll: Poll, options: list[PollOption], viewer: User, can_adopt: bool, now: datetime
) -> dict[str, Any]:
    _in_viewer_zone(options, poll, viewer)
    members = list(User.objects.filter(memberships__group=poll.group))
    return {
        "poll": poll,
        "group": poll.group,
        "can_adopt": can_adopt,
        "results": poll_results(options, members),
        "member_count": len(members),
        "now": now,  # the same moment the page's cache key was taken at
    }


def render_poll(
    request: AuthedRequest,
    poll: Poll,
    can_adopt: bool,
    form: PollAnswerForm,
    adopt: AdoptForm | None,
    options: list[PollOption] | None = None,
) -> HttpResponse:
    """The poll page with a refused answer form or (`adopt`) a refused adopt form and their
    errors, rendered afresh."""
    options = _load(poll) if options is None else options
    context = _results_context(poll, options, request.user, can_adopt, timezone.now())
    results = context["results"]
    if adopt is None:  # the best time and place come preselected: adopting is one click
        best = [results.best_time, results.best_place]
        initial = dict(
            zip(
                ["time_option", "place_option"],
                [r.option.pk if r else None for r in best],
                strict=True,
            )
        )
        adopt = AdoptForm(poll=poll, options=options, initial=initial)
    context |= {
        "form": form,
        "adopt_form": adopt,
        "header": render_to_string("groups/_poll_header.html", context),
        "answer_fields": render_to_string("groups/_poll_answer_fields.html", {"form": form}),
        "results": render_to_string("groups/_poll_results.html", context),
    }
    status = 422 if form.errors or adopt.errors else 200
    return render(request, "groups/poll_detail.html", context, status=status)
