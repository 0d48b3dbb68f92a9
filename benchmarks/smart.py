"""Accuracy and speed of the SMART goal analyzer over the labelled set.

Run: .venv/bin/python -m benchmarks.smart [--repeat N] [--errors]

Prints per-dimension and deadline accuracy over each labelled set (goals.csv, written
before the rules; holdout.csv to holdout4.csv, blind.csv, fresh.csv, blind2.csv and
blind3.csv, written later; tests/smart/test_labelled_set.py says which are development,
held-out and blind), goals per CPU second on one core and the slowest goal, ready to
paste into the "SMART goal analyzer" section of docs/performance.md.
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

from peercircle.smart import MAX_GOAL_CHARS, Analysis, analyze

GOALS_PATH = Path(__file__).resolve().parent.parent / "tests" / "smart" / "goals.csv"
SETS = (
    "goals.csv",
    "holdout.csv",
    "holdout2.csv",
    "holdout3.csv",
    "holdout4.csv",
    "blind.csv",
    "fresh.csv",
    "blind2.csv",
    "blind3.csv",
)
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
    next_meeting: dt.date | None = None


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
                next_meeting=(
                    dt.date.fromisoformat(row["next_meeting"]) if row.get("next_meeting") else None
                ),
            )
            for row in csv.DictReader(handle)
        ]


def accuracy(goals: list[LabelledGoal]) -> dict[str, float]:
    """Share of goals right on each dimension, and on the deadline (None counts too)."""
    right = dict.fromkeys((*DIMENSIONS, "deadline"), 0)
    for goal in goals:
        analysis = analyze(goal.text, goal.today, goal.next_meeting)
        for name in right:
            right[name] += getattr(analysis, name) == getattr(goal, name)
    return {name: count / len(goals) for name, count in right.items()}


def errors(goals: list[LabelledGoal]) -> list[str]:
    lines = []
    for goal in goals:
        analysis: Analysis = analyze(goal.text, goal.today, goal.next_meeting)
        wrong = [
            f"{name}={getattr(analysis, name)}"
            for name in (*DIMENSIONS, "deadline")
            if getattr(analysis, name) != getattr(goal, name)
        ]
        if wrong:
            lines.append(f"{goal.text!r}: {', '.join(wrong)} (expected deadline {goal.deadline})")
    return lines


def speed(goals: list[LabelledGoal], repeat: int) -> tuple[float, float, str]:
    """Goals per second of CPU time on one core (the best of ``repeat`` passes over the set,
    so a loaded machine's other work counts as little as it can), and the slowest goal (best
    of 5 runs) in milliseconds."""
    per_second = 0.0
    for _ in range(repeat):
        start = time.process_time()
        for goal in goals:
            analyze(goal.text, goal.today, goal.next_meeting)
        per_second = max(per_second, len(goals) / (time.process_time() - start))
    slowest, slowest_text = 0.0, ""
    for goal in goals:
        took = min(_time_ms(goal.text, goal.today) for _ in range(5))
        if took > slowest:
            slowest, slowest_text = took, goal.text
    return per_second, slowest, slowest_text


def _time_ms(text: str, today: dt.date) -> float:
    began = time.process_time()
    for _ in range(10):
        analyze(text, today)
    return (time.process_time() - began) * 100  # ms per run, CPU time


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
    sets = {name: load_goals(GOALS_PATH.parent / name) for name in SETS}
    if args.errors:
        for goals in sets.values():
            print("\n".join(errors(goals)))
    scores = {name: accuracy(goals) for name, goals in sets.items()}
    everything = [goal for goals in sets.values() for goal in goals]
    per_second, slowest, slowest_text = speed(everything, args.repeat)
    sentence = "Write the methods section of chapter 2 by Friday. "
    long_goal = (sentence * (MAX_GOAL_CHARS // len(sentence) + 1))[:MAX_GOAL_CHARS]
    long_ms = min(_time_ms(long_goal, dt.date(2026, 11, 26)) for _ in range(5))
    measured = dt.datetime.now(dt.UTC).date().isoformat()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Measured {measured} on {os.cpu_count()} CPUs ({cpu_model()}), load average {load},")
    print(f"Python {platform.python_version()}; speed in CPU time (time.process_time).\n")
    print("| | " + " | ".join(f"{name} ({len(sets[name])})" for name in SETS) + " |")
    print("|---|" + "---|" * len(SETS))
    for dimension in (*DIMENSIONS, "deadline"):
        row = " | ".join(f"{scores[name][dimension]:.1%}" for name in SETS)
        print(f"| {dimension} | {row} |")
    print(f"\nSpeed: {per_second:,.0f} goals per CPU second ({1000 / per_second:.3f} ms per goal);")
    print(f"slowest goal {slowest:.2f} ms ({slowest_text[:40]!r}); a {len(long_goal)}-character")
    print(f"goal (the longest accepted) {long_ms:.2f} ms.")


if __name__ == "__main__":
    main()
