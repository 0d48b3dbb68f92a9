"""Every model that points at a person, or holds text a person writes, is declared in the
personal-data registry with how it is exported and how deletion erases it."""

import pytest
from django.apps import apps
from django.db import models

from peercircle.accounts import personal_data
from peercircle.accounts.models import User
from tests.conftest import Cast


def _points_at_a_person(model: type[models.Model]) -> bool:
    return any(
        field.concrete and field.is_relation and field.related_model is User
        for field in model._meta.get_fields()
    )


def _holds_written_text(model: type[models.Model]) -> bool:
    if not model.__module__.startswith("peercircle."):
        return False
    return any(
        isinstance(field, models.CharField | models.TextField) and not field.choices
        for field in model._meta.get_fields()
        if field.concrete
    )


def needing_a_declaration() -> list[str]:
    return sorted(
        model._meta.label
        for model in apps.get_models(include_auto_created=True)
        if _points_at_a_person(model) or _holds_written_text(model)
    )


def test_the_walk_sees_the_kinds_of_model_it_must() -> None:
    found = needing_a_declaration()
    # A foreign key from a third-party app, a many-to-many table, and written text.
    assert {"admin.LogEntry", "programs.Program_coordinators", "meetings.CheckIn"} <= set(found)
    assert "contenttypes.ContentType" not in found


@pytest.mark.parametrize("label", needing_a_declaration())
def test_every_personal_model_is_declared(label: str) -> None:
    assert label in personal_data.covered(), (
        f"{label} points at a person or holds text a person writes: declare it in its app's "
        "personal-data Share (covers=...) with how it is exported and erased"
    )


def test_every_declaration_names_a_model_that_exists() -> None:
    for label in personal_data.covered():
        assert apps.get_model(label) is not None


def test_a_model_is_declared_once() -> None:
    labels = [c.model for share in personal_data.shares() for c in share.covers]
    assert len(labels) == len(set(labels))


def test_every_export_place_is_in_the_export(cast: Cast) -> None:
    data = personal_data.collect(cast.member)
    for covers in personal_data.covered().values():
        if covers.erase is personal_data.Erase.NOT_PERSONAL or " " in covers.export:
            continue  # not exported, and the declaration says why
        share, _, key = covers.export.partition(".")
        assert share in data, covers.model
        assert key == "" or key in data[share], f"{covers.model}: {covers.export}"
