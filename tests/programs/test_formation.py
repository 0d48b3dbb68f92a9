"""Forming groups in the browser: run, review, move, lock and re-form, publish, join."""

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from peercircle import formation as engine
from peercircle.groups.models import Group, Membership, Role
from peercircle.programs.access import get_program_for_user
from peercircle.programs.actions import formation as formation_actions
from peercircle.programs.actions.formation import formation_start
from peercircle.programs.actions.signups import signup_withdraw
from peercircle.programs.models import FormationRun, Program, PublishedPlacement, RunStatus, SignUp
from peercircle.programs.tasks import formation_run_task
from tests.conftest import Cast, make_user
from tests.programs.conftest import formed, make_signups, publish_data


@pytest.fixture
def client(cast: Cast) -> Client:
    return cast.client_for(cast.coordinator)


def page(client: Client, program: Program) -> Any:
    response = client.get(reverse("formation_page", args=[program.pk]))
    assert response.status_code == 200
    return response


def post(client: Client, name: str, program: Program, **data: Any) -> Any:
    return client.post(reverse(name, args=[program.pk]), data, follow=True)


def test_a_small_program_is_formed_in_the_request(client: Client, cast: Cast) -> None:
    make_signups(cast.program, 12, slots=["Weekday lunch", "Weekday evening"])
    post(client, "formation_run", cast.program)
    run = FormationRun.objects.get()
    assert run.status == RunStatus.DONE
    review = page(client, cast.program)
    assert review.context["placed"] == 12 and review.context["group_count"] == 2
    body = review.content.decode()
    assert "Person 3" in body and "Dept 1" in body and "person lab 3" in body
    assert "as spread as possible" in body
    assert "12 of 12 (proved the most possible)" in body
    assert run.result["status"] == "proved" and run.result["complete"] is True


@pytest.mark.parametrize(
    ("status", "proved", "shown"),
    [
        ("best_found", False, "10 of 12 (the most found; at most 11 are possible)"),
        ("cut_short", False, "10 of 12 (cut short by the time limit; at most 11 are possible)"),
    ],
)
def test_the_review_says_when_the_most_placed_is_not_proved(
    client: Client, cast: Cast, status: str, proved: bool, shown: str
) -> None:
    make_signups(cast.program, 12, slots=["Weekday lunch", "Weekday evening"])
    post(client, "formation_run", cast.program)
    run = FormationRun.objects.get()
    # The engine proves this small program; the page shows what an unproved run says.
    first = run.result["groups"][0]
    run.result["unplaced"] += [
        {"signup": pk, "reason": "no group", "fix": None} for pk in first["members"][:2]
    ]
    first["members"] = first["members"][2:]
    run.result.update(status=status, placed_proved=proved, placed_bound=11, complete=False)
    run.save()
    review = page(client, cast.program)
    assert review.status_code == 200
    assert shown in review.content.decode()


def test_the_run_searches_within_the_configured_time_limit(
    client: Client, cast: Cast, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    settings.FORMATION_TIME_LIMIT_SECONDS = 7
    limits = []
    real = engine.form_groups

    def recording(*args: Any, **kwargs: Any) -> engine.Formation:
        limits.append(kwargs["time_limit"])
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "form_groups", recording)
    make_signups(cast.program, 12, slots=["Weekday lunch"])
    post(client, "formation_run", cast.program)
    assert limits == [7]
    assert FormationRun.objects.get().result["status"] == "proved"


