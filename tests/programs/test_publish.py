"""The publish confirmation page: each group named, its members, slot and the invitation mail;
only its POST publishes."""

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from peercircle.groups.actions.group import group_create
from peercircle.groups.models import Group
from peercircle.lib.natural import natural_key
from peercircle.programs.models import FormationRun, PublishedPlacement, RunStatus, SignUp
from tests.conftest import Cast
from tests.programs.conftest import formed, make_signups, publish_data


@pytest.fixture
def client(cast: Cast) -> Client:
    return cast.client_for(cast.coordinator)


@pytest.fixture
def run(cast: Cast) -> FormationRun:
    make_signups(cast.program, 12, slots=["Weekday lunch"])
    return formed(cast.program, cast.coordinator)


def url(cast: Cast) -> str:
    return reverse("formation_publish", args=[cast.program.pk])


def nothing_published(run: FormationRun) -> None:
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert Group.objects.count() == 2  # the cast's own two groups, nothing new
    assert not PublishedPlacement.objects.exists()
    assert not mail.outbox


def test_the_review_links_to_the_confirmation_page(
    client: Client, cast: Cast, run: FormationRun
) -> None:
    review = client.get(reverse("formation_page", args=[cast.program.pk])).content.decode()
    assert f'href="{url(cast)}"' in review and "Name the groups and publish" in review


def test_the_page_lists_each_group_and_the_mail_that_will_go_out(
    client: Client, cast: Cast, run: FormationRun
) -> None:
    response = client.get(url(cast))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="name-1" value="Weekday lunch group 1"' in body
    assert 'name="name-2" value="Weekday lunch group 2"' in body
    assert body.count("<dt>Slot</dt><dd>Weekday lunch</dd>") == 2
    assert "First meeting" in body and "the first member to join organizes" in body
    for index in range(12):
        assert f"Person {index}" in body
    members = SignUp.objects.filter(pk__in=run.result["groups"][0]["members"])
    email = min(members, key=lambda s: (natural_key(s.name), s.pk)).email
    preview = response.context["mail"]
    assert preview["to"].email == email and email in body
    # The real invitation, rendered by the mail app's helper: subject and text.
    assert preview["subject"] == (
        f"{cast.coordinator.name or 'Your coordinator'} invites you to join Weekday lunch group 1"
    )
    assert 'join the peer-mentoring group "Weekday lunch group 1"' in preview["text"]
    assert "/join/personal-link/" in preview["text"]
    assert "Publish and send 12 invitations" in body
    nothing_published(run)  # looking publishes nothing


def test_publishing_with_new_names_creates_the_groups_under_those_names(
    client: Client, cast: Cast, run: FormationRun, django_capture_on_commit_callbacks: Any
) -> None:
    data = {**publish_data(run), "name-1": "  Lunch circle  ", "name-2": "Noon peers"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(cast), data, follow=True)
    assert "Published 2 groups; 12 invitations are on their way" in response.content.decode()
    names = [g.name for g in Group.objects.filter(placements__isnull=False).distinct()]
    assert sorted(names) == ["Lunch circle", "Noon peers"]
    assert len(mail.outbox) == 12
    assert any("Lunch circle" in m.subject for m in mail.outbox)
    # A second submit of the same page sends nothing again.
    again = client.post(url(cast), data, follow=True)
    assert "already been published; no invitation was sent again" in again.content.decode()
    assert len(mail.outbox) == 12 and cast.program.groups.count() == 4
    assert (
        client.get(url(cast), follow=True)
        .redirect_chain[-1][0]
        .endswith(reverse("formation_page", args=[cast.program.pk]))
    )


@pytest.mark.parametrize(
    ("names", "said"),
    [
        ({"name-1": "Same", "name-2": "same "}, "Group 2: group 1 has the same name."),
        ({"name-1": "   "}, "Group 1: give the group a name."),
        ({"name-1": "x" * 81}, "Group 1: keep the name to 80 characters."),
        ({"name-2": "Tab\there"}, "Group 2: Keep this on one line"),
        ({"name-1": "Already here"}, "this program already has a group called Already here"),
    ],
)
def test_a_bad_name_is_shown_on_the_page_and_nothing_is_published(
    client: Client, cast: Cast, run: FormationRun, names: dict[str, str], said: str
) -> None:
    if "Already here" in names.values():
        group_create(program_id=cast.program.pk, name="already HERE")
    response = client.post(url(cast), {**publish_data(run), **names})
    assert response.status_code == 200
    body = response.content.decode()
    assert said in body
    assert 'role="alert" tabindex="-1" data-error-summary' in body
    assert "js/focus-after-swap.js" in body and 'aria-invalid="true"' in body
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and not PublishedPlacement.objects.exists()
    assert not mail.outbox


def test_the_old_one_click_post_no_longer_publishes(
    client: Client, cast: Cast, run: FormationRun
) -> None:
    response = client.post(url(cast), {"version": run.version})
    assert response.status_code == 200
    assert "Group 1: give the group a name." in response.content.decode()
    nothing_published(run)


def test_a_stale_page_publishes_nothing(client: Client, cast: Cast, run: FormationRun) -> None:
    response = client.post(url(cast), {**publish_data(run), "version": "0"}, follow=True)
    assert "Not published:" in response.content.decode()
    nothing_published(run)


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_only_the_programs_coordinators_reach_the_page(
    cast: Cast, run: FormationRun, who: str
) -> None:
    client = cast.client_for(getattr(cast, who))
    assert client.get(url(cast)).status_code in (403, 404)
    assert client.post(url(cast), publish_data(run)).status_code in (403, 404)
    nothing_published(run)


def test_a_blank_name_keeps_the_proposed_name_in_the_mail_preview(
    client: Client, cast: Cast, run: FormationRun
) -> None:
    response = client.post(url(cast), {**publish_data(run), "name-1": ""})
    assert "join Weekday lunch group 1" in response.context["mail"]["subject"]
    assert 'name="name-1" value=""' in response.content.decode()


def test_a_large_program_published_in_the_background_keeps_the_chosen_names(
    client: Client,
    cast: Cast,
    run: FormationRun,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from peercircle.programs.tasks import formation_publish_task
    from peercircle.programs.views import publish as publish_views

    monkeypatch.setattr(publish_views, "INLINE_LIMIT", 5)
    client.post(url(cast), {**publish_data(run), "name-1": "Early birds", "name-2": "Late owls"})
    run.refresh_from_db()
    assert run.status == RunStatus.PUBLISHING
    with django_capture_on_commit_callbacks(execute=True):
        formation_publish_task(run.pk)
    names = {g.name for g in Group.objects.filter(placements__isnull=False)}
    assert names == {"Early birds", "Late owls"}


def test_a_bad_name_in_a_large_program_is_refused_before_it_is_queued(
    client: Client, cast: Cast, run: FormationRun, monkeypatch: pytest.MonkeyPatch
) -> None:
    from peercircle.programs.views import publish as publish_views

    monkeypatch.setattr(publish_views, "INLINE_LIMIT", 5)
    response = client.post(url(cast), {**publish_data(run), "name-2": "Alpha"})
    assert "this program already has a group called Alpha" in response.content.decode()
    nothing_published(run)
