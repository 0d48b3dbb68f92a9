"""Accuracy and speed of the SMART goal analyzer over the labelled set.

Run: .venv/bin/python -m benchmarks.smart [--repeat N] [--errors]

Prints per-dimension accuracy, deadline accuracy, goals per second and the slowest goal,
ready to paste into the "SMART goal analyzer" section of docs/performance.md.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import platform
import time
from dataclasses import dataclass
from pathlib import Path

from peercircle.smart import Analysis, analyze

GOALS_PATH = Path(__file__).resolve().parent.parent / "tests" / "smart" / "goals.csv"
DIMENSIONS = ("specific", "measurable", "attainable", "time_bound")


@dataclass(frozen=True)
class LabelledGoal:
    text: str
    today: dt.date
    specific: bool
    measurable: bool
    attainable: bool
    time_bound: bool
    deadline: dt.date | None


def load_goals(path: Path = GOALS_PATH) -> list[LabelledGoal]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            LabelledGoal(
                text=row["text"],
                today=dt.date.fromisoformat(row["today"]),
                specific=row["specific"] == "1",
                measurable=row["measurable"] == "1",
                attainable=row["attainable"] == "1",
                time_bound=row["time_bound"] == "1",
                deadline=dt.date.fromisoformat(row["deadline"]) if row["deadline"] else None,
            )
            for row in csv.DictReader(handle)
        ]


def accuracy(goals: list[LabelledGoal]) -> dict[str, float]:
    """Share of goals right on each dimension, and on the deadline (None counts too)."""
    right = dict.fromkeys((*DIMENSIONS, "deadline"), 0)
    for goal in goals:
        analysis = analyze(goal.text, goal.today)
        for name in right:
            right[name] += getattr(analysis, name) == getattr(goal, name)
    return {name: count / len(goals) for name, count in right.items()}


def errors(goals: list[LabelledGoal]) -> list[str]:
    lines = []
    for goal in goals:
        analysis: Analysis = analyze(goal.text, goal.today)
        wrong = [
            f"{name}={getattr(analysis, name)}"
            for name in (*DIMENSIONS, "deadline")
            if getattr(analysis, name) != getattr(goal, name)
        ]
        if wrong:
            lines.append(f"{goal.text!r}: {', '.join(wrong)} (expected deadline {goal.deadline})")
    return lines


def speed(goals: list[LabelledGoal], repeat: int) -> tuple[float, float, str]:
    """Goals per second over the set, and the slowest single goal in milliseconds."""
    start = time.perf_counter()
    for _ in range(repeat):
        for goal in goals:
            analyze(goal.text, goal.today)
    per_second = repeat * len(goals) / (time.perf_counter() - start)
    slowest, slowest_text = 0.0, ""
    for goal in goals:
        began = time.perf_counter()
        analyze(goal.text, goal.today)
        took = (time.perf_counter() - began) * 1000
        if took > slowest:
            slowest, slowest_text = took, goal.text
    return per_second, slowest, slowest_text


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--repeat", type=int, default=20)
    cli.add_argument("--errors", action="store_true", help="list the goals it gets wrong")
    args = cli.parse_args()
    goals = load_goals()
    if args.errors:
        print("\n".join(errors(goals)))
    scores = accuracy(goals)
    per_second, slowest, slowest_text = speed(goals, args.repeat)
    long_goal = "Write the methods section of chapter 2 by Friday. " * 39
    began = time.perf_counter()
    analyze(long_goal, dt.date(2026, 11, 26))
    long_ms = (time.perf_counter() - began) * 1000
    measured = dt.datetime.now(dt.UTC).date().isoformat()
    print(f"Measured {measured} on {os.cpu_count()} CPUs, {cpu_model()},")
    print(f"Python {platform.python_version()}, {len(goals)} labelled goals.\n")
    print("| dimension | accuracy |")
    print("|---|---|")
    for name, share in scores.items():
        print(f"| {name} | {share:.1%} |")
    print(f"\nSpeed: {per_second:,.0f} goals per second ({1000 / per_second:.3f} ms per goal);")
    print(f"slowest goal {slowest:.2f} ms ({slowest_text[:50]!r});")
    print(f"a {len(long_goal)}-character goal {long_ms:.2f} ms.")


if __name__ == "__main__":
    main()