def test_a_large_program_is_queued_and_its_progress_polled(
    client: Client, cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    from peercircle.programs.views import formation as formation_views

    monkeypatch.setattr(formation_views, "INLINE_LIMIT", 5)
    make_signups(cast.program, 12)
    post(client, "formation_run", cast.program)
    body = page(client, cast.program).content.decode()
    assert 'hx-trigger="every 1s"' in body
    progress = client.get(reverse("formation_progress", args=[cast.program.pk]))
    assert progress.status_code == 200 and "<progress" in progress.content.decode()
    formation_run_task(FormationRun.objects.get().pk)
    done = client.get(reverse("formation_progress", args=[cast.program.pk]))
    assert done.status_code == 204 and done["HX-Refresh"] == "true"


def test_the_task_reports_the_engines_progress(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    from peercircle.programs import tasks

    seen: list[float] = []
    monkeypatch.setattr(tasks, "REPORT_EVERY", 0.0)
    original = formation_actions.formation_report

    def spy(**kwargs: Any) -> None:
        seen.append(kwargs["progress"])
        original(**kwargs)

    monkeypatch.setattr(formation_actions, "formation_report", spy)
    make_signups(cast.program, 12)
    run = formation_start(
        access=get_program_for_user(cast.coordinator, cast.program.pk), version=None
    )
    formation_run_task(run.pk)
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)


def test_running_a_claimed_run_twice_does_nothing(cast: Cast) -> None:
    make_signups(cast.program, 6)
    run = formed(cast.program, cast.coordinator)
    formation_run_task(run.pk)
    assert FormationRun.objects.get().version == run.version


def test_nobody_placeable_shows_the_reasons_not_a_crash(client: Client, cast: Cast) -> None:
    make_signups(cast.program, 3)  # three people cannot make a group of five
    post(client, "formation_run", cast.program)
    review = page(client, cast.program)
    assert review.context["placed"] == 0
    body = review.content.decode()
    assert "Not placed (3)" in body
    assert "no slot they can make is shared by 4 people" in body


def test_impossible_settings_are_reported_on_the_page(client: Client, cast: Cast) -> None:
    SignUp.objects.bulk_create(
        SignUp(
            program=cast.program,
            name=f"N{i}",
            email=f"n{i}@example.edu",
            stage="graduate",
            availability=["Gone slot"],
            status="confirmed",
        )
        for i in range(6)
    )
    post(client, "formation_run", cast.program)
    run = FormationRun.objects.get()
    assert run.status == RunStatus.FAILED
    assert "nobody gave a meeting slot" in page(client, cast.program).content.decode()


def test_unplaced_people_get_the_engines_suggestion(client: Client, cast: Cast) -> None:
    make_signups(cast.program, 6, slots=["Weekday lunch"])
    (late,) = make_signups(cast.program, 1, slots=["Weekday evening"], prefix="late")
    post(client, "formation_run", cast.program)
    body = page(client, cast.program).content.decode()
    assert "would fit group 1 if they could make Weekday lunch" in body
    assert late.name in body


def test_moving_someone_checks_the_rules_live_then_moves_them(client: Client, cast: Cast) -> None:
    make_signups(cast.program, 12, slots=["Weekday lunch"])
    run = formed(cast.program, cast.coordinator)
    mover = run.result["groups"][0]["members"][0]
    url = reverse("formation_move", args=[cast.program.pk])
    form = client.get(url, {"signup": mover}, headers={"HX-Request": "true"})
    assert form.status_code == 200
    assert "<html" not in form.content.decode() and "Move Person" in form.content.decode()
    check = client.get(
        url,
        {"signup": mover, "to": 2},
        headers={"HX-Request": "true", "HX-Target": "move-check"},
    )
    text = check.content.decode()
    assert "Every rule holds" in text
    assert "Placed 12 → 12" in text
    post(client, "formation_move", cast.program, signup=mover, to=2, version=run.version)
    run.refresh_from_db()
    assert mover in run.result["groups"][1]["members"]
    assert len(run.result["groups"][1]["members"]) == 7


def test_a_move_that_breaks_a_rule_is_named_and_blocks_publishing(
    client: Client, cast: Cast
) -> None:
    make_signups(cast.program, 10, slots=["Weekday lunch"])
    run = formed(cast.program, cast.coordinator)
    mover = run.result["groups"][0]["members"][0]
    check = client.get(
        reverse("formation_move", args=[cast.program.pk]), {"signup": mover, "to": "none"}
    )
    assert "group 1 has 4 members, outside 5-8" in check.content.decode()
    post(client, "formation_move", cast.program, signup=mover, to="none", version=run.version)
    run.refresh_from_db()
    response = post(client, "formation_publish", cast.program, **publish_data(run))
    assert "Not published: group 1 has 4 members" in response.content.decode()
    assert (
        not Group.objects.filter(program=cast.program).exclude(name__in=["Alpha", "Beta"]).exists()
    )


def test_taking_someone_out_of_every_group_names_them_instead_of_saying_all_is_well(
    client: Client, cast: Cast
) -> None:
    make_signups(cast.program, 12, slots=["Weekday lunch"])
    run = formed(cast.program, cast.coordinator)
    mover = run.result["groups"][0]["members"][0]
    name = SignUp.objects.get(pk=mover).name
    check = client.get(
        reverse("formation_move", args=[cast.program.pk]),
        {"signup": mover, "to": "none"},
        headers={"HX-Request": "true", "HX-Target": "move-check"},
    )
    text = check.content.decode()
    assert "Every rule holds" not in text
    assert f"{name} will be in no group" in text
    assert "not invited when the groups are published" in text


def test_a_stale_version_changes_nothing_and_says_so(client: Client, cast: Cast) -> None:
    make_signups(cast.program, 12, slots=["Weekday lunch"])
    run = formed(cast.program, cast.coordinator)
    first, second = run.result["groups"][0]["members"][:2]
    post(client, "formation_move", cast.program, signup=first, to=2, version=run.version)
    other_tab = post(
        client, "formation_move", cast.program, signup=second, to=2, version=run.version
    )
    assert "Someone else changed this formation since you loaded it" in other_tab.content.decode()
    run.refresh_from_db()
    assert second in run.result["groups"][0]["members"]


def test_locked_groups_stay_as_they_are_when_the_rest_is_formed_again(
    client: Client, cast: Cast
) -> None:
    make_signups(cast.program, 18, slots=["Weekday lunch", "Weekday evening"])
    run = formed(cast.program, cast.coordinator)
    kept = run.result["groups"][1]
    post(
        client, "formation_lock", cast.program, group=kept["number"], locked=1, version=run.version
    )
    run.refresh_from_db()
    post(client, "formation_run", cast.program, version=run.version)
    run.refresh_from_db()
    again = {g["number"]: g for g in run.result["groups"]}
    assert again[kept["number"]]["members"] == kept["members"] and again[kept["number"]]["locked"]
    assert sorted(again) == [1, 2, 3]
    placed = [pk for g in run.result["groups"] for pk in g["members"]]
    assert len(placed) == len(set(placed)) == 18


def test_members_of_locked_groups_cannot_be_moved(client: Client, cast: Cast) -> None:
    make_signups(cast.program, 12, slots=["Weekday lunch"])
    run = formed(cast.program, cast.coordinator)
    member = run.result["groups"][0]["members"][0]
    post(client, "formation_lock", cast.program, group=1, locked=1, version=run.version)
    run.refresh_from_db()
    response = post(
        client, "formation_move", cast.program, signup=member, to=2, version=run.version
    )
    assert "Locked groups stay as they are" in response.content.decode()


def test_publishing_creates_groups_and_invites_everyone(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    make_signups(cast.program, 12, slots=["Weekday lunch"])
    run = formed(cast.program, cast.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "formation_publish", cast.program, **publish_data(run))
    assert "Published 2 groups; 12 invitations are on their way" in response.content.decode()
    groups = Group.objects.filter(name__startswith="Weekday lunch group")
    assert sorted(g.name for g in groups) == ["Weekday lunch group 1", "Weekday lunch group 2"]
    assert PublishedPlacement.objects.filter(slot="Weekday lunch").count() == 12
    assert len(mail.outbox) == 12
    assert not Membership.objects.filter(group__in=groups).exists()  # invited, not added
    assert FormationRun.objects.get().status == RunStatus.PUBLISHED
    again = post(client, "formation_publish", cast.program, version=run.version + 1)
    assert "already been published; no invitation was sent again" in again.content.decode()
    assert len(mail.outbox) == 12


def invitation_path(message: Any) -> str:
    match = re.search(r"/join/[^/\s]+/", message.body)
    assert match is not None
    return match.group(0)


def test_an_invitee_joins_their_group_from_the_link(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    make_signups(cast.program, 6, slots=["Weekday lunch"])
    run = formed(cast.program, cast.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, "formation_publish", cast.program, **publish_data(run))
    # Publishing sends the groups app's own invitations: one secret link per person.
    message = next(m for m in mail.outbox if m.to == ["person0@example.edu"])
    path = invitation_path(message)
    anonymous = Client().get(path)
    assert anonymous.status_code == 200 and "Log in" in anonymous.content.decode()
    assert Client().post(path + "accept/").status_code == 302  # to the login page
    newcomer = make_user("person0@example.edu")
    joined = cast.client_for(newcomer).post(path + "accept/", {"agreement_version": 1})
    group = Group.objects.get(name="Weekday lunch group 1")
    assert joined["Location"] == reverse("group_detail", args=[group.pk])
    membership = Membership.objects.get(group=group, user=newcomer)
    assert membership.role == Role.ORGANIZER  # the first to join organizes the group
    stranger = cast.client_for(cast.outsider).post(path + "accept/", {"agreement_version": 1})
    assert stranger.status_code == 410
    assert Client().get("/join/not-a-token/").status_code == 404


def test_a_second_formation_keeps_published_groups_and_splits_past_group_mates(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    from peercircle.programs.actions.program import program_create
    from tests.programs.conftest import open_window

    first = make_signups(cast.program, 6, slots=["Weekday lunch"], departments=6)
    run = formed(cast.program, cast.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, "formation_publish", cast.program, **publish_data(run))
    # Latecomers to the same program are formed without touching the published group.
    make_signups(cast.program, 5, slots=["Weekday lunch"], prefix="late")
    late = formed(cast.program, cast.coordinator)
    placed = {pk for g in late.result["groups"] for pk in g["members"]}
    assert placed.isdisjoint({s.pk for s in first})
    # Next year, the same six sign up again with six newcomers: nobody meets a past mate.
    nextyear = open_window(program_create(name="Next year", coordinators=[cast.coordinator]))
    make_signups(nextyear, 6, slots=["Weekday lunch"], departments=6)
    make_signups(nextyear, 6, slots=["Weekday lunch"], prefix="new", departments=6)
    again = formed(nextyear, cast.coordinator)
    emails = dict(SignUp.objects.filter(program=nextyear).values_list("pk", "email"))
    returning = {s.email for s in first}
    for group in again.result["groups"]:
        assert sum(emails[pk] in returning for pk in group["members"]) <= 1


def test_the_command_forms_queued_runs(cast: Cast, capsys: Any) -> None:
    from django.core.management import call_command

    make_signups(cast.program, 6)
    run = formation_start(
        access=get_program_for_user(cast.coordinator, cast.program.pk), version=None
    )
    call_command("formation_run")
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert f"formation {run.pk}: Ready to review" in capsys.readouterr().out


def test_the_move_form_is_404_for_someone_outside_the_formation(client: Client, cast: Cast) -> None:
    make_signups(cast.program, 6)
    formed(cast.program, cast.coordinator)
    url = reverse("formation_move", args=[cast.program.pk])
    assert client.get(url, {"signup": 999_999}).status_code == 404
    assert client.get(url, {"signup": "x"}).status_code == 404


@pytest.mark.parametrize("who", ["member", "other_member", "outsider"])
def test_only_coordinators_move_people(cast: Cast, who: str) -> None:
    make_signups(cast.program, 6)
    run = formed(cast.program, cast.coordinator)
    url = reverse("formation_move", args=[cast.program.pk])
    expected = 404 if who == "outsider" else 403
    client = cast.client_for(getattr(cast, who))
    mover = run.result["groups"][0]["members"][0]
    assert client.get(url, {"signup": mover}).status_code == expected
    assert (
        client.post(url, {"signup": mover, "to": "none", "version": run.version}).status_code
        == expected
    )
    assert Client().get(url).status_code == 302
    assert cast.client_for(cast.coordinator).put(url).status_code == 405


@pytest.mark.parametrize("method", ["put", "delete"])
def test_public_pages_of_a_formation_refuse_other_methods(cast: Cast, method: str) -> None:
    for url in (reverse("signup_confirm", args=["abc"]),):
        assert getattr(Client(), method)(url).status_code == 405


def test_the_review_page_costs_the_same_queries_for_more_sign_ups(
    client: Client, cast: Cast
) -> None:
    from tests.conftest import count_queries

    make_signups(cast.program, 12, slots=["Weekday lunch", "Weekday evening"])
    formed(cast.program, cast.coordinator)
    url = reverse("formation_page", args=[cast.program.pk])
    before = count_queries(client, url)
    make_signups(cast.program, 90, slots=["Weekday lunch"], prefix="more", departments=9)
    run = formed(cast.program, cast.coordinator)
    assert len(run.result["groups"]) > 10
    assert count_queries(client, url) == before


def test_someone_confirmed_after_the_formation_is_listed_and_can_be_moved_in(
    client: Client, cast: Cast
) -> None:
    make_signups(cast.program, 6)
    run = formed(cast.program, cast.coordinator)
    (late,) = make_signups(cast.program, 1, prefix="late")
    body = page(client, cast.program).content.decode()
    assert "Late 0" in body and "confirmed after these groups were formed" in body
    post(client, "formation_move", cast.program, signup=late.pk, to=1, version=run.version)
    run.refresh_from_db()
    assert late.pk in run.result["groups"][0]["members"]


def test_a_large_program_is_published_in_the_background(
    client: Client,
    cast: Cast,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from peercircle.programs.tasks import formation_publish_task
    from peercircle.programs.views import publish as publish_views

    make_signups(cast.program, 12, slots=["Weekday lunch"])
    run = formed(cast.program, cast.coordinator)
    monkeypatch.setattr(publish_views, "INLINE_LIMIT", 5)
    post(client, "formation_publish", cast.program, **publish_data(run))
    run.refresh_from_db()
    assert run.status == RunStatus.PUBLISHING and not PublishedPlacement.objects.exists()
    body = page(client, cast.program).content.decode()
    assert "Publishing the groups…" in body and 'hx-trigger="every 1s"' in body
    moved = post(client, "formation_run", cast.program, version=run.version)
    assert "being published" in moved.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        formation_publish_task(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.PUBLISHED and run.published_by == cast.coordinator
    assert PublishedPlacement.objects.count() == 12 and len(mail.outbox) == 12
    done = client.get(reverse("formation_progress", args=[cast.program.pk]))
    assert done["HX-Refresh"] == "true"


def test_background_publishing_that_breaks_a_rule_goes_back_to_review(
    client: Client, cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    from peercircle.programs.tasks import formation_publish_task
    from peercircle.programs.views import publish as publish_views

    signups = make_signups(cast.program, 12, slots=["Weekday lunch"])
    run = formed(cast.program, cast.coordinator)
    monkeypatch.setattr(publish_views, "INLINE_LIMIT", 5)
    post(client, "formation_publish", cast.program, **publish_data(run))
    first_group = run.result["groups"][0]["members"]
    for signup in signups:
        if signup.pk in first_group[:2]:
            signup_withdraw(signup=signup)  # the group falls below five
    formation_publish_task(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.message.startswith("Not published: group 1 has 4")
    assert not PublishedPlacement.objects.exists()
    assert "Not published: group 1 has 4" in page(client, cast.program).content.decode()


def test_a_queued_run_is_formed_by_the_background_task_once_the_request_commits(
    client: Client,
    cast: Cast,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from peercircle.programs.views import formation as formation_views

    monkeypatch.setattr(formation_views, "INLINE_LIMIT", 5)
    make_signups(cast.program, 12)
    with django_capture_on_commit_callbacks(execute=True):  # the test settings run tasks now
        post(client, "formation_run", cast.program)
    assert FormationRun.objects.get().status == RunStatus.DONE
