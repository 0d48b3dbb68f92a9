"""Command line: form groups from a sign-ups CSV file.

    python -m peercircle.formation SIGNUPS.csv --min-size 5 --max-size 8 --target 6 \\
        --stage same --out GROUPS.csv [--report REPORT.json] [--seed N] [--time-limit S]

Exit status: 0 when groups were written (some people may be unplaced; the report says
why), 1 when the sign-ups file is invalid (every problem is listed with its line and
column), 2 for bad arguments, impossible settings, or an output path that cannot be
written (checked before solving). Nothing is written unless the exit status is 0: both
outputs go to temporary files that are renamed only once both are complete.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from peercircle.formation.explain import status_text
from peercircle.formation.model import Formation, InfeasibleSettings, Person, Settings
from peercircle.formation.score import common_slots
from peercircle.formation.signups import Problem, check_signups
from peercircle.formation.solver import check_settings, form_groups

INVALID_FILE = 1
BAD_ARGUMENTS = 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    settings = Settings(
        min_size=args.min_size,
        max_size=args.max_size,
        target_size=args.target,
        stage=args.stage,
    )
    try:
        check_settings(settings)
    except InfeasibleSettings as error:
        parser.error(str(error))
    # Checked before the work, so that a typo in a path never costs a long solve.
    path_problem = _output_problem(args.signups, args.out, args.report)
    if path_problem:
        parser.error(path_problem)
    try:
        data = Path(args.signups).read_bytes()
    except OSError as error:
        print(f"{args.signups}: cannot read: {error.strerror}", file=sys.stderr)
        return INVALID_FILE
    checked = check_signups(data)
    people, errors, warnings = checked
    _print_problems(args.signups, errors, warnings, bool(args.report))
    if errors:
        print(
            f"{len(errors)} error(s), {len(warnings)} warning(s); nothing written.",
            file=sys.stderr,
        )
        return INVALID_FILE
    started = time.monotonic()
    bar = ProgressBar(sys.stderr, started)
    try:
        formation = form_groups(
            people, settings, seed=args.seed, time_limit=args.time_limit, progress=bar.update
        )
    except InfeasibleSettings as error:
        bar.clear()
        print(f"impossible settings: {error}", file=sys.stderr)
        return BAD_ARGUMENTS
    bar.clear()
    seconds = time.monotonic() - started
    outputs = {args.out: _groups_csv(people, formation, checked.names)}
    if args.report:
        report = _report(people, settings, formation, args.seed, seconds, checked.names)
        report["warnings"] = [_problem_json(w) for w in warnings]
        outputs[args.report] = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    try:
        _write_all(outputs)
    except OSError as error:
        print(f"cannot write {error.filename}: {error.strerror}; nothing written.", file=sys.stderr)
        return BAD_ARGUMENTS
    _summary(formation, people, seconds, args.out, args.report)
    return 0


_SHOWN = 20  # warnings printed before "and N more"


def _print_problems(
    filename: str, errors: list[Problem], warnings: list[Problem], reported: bool
) -> None:
    """Every error, and the first warnings (all go to the report), in file order."""
    shown = [(p, "") for p in errors] + [(p, "warning") for p in warnings[:_SHOWN]]
    for problem, kind in sorted(shown, key=lambda item: (item[0].line, item[0].column)):
        print(problem.format(filename, kind), file=sys.stderr)
    if len(warnings) > _SHOWN:
        where = "the report lists them all" if reported else "add --report to see them all"
        print(f"... and {len(warnings) - _SHOWN} more warning(s); {where}", file=sys.stderr)


def _problem_json(problem: Problem) -> dict[str, object]:
    return {
        "line": problem.line,
        "column": problem.column,
        "id": problem.person,
        "message": problem.message,
    }


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m peercircle.formation",
        description="Form peer-mentoring groups that share a meeting slot.",
    )
    parser.add_argument("signups", metavar="SIGNUPS.csv")
    parser.add_argument("--min-size", type=int, default=5, help="default 5")
    parser.add_argument("--max-size", type=int, default=8, help="default 8")
    parser.add_argument("--target", type=int, default=6, help="preferred group size, default 6")
    parser.add_argument(
        "--stage",
        choices=("same", "any"),
        default="same",
        help="one career stage per group (same, the default) or mixed (any)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--time-limit", type=_positive, metavar="SECONDS")
    parser.add_argument("--out", required=True, metavar="GROUPS.csv")
    parser.add_argument("--report", metavar="REPORT.json")
    return parser


def _positive(value: str) -> float:
    number = float(value)
    if not number > 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, not {value}")
    return number


def _groups_csv(
    people: Sequence[Person], formation: Formation, names: Mapping[str, tuple[str, str]]
) -> str:
    where = {m: (str(g.number), g.slot) for g in formation.groups for m in g.members}
    reasons = {u.person: u.reason for u in formation.unplaced}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "name", "email", "group", "slot", "reason left out"])
    for person in people:
        name, email = names.get(person.id, ("", ""))
        writer.writerow(
            [person.id, name, email, *where.get(person.id, ("", "")), reasons.get(person.id, "")]
        )
    return out.getvalue()


def _report(
    people: Sequence[Person],
    settings: Settings,
    formation: Formation,
    seed: int,
    seconds: float,
    names: Mapping[str, tuple[str, str]],
) -> dict[str, object]:
    by_id = {person.id: person for person in people}
    groups = []
    for group in formation.groups:
        members = [by_id[m] for m in group.members]
        groups.append(
            {
                "group": group.number,
                "slot": group.slot,
                "common_slots": sorted(common_slots(members)),
                "members": list(group.members),
                "names": [names.get(m, ("", ""))[0] for m in group.members],
                "departments": dict(sorted(Counter(m.department for m in members).items())),
                "stages": dict(sorted(Counter(m.stage for m in members).items())),
            }
        )
    score, bounds = formation.score, formation.bounds
    return {
        "settings": {
            "min_size": settings.min_size,
            "max_size": settings.max_size,
            "target_size": settings.target_size,
            "stage": settings.stage,
            "seed": seed,
        },
        "groups": groups,
        "unplaced": [
            {
                "id": u.person,
                "name": names.get(u.person, ("", ""))[0],
                "reason": u.reason,
                "fix": u.fix,
            }
            for u in formation.unplaced
        ],
        "objective": {
            "placed": score.placed,
            "unplaced": len(formation.unplaced),
            "department": score.department,
            "size": score.size,
        },
        "bounds": {
            "placed_upper": bounds.placed,
            "placed_proved_optimal": bounds.placed_proved,
            "department_lower": bounds.department,
        },
        "complete": formation.complete,
        "status": formation.status,
        "status_text": status_text(formation),
        "seconds": round(seconds, 3),
    }


def _output_problem(signups: str, out: str, report: str | None) -> str | None:
    """Why the output paths cannot be written, or None when they look fine."""
    paths = [("--out", out)] + ([("--report", report)] if report else [])
    if report and Path(report).resolve() == Path(out).resolve():
        return "--out and --report name the same file"
    for flag, path in paths:
        target = Path(path)
        if target.resolve() == Path(signups).resolve():
            return f"{flag} {path} would overwrite the sign-ups file"
        if target.is_dir():
            return f"{flag} {path} is a folder; give a file name"
        folder = target.parent
        if not folder.is_dir():
            return f"{flag} {path}: the folder {folder} does not exist"
        if not os.access(folder, os.W_OK | os.X_OK):
            return f"{flag} {path}: cannot write in the folder {folder}"
        if target.exists() and not os.access(target, os.W_OK):
            return f"{flag} {path}: the file is read-only"
    return None


def _write_all(outputs: dict[str, str]) -> None:
    """Write every file or none: each goes to a temporary file first, renamed at the end."""
    temporaries: list[tuple[str, Path]] = []
    try:
        for path, text in outputs.items():
            target = Path(path)
            handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
            temporaries.append((temporary, target))
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
                file.write(text)
        done: list[Path] = []
        try:
            for temporary, target in temporaries:
                os.replace(temporary, target)
                done.append(target)
        except OSError:
            # One output without the other would mislead: take back what was renamed.
            for target in done:
                target.unlink(missing_ok=True)
            raise
    finally:
        for temporary, _ in temporaries:
            Path(temporary).unlink(missing_ok=True)


def _summary(
    formation: Formation,
    people: Sequence[Person],
    seconds: float,
    out: str,
    report: str | None,
) -> None:
    for line in summary_lines(formation, people):
        print(line, file=sys.stderr)
    if formation.unplaced:
        where = f"the last column of {out}" + (f" and 'unplaced' in {report}" if report else "")
        print(f"why each one left out is, and what would let them in: {where}", file=sys.stderr)
    print(f"{seconds:.1f} s", file=sys.stderr)


def summary_lines(formation: Formation, people: Sequence[Person]) -> list[str]:
    """The outcome in words a coordinator reads: placed, departments, cut short or not."""
    score = formation.score
    placed = status_text(formation)
    lines = [f"{score.placed} of {len(people)} placed in {len(formation.groups)} groups ({placed})"]
    if formation.groups:
        lines.append(_departments_line(formation, people))
    if formation.status == "cut_short":
        lines.append(
            "the search was cut short by the time limit: these are the best groups found by "
            "then; more time may place more or spread departments better"
        )
    return lines


def _departments_line(formation: Formation, people: Sequence[Person]) -> str:
    department = {person.id: person.department for person in people}
    mixed = sum(
        len({department[m] for m in group.members}) == len(group.members)
        for group in formation.groups
    )
    term, bound = formation.score.department, formation.bounds.department
    best = "the best spread possible" if term == bound else f"no grouping has fewer than {bound}"
    return (
        f"departments: {mixed} of {len(formation.groups)} groups have no two members from one "
        f"department; {term} member(s) join a department already in their group ({best})"
    )


class ProgressBar:
    """A one-line progress bar on a terminal, shown once a run has lasted a second."""

    WIDTH = 30

    def __init__(self, stream: TextIO, started: float) -> None:
        self.stream = stream
        self.started = started
        self.shown = False

    def update(self, fraction: float, message: str) -> None:
        if not self.stream.isatty() or time.monotonic() - self.started < 1.0:
            return
        filled = round(self.WIDTH * min(max(fraction, 0.0), 1.0))
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\r[{bar}] {fraction:4.0%} {message[:48]:<48}")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * (self.WIDTH + 56) + "\r")
            self.stream.flush()


if __name__ == "__main__":
    sys.exit(main())
