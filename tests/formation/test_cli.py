"""The command line's contract: columns, exit codes, line-numbered errors, determinism."""

import csv
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from peercircle.formation.__main__ import ProgressBar, main

HEADER = "id,name,email,department,lab,stage,availability,avoid\n"
ARGS = ["--min-size", "5", "--max-size", "8", "--target", "6", "--stage", "same"]


def _signups(count: int = 12) -> str:
    rows = [
        f'p{i},"Doe, Jo {i}",jo{i}@uni.edu,dept{i % 4},lab{i % 6},graduate,mon;tue,'
        for i in range(count)
    ]
    return HEADER + "\n".join(rows) + "\n"


def _run(tmp_path: Path, content: str | bytes, *extra: str) -> tuple[int, Path, Path]:
    source = tmp_path / "signups.csv"
    if isinstance(content, str):
        content = content.encode()
    source.write_bytes(content)
    out, report = tmp_path / "groups.csv", tmp_path / "report.json"
    code = main([str(source), *ARGS, "--out", str(out), "--report", str(report), *extra])
    return code, out, report


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_writes_one_row_per_sign_up_with_group_and_slot(tmp_path):
    code, out, _ = _run(tmp_path, _signups(12))
    assert code == 0
    rows = _rows(out)
    assert list(rows[0]) == ["id", "name", "email", "group", "slot", "reason left out"]
    assert rows[0]["name"] == "Doe, Jo 0" and rows[0]["email"] == "jo0@uni.edu"
    assert [r["id"] for r in rows] == [f"p{i}" for i in range(12)]
    assert all(r["group"] and r["slot"] in {"mon", "tue"} for r in rows)


def test_report_has_groups_unplaced_objective_bounds_and_seconds(tmp_path):
    content = _signups(12) + "loner,Lo,lo@uni.edu,x,,faculty,sun,\n"
    code, out, report_path = _run(tmp_path, content)
    assert code == 0
    report = json.loads(report_path.read_text(encoding="utf-8"))
    group = report["groups"][0]
    assert set(group) == {
        "group",
        "slot",
        "common_slots",
        "members",
        "names",
        "departments",
        "stages",
    }
    assert group["slot"] in group["common_slots"]
    assert report["unplaced"][0]["id"] == "loner"
    assert "no slot they can make" in report["unplaced"][0]["reason"]
    assert report["objective"] == {
        "placed": 12,
        "unplaced": 1,
        "department": report["objective"]["department"],
        "size": report["objective"]["size"],
    }
    assert report["bounds"]["placed_upper"] == 12
    assert "department_lower" in report["bounds"]
    assert report["seconds"] >= 0
    last = _rows(out)[-1]
    assert (last["id"], last["name"], last["group"], last["slot"]) == ("loner", "Lo", "", "")
    assert last["reason left out"].startswith("no slot they can make")
    assert report["unplaced"][0]["name"] == "Lo"


def test_accepts_bom_spreadsheet_quoting_extra_columns_and_emails_in_avoid(tmp_path):
    rows = [
        f'p{i},"Name with ""quotes"", and comma",p{i}@uni.edu,dept{i},lab{i},graduate,'
        f'" mon ; tue ",{"P1@uni.edu" if i == 0 else ""},extra'
        for i in range(6)
    ]
    content = "\ufeff" + HEADER.strip() + ",notes\n" + "\r\n".join(rows) + "\r\n"
    code, out, report_path = _run(tmp_path, content.encode("utf-8"))
    assert code == 0
    groups = json.loads(report_path.read_text())["groups"]
    # p0 asked to avoid p1 (by email), so with six people only five can be placed.
    assert sum(len(g["members"]) for g in groups) == 5
    assert _rows(out)[0]["id"] == "p0"


def test_every_error_is_reported_with_line_and_column_and_nothing_is_written(tmp_path, capsys):
    content = (
        HEADER
        + "p1,A,a@x,d,l,graduate,mon,\n"
        + "p1,B,b@x,d,l,graduate,mon,\n"  # duplicate id, line 3 column 1
        + 'p2,"C\nsecond line",c@x,d,l,graduate,,\n'  # empty availability, line 4 column 7
        + "p3,D,d@x,d,l,graduate,mon,ghost\n"  # avoid names nobody, line 6 column 8
    )
    code, out, report = _run(tmp_path, content)
    assert code == 1
    assert not out.exists() and not report.exists()
    errors = capsys.readouterr().err.splitlines()
    source = str(tmp_path / "signups.csv")
    assert errors[:3] == [
        f"{source}:3:1: duplicate id 'p1' (first on line 2)",
        f"{source}:4:7: empty availability",
        f"{source}:6:8: avoid names 'ghost', which is no sign-up's id or email",
    ]
    assert errors[3] == "3 error(s), 0 warning(s); nothing written."


def test_missing_column_is_reported_on_the_header_line(tmp_path, capsys):
    code, out, _ = _run(
        tmp_path, "id,name,email,department,lab,stage,avoid\np1,A,a,d,l,graduate,\n"
    )
    assert code == 1 and not out.exists()
    assert ":1:8: missing column 'availability'" in capsys.readouterr().err


