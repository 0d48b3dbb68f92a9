"""CSV import (checked in full by the engine's reader, all or nothing) and export (Excel-ready)."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from peercircle.programs.models import Program, SignUp
from tests.conftest import Cast
from tests.programs.conftest import HEADER, csv_file, good_rows, make_signups


@pytest.fixture
def client(cast: Cast) -> Client:
    return cast.client_for(cast.coordinator)


def upload(client: Client, program: Program, data: bytes, name: str = "signups.csv") -> str:
    url = reverse("signup_import", args=[program.pk])
    response = client.post(url, {"file": SimpleUploadedFile(name, data, "text/csv")})
    if response.status_code == 200:  # the preview: confirm it
        response = client.post(url, {"token": response.context["token"]})
    if response.status_code == 302:
        return "imported"
    assert response.status_code == 422
    return response.content.decode()


def test_a_valid_file_imports_every_row_as_confirmed_sign_ups(client: Client, cast: Cast) -> None:
    rows = good_rows(6)
    rows[0] += "p2@example.edu;3"  # avoid by email and by id
    rows[1] = '2,"Okafor, Amara",p2@example.edu,Dept 2,Lab 2,Postdoc,weekday LUNCH,'
    assert upload(client, cast.program, csv_file(rows)) == "imported"
    signups = {s.external_id: s for s in SignUp.objects.filter(program=cast.program)}
    assert len(signups) == 6
    assert signups["2"].name == "Okafor, Amara" and signups["2"].stage == "postdoc"
    assert signups["2"].availability == ["Weekday lunch"]
    assert {s.external_id for s in signups["1"].avoid.all()} == {"2", "3"}
    assert all(s.status == "confirmed" for s in signups.values())


def test_a_byte_order_mark_and_windows_line_ends_are_fine(client: Client, cast: Cast) -> None:
    data = "\ufeff".encode() + csv_file(good_rows(3)).replace(b"\n", b"\r\n")
    assert upload(client, cast.program, data) == "imported"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            csv_file(good_rows(2), header="id,name,email,department,lab,availability,avoid\n"),
            ["Line 1, column 8: missing column &#x27;stage&#x27;"],
        ),
        (
            csv_file([*good_rows(2), "3,Zed,z@example.edu,D,L,wizard,Weekday lunch,"]),
            ["Line 4, column 6: unknown stage &#x27;wizard&#x27;"],
        ),
        (
            csv_file([*good_rows(2), "2,Zed,z@example.edu,D,L,graduate,Weekday lunch,"]),
            ["Line 4, column 1: duplicate id &#x27;2&#x27; (first on line 3)"],
        ),
        (
            csv_file([*good_rows(2), "3,Zed,z@example.edu,D,L,graduate,,"]),
            ["Line 4, column 7: empty availability"],
        ),
        (
            csv_file([*good_rows(2), "3,Zed,z@example.edu,D,L,graduate,Weekday lunch,ghost"]),
            ["Line 4, column 8: avoid names &#x27;ghost&#x27;, which is no sign-up"],
        ),
        (
            csv_file([*good_rows(2), "3,Zed,z@example.edu,D,L,graduate,Midnight,"]),
            ["Line 4, column 7: unknown slot &#x27;Midnight&#x27;"],
        ),
        (
            csv_file([*good_rows(2), "3,,p1@example.edu,D,L,graduate,Weekday lunch,"]),
            ["Line 4, column 2: empty name", "Line 4, column 3: duplicate email"],
        ),
        (
            HEADER.replace(",", ";").encode() + b"1;A;a@example.edu;D;L;graduate;Weekday lunch;\n",
            ["columns are separated by &#x27;;&#x27;; save the file as CSV with commas"],
        ),
        (
            csv_file(good_rows(2))
            + "3,Zoë,z@example.edu,D,L,graduate,Weekday lunch,\n".encode("latin-1"),
            ["Line 4, column 2: not UTF-8 (byte 0xeb)"],
        ),
        (csv_file(good_rows(1)) + b"2,\x00,x,y\n", ["not a CSV file (it contains NUL bytes)"]),
        (
            csv_file([*good_rows(1), "x" * 61 + ",Zed,z@example.edu,D,L,graduate,Weekday lunch,"]),
            ["Line 3, column 1: id is longer than 60 characters"],
        ),
        (b"", ["The submitted file is empty"]),
        (HEADER.encode(), ["no sign-ups after the header"]),
    ],
    ids=[
        "missing-column",
        "unknown-stage",
        "duplicate-id",
        "empty-availability",
        "avoid-naming-nobody",
        "unknown-slot",
        "several-problems-at-once",
        "semicolons",
        "not-utf8",
        "nul-bytes",
        "long-id",
        "empty-file",
        "header-only",
    ],
)
def test_a_malformed_file_lists_its_problems_with_lines_and_imports_nothing(
    client: Client, cast: Cast, data: bytes, expected: list[str]
) -> None:
    body = upload(client, cast.program, data)
    for text in expected:
        assert text in body
    assert not SignUp.objects.exists()


def test_every_problem_in_a_file_is_listed_at_once(client: Client, cast: Cast) -> None:
    rows = [*good_rows(3), "4,X,bad-email,D,L,wizard,Midnight,ghost"]
    body = upload(client, cast.program, csv_file(rows))
    for column in (3, 6, 7, 8):
        assert f"Line 5, column {column}:" in body
    assert "4 problems found" in body


def test_an_exported_file_edited_and_imported_again_updates_and_adds(
    client: Client, cast: Cast
) -> None:
    make_signups(cast.program, 3, prefix="p")
    exported = client.get(reverse("signup_export", args=[cast.program.pk])).content
    text = exported.decode("utf-8-sig").replace("Dept 1", "Physics")
    text += (
        '"new-1","Nia New","nia@example.edu","Chemistry","Lab N","graduate","Weekday lunch",""\n'
    )
    url = reverse("signup_import", args=[cast.program.pk])
    preview = client.post(url, {"file": SimpleUploadedFile("s.csv", text.encode(), "text/csv")})
    assert preview.status_code == 200
    plan = preview.context["plan"]
    assert (len(plan.added), len(plan.updated), len(plan.unchanged)) == (1, 1, 2)
    assert "Line 3: P 1 (p1@example.edu): new department" in preview.content.decode()
    assert SignUp.objects.count() == 3  # nothing written by the preview
    assert client.post(url, {"token": preview.context["token"]}).status_code == 302
    assert SignUp.objects.count() == 4
    assert SignUp.objects.get(email="p1@example.edu").department == "Physics"
    # The same confirmation again (a double click) imports nothing more.
    again = client.post(url, {"token": preview.context["token"]})
    assert again.status_code == 409 and "already imported or has expired" in again.content.decode()
    assert SignUp.objects.count() == 4


def test_a_preview_made_stale_by_a_new_sign_up_writes_nothing_and_shows_a_new_preview(
    client: Client, cast: Cast
) -> None:
    url = reverse("signup_import", args=[cast.program.pk])
    data = csv_file(good_rows(2))
    preview = client.post(url, {"file": SimpleUploadedFile("s.csv", data, "text/csv")})
    make_signups(cast.program, 1, prefix="p", departments=1)  # p0: not in the file
    SignUp.objects.filter(email="p0@example.edu").update(email="p1@example.edu")
    response = client.post(url, {"token": preview.context["token"]})
    assert response.status_code == 200
    assert "changed since the preview; nothing was imported" in response.content.decode()
    assert SignUp.objects.count() == 1


def test_an_id_of_one_sign_up_with_the_email_of_another_is_an_error(
    client: Client, cast: Cast
) -> None:
    first, second = make_signups(cast.program, 2, prefix="p")
    rows = [f"web-{first.pk},P 0,{second.email},Dept 0,Lab 0,graduate,Weekday lunch,"]
    body = upload(client, cast.program, csv_file(rows))
    assert "Line 2, column 3:" in body and "belongs to another sign-up" in body
    assert SignUp.objects.get(pk=first.pk).email == first.email


def test_a_50_mb_file_is_refused_by_its_size_before_it_is_read(
    client: Client, cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    from peercircle.programs import signups_csv

    def never(*args: object) -> None:
        raise AssertionError("a file over the limit must not be parsed")

    monkeypatch.setattr(signups_csv, "parse_signups", never)
    big = csv_file(good_rows(1)) + b"#" * (50 * 1024 * 1024)
    body = upload(client, cast.program, big)
    assert "larger than 5 MB" in body
    assert not SignUp.objects.exists()


def test_export_opens_in_excel_utf8_with_bom_and_quoted_fields(client: Client, cast: Cast) -> None:
    upload(
        client,
        cast.program,
        csv_file(
            [
                "1,Zoë =SUM(A1),z@example.edu,Dept,Lab,graduate,Weekday lunch,2",
                "2,=HYPERLINK(1),y@example.edu,Dept,Lab 2,graduate,Weekday lunch,",
            ]
        ),
    )
    response = client.get(reverse("signup_export", args=[cast.program.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")
    assert (
        raw.splitlines()[0]
        == b'\xef\xbb\xbf"id","name","email","department","lab","stage","availability","avoid"'
    )
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[1] == [
        "1",
        "Zoë =SUM(A1)",
        "z@example.edu",
        "Dept",
        "Lab",
        "graduate",
        "Weekday lunch",
        "2",
    ]
    assert rows[2][1] == "'=HYPERLINK(1)"  # a formula stays text in a spreadsheet


def test_an_exported_file_imports_into_another_program(client: Client, cast: Cast) -> None:
    from peercircle.programs.actions.program import program_create

    upload(client, cast.program, csv_file(good_rows(4)))
    exported = client.get(reverse("signup_export", args=[cast.program.pk])).content
    other = program_create(name="Next year", coordinators=[cast.coordinator])
    assert upload(client, other, exported) == "imported"
    assert other.signups.count() == 4


def test_one_problem_is_counted_in_the_singular(client: Client, cast: Cast) -> None:
    bad = "4,X,bad-email,D,L,graduate,Weekday lunch,"
    body = upload(client, cast.program, csv_file([*good_rows(3), bad]))
    assert "1 problem found; nothing was imported." in body
