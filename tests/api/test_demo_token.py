"""The demo prints an API token of the demo coordinator that works, run after run."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client, override_settings

from peercircle.api.actions.tokens import token_create
from peercircle.api.models import ApiToken
from peercircle.programs.models import Program
from tests.conftest import Cast


def demo_output() -> str:
    out = StringIO()
    with override_settings(DEBUG=True):
        call_command("demo", stdout=out)
    return out.getvalue()


def test_the_demo_prints_a_working_coordinator_token(db: None) -> None:
    demo_output()
    printed = demo_output()  # again: nothing changes, the same token is printed and works
    secret = printed.split("Bearer ")[1].split("'")[0]
    assert ApiToken.objects.filter(prefix=secret[:10]).count() == 1
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    me = client.get("/api/v1/me").json()
    assert me["email"] == "coordinator@example.org"
    program = Program.objects.filter(coordinators__email=me["email"]).order_by("pk").first()
    assert program is not None
    totals = client.get(f"/api/v1/programs/{program.pk}/totals")
    assert totals.status_code == 200
    assert totals.json()["groups_total"] == 3


def test_a_chosen_secret_must_look_like_a_token(now: object, cast: Cast) -> None:
    with pytest.raises(ValidationError) as error:
        token_create(user=cast.member, name="x", scopes=["me:read"], secret="short")
    assert "secret" in error.value.error_dict