def test_a_file_that_is_not_utf8_is_refused_with_its_position(tmp_path, capsys):
    content = HEADER.encode() + "p1,Jos\u00e9,j@x,d,l,graduate,mon,\n".encode("latin-1")
    code, out, _ = _run(tmp_path, content)
    assert code == 1 and not out.exists()
    assert ":2:2: not UTF-8 (byte 0xe9)" in capsys.readouterr().err  # the name column


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (HEADER + 'p1,"unclosed,a@x,d,l,graduate,mon,\n', ":2:0: not valid CSV"),
        (b"\x00\x01\x02binary", ":1:0: not a CSV file"),
        ("", ":1:0: the file is empty"),
        (HEADER, ":1:0: no sign-ups after the header"),
    ],
)
def test_a_file_that_is_not_csv_is_refused(tmp_path, capsys, content, message):
    code, out, _ = _run(tmp_path, content)
    assert code == 1 and not out.exists()
    assert message in capsys.readouterr().err


def test_impossible_settings_exit_2_without_output(tmp_path, capsys):
    source = tmp_path / "signups.csv"
    source.write_text(_signups())
    out = tmp_path / "groups.csv"
    argv = [str(source), "--min-size", "6", "--max-size", "5", "--target", "5"]
    with pytest.raises(SystemExit) as exit_info:
        main([*argv, "--stage", "same", "--out", str(out)])
    assert exit_info.value.code == 2
    assert "exceeds the maximum" in capsys.readouterr().err
    assert not out.exists()


