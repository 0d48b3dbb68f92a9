"""The command line contract: python -m peercircle.smart [--today YYYY-MM-DD] [--json]."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from peercircle.smart import MAX_GOAL_CHARS
from peercircle.smart.__main__ import main

ROOT = Path(__file__).resolve().parents[2]


def run(monkeypatch, capsys, stdin: str, *argv: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_json_mode_writes_one_object_per_input_line(monkeypatch, capsys):
    stdin = "Write a first draft of a manuscript by the end of the month\nread more papers\n"
    status, out, _ = run(monkeypatch, capsys, stdin, "--today", "2026-11-26", "--json")
    first, second = (json.loads(line) for line in out.splitlines())
    assert status == 0
    assert first == {
        "specific": True,
        "measurable": True,
        "attainable": True,
        "time_bound": True,
        "deadline": "2026-11-30",
        "hints": [],
        "specific_hint": "",
        "measurable_hint": "",
        "attainable_hint": "",
        "time_bound_hint": "",
        "deadline_hint": "",
        "suggested_deadline": None,
        "rewrite": None,
        "rewrite_sure": False,
        "english": True,
    }
    assert second["measurable"] is False
    assert second["deadline"] is None
    assert len(second["hints"]) == 2


def test_an_empty_line_is_answered_not_skipped(monkeypatch, capsys):
    status, out, _ = run(
        monkeypatch, capsys, "\nSubmit it by Friday\n", "--json", "--today", "2026-11-26"
    )
    lines = [json.loads(line) for line in out.splitlines()]
    assert status == 0
    assert len(lines) == 2
    assert lines[0]["specific"] is False
    assert lines[0]["hints"] == ["Empty goal: write one thing you will do, to what, and by when."]


def test_a_rejected_line_is_reported_in_place_and_the_rest_still_analysed(monkeypatch, capsys):
    stdin = "x" * (MAX_GOAL_CHARS + 1) + "\nSubmit the abstract by Friday\n"
    status, out, _ = run(monkeypatch, capsys, stdin, "--json", "--today", "2026-11-26")
    rejected, analysed = (json.loads(line) for line in out.splitlines())
    assert status == 1
    assert "limit is 2000" in rejected["error"]
    assert analysed["deadline"] == "2026-11-27"


def test_windows_line_endings_are_stripped(monkeypatch, capsys):
    _, out, _ = run(
        monkeypatch, capsys, "Submit it by Friday\r\n", "--json", "--today", "2026-11-26"
    )
    assert json.loads(out)["deadline"] == "2026-11-27"


def test_without_json_a_readable_report(monkeypatch, capsys):
    status, out, _ = run(monkeypatch, capsys, "Work on my thesis\n", "--today", "2026-11-26")
    assert status == 0
    assert out.splitlines()[:2] == [
        "Work on my thesis",
        "  specific no   measurable no   attainable yes  time-bound no   deadline none",
    ]
    assert out.count("\n  - ") == 3


@pytest.mark.parametrize("argv", [["--today", "26/11/2026"], ["--today", "2026-02-30"], ["--wat"]])
def test_bad_arguments_exit_with_2(monkeypatch, capsys, argv):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert "usage" in capsys.readouterr().err


def test_no_input_writes_nothing_and_succeeds(monkeypatch, capsys):
    assert run(monkeypatch, capsys, "", "--json", "--today", "2026-11-26") == (0, "", "")


def test_the_module_runs_with_python_dash_m():
    completed = subprocess.run(
        [sys.executable, "-m", "peercircle.smart", "--today", "2026-11-26", "--json"],
        input="Get my paper accepted\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["attainable"] is False


def test_next_meeting_gives_by_the_next_meeting_its_date(monkeypatch, capsys):
    stdin = "Send the revised figures to Ana by the next meeting\n"
    argv = ("--today", "2027-03-10", "--next-meeting", "2027-03-24", "--json")
    status, out, _ = run(monkeypatch, capsys, stdin, *argv)
    assert status == 0
    assert json.loads(out)["deadline"] == "2027-03-24"


def test_without_next_meeting_the_goal_is_bound_but_has_no_date(monkeypatch, capsys):
    stdin = "Send the revised figures to Ana by the next meeting\n"
    status, out, _ = run(monkeypatch, capsys, stdin, "--today", "2027-03-10", "--json")
    answer = json.loads(out)
    assert (status, answer["time_bound"], answer["deadline"]) == (0, True, None)


def test_a_bad_next_meeting_date_is_a_usage_error(monkeypatch, capsys):
    with pytest.raises(SystemExit) as stopped:
        run(monkeypatch, capsys, "x\n", "--next-meeting", "24.3.")
    assert stopped.value.code == 2
