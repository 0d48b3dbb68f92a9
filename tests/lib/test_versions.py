"""Versions of what pages show (peercircle/lib/versions.py): every model of ours says which
scopes its rows are shown under, and a write replaces their tokens when it commits."""

import pytest
from django.apps import apps
from django.db import transaction

from peercircle.goals.actions import goal_set
from peercircle.groups.models import Membership
from peercircle.lib import versions

OURS = ("accounts", "mail", "groups", "meetings", "goals", "programs", "api")


def test_every_model_of_ours_is_tracked_or_declared_untracked():
    declared = versions.tracked_models() | versions.untracked_models()
    missing = [
        model._meta.label
        for label in OURS
        for model in apps.get_app_config(label).get_models()
        if model not in declared
    ]
    assert missing == [], "say in the app's ready() what these rows are shown under"


@pytest.mark.django_db(transaction=True)
def test_a_part_is_kept_until_a_write_under_its_scope_commits(cast):
    group = cast.group
    scope = ("group", group.pk)
    renders: list[int] = []

    def render() -> str:
        renders.append(1)
        return f"<p>{len(renders)}</p>"

    assert versions.part("t", [scope], render) == "<p>1</p>"
    assert versions.part("t", [scope], render) == "<p>1</p>"
    group.name = "Renamed"
    group.save(update_fields=["name"])
    assert versions.part("t", [scope], render) == "<p>2</p>"


@pytest.mark.django_db(transaction=True)
def test_a_write_replaces_the_token_at_once_and_again_when_it_commits(cast):
    scope = ("group", cast.group.pk)
    before = versions.tokens(scope)
    with transaction.atomic():
        versions.changed(scope)
        during = versions.tokens(scope)
        # Another connection may cache the old rows under `during`: it must not last.
    assert len({before, during, versions.tokens(scope)}) == 3


@pytest.mark.django_db(transaction=True)
def test_a_goal_changes_its_group_and_its_owner_but_not_another_group(cast):
    mine, theirs = ("group", cast.group.pk), ("group", cast.other_group.pk)
    owner = ("user", cast.member.pk)
    before = {scope: versions.tokens(scope) for scope in (mine, theirs, owner)}
    goal_set(owner=cast.member, group=cast.group, text="Draft the methods section by Friday")
    after = {scope: versions.tokens(scope) for scope in (mine, theirs, owner)}
    assert after[mine] != before[mine]
    assert after[owner] != before[owner]
    assert after[theirs] == before[theirs]


@pytest.mark.django_db(transaction=True)
def test_a_deleted_row_changes_the_scope_it_was_shown_under(cast):
    membership = Membership.objects.get(user=cast.member, group=cast.group)
    scope = ("group", membership.group_id)
    before = versions.tokens(scope)
    membership.delete()
    assert versions.tokens(scope) != before


@pytest.mark.django_db(transaction=True)
def test_bookkeeping_fields_change_nothing(cast):
    scope = ("user", cast.member.pk)
    before = versions.tokens(scope)
    cast.member.save(update_fields=["last_login"])
    assert versions.tokens(scope) == before
    cast.member.display_name = "Someone else"
    cast.member.save(update_fields=["display_name"])
    assert versions.tokens(scope) != before