def test_missing_required_argument_exits_2(tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        main([str(tmp_path / "x.csv"), "--min-size", "5"])
    assert exit_info.value.code == 2


def test_unreadable_file_exits_1(tmp_path, capsys):
    out = tmp_path / "groups.csv"
    code = main([str(tmp_path / "absent.csv"), *ARGS, "--out", str(out)])
    assert code == 1 and "cannot read" in capsys.readouterr().err and not out.exists()


def test_same_seed_writes_the_same_files(tmp_path):
    content = _signups(40)
    first = tmp_path / "a"
    second = tmp_path / "b"
    first.mkdir()
    second.mkdir()
    _run(first, content, "--seed", "3")
    _run(second, content, "--seed", "3")
    assert (first / "groups.csv").read_bytes() == (second / "groups.csv").read_bytes()
    report_a = json.loads((first / "report.json").read_text())
    report_b = json.loads((second / "report.json").read_text())
    report_a.pop("seconds"), report_b.pop("seconds")
    assert report_a == report_b


def test_runs_as_a_module_without_a_progress_bar_when_not_a_terminal(tmp_path):
    source = tmp_path / "signups.csv"
    source.write_text(_signups(10))
    out = tmp_path / "groups.csv"
    command = [sys.executable, "-m", "peercircle.formation", str(source), *ARGS]
    # The command is this interpreter and fixed arguments, nothing untrusted.
    done = subprocess.run(  # noqa: S603
        [*command, "--out", str(out)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert "\r" not in done.stderr and "[#" not in done.stderr
    assert "10 of 10 placed in 2 groups (proved the most possible)" in done.stderr
    assert len(_rows(out)) == 10


def test_sizes_and_stage_default_to_five_to_eight_target_six_same(tmp_path):
    source = tmp_path / "signups.csv"
    source.write_text(_signups(12))
    out = tmp_path / "groups.csv"
    assert main([str(source), "--out", str(out)]) == 0
    assert {r["group"] for r in _rows(out)} == {"1", "2"}


class _Terminal(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_progress_bar_shows_on_a_terminal_only_after_a_second():
    terminal = _Terminal(tty=True)
    bar = ProgressBar(terminal, started=time.monotonic())
    bar.update(0.1, "placing phd")
    assert terminal.getvalue() == ""  # the first second stays quiet
    bar.started -= 2
    bar.update(0.5, "placing phd")
    assert "[###############---------------]  50% placing phd" in terminal.getvalue()
    bar.clear()
    assert terminal.getvalue().endswith("\r")


def test_progress_bar_stays_silent_when_not_a_terminal():
    pipe = _Terminal(tty=False)
    bar = ProgressBar(pipe, started=time.monotonic() - 10)
    bar.update(0.5, "placing phd")
    bar.clear()
    assert pipe.getvalue() == ""


def test_semicolon_separated_export_gets_a_hint(tmp_path, capsys):
    content = HEADER.replace(",", ";") + "p1;A;a@x;d;l;phd;mon;\n"
    code, out, _ = _run(tmp_path, content)
    assert code == 1 and not out.exists()
    assert (
        ":1:1: columns are separated by ';'; save the file as CSV with commas"
        in capsys.readouterr().err
    )


def test_output_does_not_depend_on_python_hash_randomisation(tmp_path):
    source = tmp_path / "signups.csv"
    source.write_text(_signups(40))
    outputs = []
    for hash_seed in ("1", "2"):
        out = tmp_path / f"groups-{hash_seed}.csv"
        command = [sys.executable, "-m", "peercircle.formation", str(source), *ARGS]
        # The command is this interpreter and fixed arguments, nothing untrusted.
        subprocess.run(  # noqa: S603
            [*command, "--out", str(out), "--seed", "3"],
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
            capture_output=True,
            check=True,
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def _argv(tmp_path: Path, out: Path, report: Path | None = None) -> list[str]:
    source = tmp_path / "signups.csv"
    source.write_text(_signups(12))
    argv = [str(source), *ARGS, "--out", str(out)]
    return argv + (["--report", str(report)] if report else [])


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name != "signups.csv")


@pytest.mark.parametrize(
    ("out", "report", "message"),
    [
        ("absent/groups.csv", None, "--out {t}/absent/groups.csv: the folder {t}/absent does not"),
        (".", None, "--out . is a folder; give a file name"),
        ("groups.csv", "absent/r.json", "--report {t}/absent/r.json: the folder {t}/absent does"),
        ("groups.csv", "sub", "--report {t}/sub is a folder"),
        ("groups.csv", "groups.csv", "--out and --report name the same file"),
        ("signups.csv", None, "would overwrite the sign-ups file"),
    ],
)
def test_bad_output_paths_are_refused_before_solving_and_nothing_is_written(
    tmp_path, capsys, out, report, message
):
    (tmp_path / "sub").mkdir()
    out_path = tmp_path / out if out != "." else Path(".")
    report_path = tmp_path / report if report else None
    with pytest.raises(SystemExit) as exit_info:
        main(_argv(tmp_path, out_path, report_path))
    assert exit_info.value.code == 2
    assert message.format(t=tmp_path) in capsys.readouterr().err
    assert _leftovers(tmp_path) == ["sub"]


def test_a_failed_write_leaves_neither_file_nor_temporary(tmp_path, capsys, monkeypatch):
    out, report = tmp_path / "groups.csv", tmp_path / "report.json"
    real_replace = os.replace

    def replace_then_fail(source, target):
        if str(target).endswith(".json"):
            raise OSError(28, "No space left on device", str(target))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace_then_fail)
    code = main(_argv(tmp_path, out, report))
    assert code == 2
    assert "No space left on device; nothing written" in capsys.readouterr().err
    assert not report.exists() and not out.exists()
    assert not list(tmp_path.glob("*.tmp"))


def test_warnings_are_printed_with_position_and_listed_in_the_report(tmp_path, capsys):
    content = _signups(12) + "p12,Z,z@x,dept0,LAB0,graduate,mon,p12\n"
    code, _, report_path = _run(tmp_path, content)
    assert code == 0
    err = capsys.readouterr().err
    source = str(tmp_path / "signups.csv")
    assert f"{source}:14:5: warning: lab 'LAB0' read as 'lab0' (line 2)" in err
    assert f"{source}:14:8: warning: avoid names 'p12', the person themself; ignored" in err
    warnings = json.loads(report_path.read_text())["warnings"]
    assert [(w["line"], w["column"], w["id"]) for w in warnings] == [(14, 5, "p12"), (14, 8, "p12")]


def test_many_warnings_are_capped_on_screen_but_all_in_the_report(tmp_path, capsys):
    content = _signups(30).replace(",graduate,", ",,")
    code, _, report_path = _run(tmp_path, content)
    assert code == 0
    err = capsys.readouterr().err
    assert err.count("warning: blank stage") == 20
    assert "... and 10 more warning(s); the report lists them all" in err
    assert len(json.loads(report_path.read_text())["warnings"]) == 30


def test_summary_says_how_spread_departments_are_and_points_to_the_reasons(tmp_path, capsys):
    content = _signups(12) + "loner,Lo,lo@uni.edu,x,,graduate,sun,\n"
    code, out, report = _run(tmp_path, content)
    assert code == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "12 of 13 placed in 2 groups (proved the most possible)"
    assert err[1].startswith("departments: 0 of 2 groups have no two members from one department;")
    assert err[1].endswith("join a department already in their group (the best spread possible)")
    assert err[2] == (
        f"why each one left out is, and what would let them in: the last column of {out} "
        f"and 'unplaced' in {report}"
    )
    assert "term" not in " ".join(err) and "bound" not in " ".join(err)


def test_a_time_limit_too_short_for_any_group_says_so_honestly(tmp_path, capsys):
    code, out, report_path = _run(tmp_path, _signups(12), "--time-limit", "1e-9")
    assert code == 0
    err = capsys.readouterr().err
    assert (
        "0 of 12 placed in 0 groups (cut short by the time limit; at most 12 are possible)" in err
    )
    assert "the search was cut short by the time limit" in err
    report = json.loads(report_path.read_text())
    assert report["complete"] is False
    assert report["status"] == "cut_short"
    assert report["status_text"] == "cut short by the time limit; at most 12 are possible"
    assert report["bounds"]["placed_proved_optimal"] is False
    assert {u["reason"] for u in report["unplaced"]} == {
        "the time limit ran out before the graduate stage could be grouped"
    }
    assert _rows(out)[0]["reason left out"].startswith("the time limit ran out")
