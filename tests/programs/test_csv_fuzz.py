"""The sign-up import under hostile files: never a 500, all or nothing, formulas stay text."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from peercircle.lib.text import validate_single_line
from peercircle.programs.models import Program, SignUp
from tests.conftest import Cast
from tests.programs.conftest import HEADER, csv_file, good_rows
from tests.test_authorization_matrix import Rollback

COLUMNS = ["id", "name", "email", "department", "lab", "stage", "availability", "avoid"]
HOSTILE = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "\x00",
            "a\nb",
            'quote " inside',
            "\x1b[2J",
            "\u2028",
            "<script>fz()</script>",
            "\u202eevil",
            '=HYPERLINK("http://x","y")',
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(1+1)",
            "x" * 5000,
            "9" * 400,
            "-1",
        ]
    ),
)
TRIED = {"cases": 0, "5xx": 0}


def post_file(client: Client, program: Program, data: bytes) -> int:
    url = reverse("signup_import", args=[program.pk])
    response = client.post(url, {"file": SimpleUploadedFile("s.csv", data, "text/csv")})
    if response.status_code == 200:  # the preview: confirm it
        response = client.post(url, {"token": response.context["token"]})
    return response.status_code


@hypothesis_settings(
    max_examples=min(hypothesis_settings().max_examples, 50),
    suppress_health_check=list(HealthCheck),
    deadline=None,
)
@given(
    column=st.sampled_from(COLUMNS),
    value=HOSTILE,
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "utf-16"]),
    crlf=st.booleans(),
)
def test_a_hostile_cell_is_refused_or_stored_as_one_line_of_text(
    cast: Cast, column: str, value: str, encoding: str, crlf: bool
) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(cast.coordinator)
    rows = list(csv.reader(io.StringIO("".join(r + "\n" for r in good_rows(3)))))
    rows[1][COLUMNS.index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n" if crlf else "\n").writerows([COLUMNS, *rows])
    data = out.getvalue().encode(encoding, errors="replace")
    TRIED["cases"] += 1
    try:
        with transaction.atomic():
            status = post_file(client, cast.program, data)
            stored = list(SignUp.objects.filter(program=cast.program))
            raise Rollback
    except Rollback:
        pass
    TRIED["5xx"] += status >= 500
    assert status in (302, 422)
    if status == 422:
        assert stored == []  # a failing import changes nothing
    for signup in stored:
        for text in (signup.name, signup.department, signup.lab, signup.external_id):
            validate_single_line(text)


def test_a_10_mb_file_tabs_and_formulas(cast: Cast) -> None:
    client = cast.client_for(cast.coordinator)
    big = csv_file(good_rows(1)) + b"#" * (10 * 1024 * 1024)
    assert post_file(client, cast.program, big) == 422
    tabs = csv_file(good_rows(3)).replace(b",", b"\t")
    assert post_file(client, cast.program, tabs) == 422
    assert not SignUp.objects.exists()
    rows = [
        "1,+cmd|' /C calc'!A0,a@example.edu,@SUM(1+1),-2+3,graduate,Weekday lunch,",
        '2,"=HYPERLINK(""http://x"",""y"")",b@example.edu,Dept,Lab,graduate,Weekday lunch,',
    ]
    assert post_file(client, cast.program, csv_file(rows, HEADER)) == 302
    # Stored as typed (it is text), written out so that a spreadsheet never runs it.
    assert SignUp.objects.get(external_id="1").department == "@SUM(1+1)"
    response = client.get(reverse("signup_export", args=[cast.program.pk]))
    exported = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert exported[1][1:5] == ["'+cmd|' /C calc'!A0", "a@example.edu", "'@SUM(1+1)", "'-2+3"]
    assert exported[2][1] == '\'=HYPERLINK("http://x","y")'
