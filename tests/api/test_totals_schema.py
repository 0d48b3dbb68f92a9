"""A program's totals through the API are the dashboard's own Figures: a field added to the
dataclass appears in the API and its document, one removed disappears (no drift)."""

import dataclasses
from datetime import datetime

from django.test import Client
from django.utils import timezone

from peercircle.api.operations.programs import TotalsOut
from peercircle.programs.queries import Bar, Figures, program_figures
from tests.api.conftest import api_client
from tests.conftest import Cast

FIGURES = {f.name for f in dataclasses.fields(Figures)}
BAR = {f.name for f in dataclasses.fields(Bar)}


def test_the_totals_schema_is_the_dashboard_dataclass(db: None) -> None:
    assert set(TotalsOut.model_fields) == FIGURES | {"program_id"}
    document = Client().get("/api/v1/openapi.json").json()
    schemas = document["components"]["schemas"]
    assert set(schemas["TotalsOut"]["properties"]) == FIGURES | {"program_id"}
    assert set(schemas["TotalsOut"]["required"]) == FIGURES | {"program_id"}
    assert set(schemas["Bar"]["properties"]) == BAR


def test_the_totals_answer_matches_the_dashboard_figures(now: datetime, cast: Cast) -> None:
    response = api_client(cast.coordinator).get(f"/api/v1/programs/{cast.program.pk}/totals")
    assert response.status_code == 200
    body = response.json()
    figures = dataclasses.asdict(program_figures(cast.program, now=timezone.now()))
    assert body.pop("program_id") == cast.program.pk
    assert body == figures
    for bar in body["by_stage"] + body["by_department"] + body["retention"]:
        assert set(bar) == BAR
