"""Benchmark the group formation engine on realistic sign-ups, against CP-SAT.

Run from the repository root::

    .venv/bin/python -m benchmarks.formation            # the table in docs/performance.md
    .venv/bin/python -m benchmarks.formation --sizes 200 1000 --oracle 200

Each instance runs in a fresh process so that its peak memory can be read. CP-SAT (a
development dependency) proves the most people that can be placed on instances up to the
``--oracle`` size; the tests import :func:`generate` and :func:`cpsat_most_placed` too.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime

from benchmarks.formation_oracle import cpsat_least_department, cpsat_most_placed
from peercircle.formation import Person, Settings, form_groups, violations

SLOTS = (
    "mon-evening",
    "tue-breakfast",
    "wed-evening",
    "thu-breakfast",
    "fri-lunch",
    "sat-brunch",
)
STAGES = (("graduate", 0.60), ("postdoc", 0.25), ("faculty", 0.15))


def generate(n: int, seed: int, *, tight: bool = False) -> list[Person]:
    """Realistic sign-ups: unequal departments, labs of 1-20, mostly graduate students.

    About a third can make a single slot (half of everyone when ``tight``, when the rest
    can make two at most), slots differ in popularity, and about one person in fifty asks
    to avoid someone of their own department.
    """
    rng = random.Random(seed)
    departments = max(4, n // 40)
    weights = [1 / (rank + 1) ** 1.2 for rank in range(departments)]
    slot_weights = [1.6, 1.0, 1.4, 0.8, 0.6, 1.2]
    people: list[Person] = []
    lab_left: dict[int, int] = defaultdict(int)
    lab_name: dict[int, str] = {}
    for i in range(n):
        dept = rng.choices(range(departments), weights)[0]
        if lab_left[dept] == 0:
            lab_left[dept] = rng.choice([1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20])
            lab_name[dept] = f"lab-{dept}-{i}"
        lab_left[dept] -= 1
        stage = rng.choices([s for s, _ in STAGES], [w for _, w in STAGES])[0]
        people.append(
            Person(
                id=f"p{i:06d}",
                department=f"dept-{dept:03d}",
                lab="" if rng.random() < 0.05 else lab_name[dept],
                stage=stage,
                availability=_availability(rng, slot_weights, tight),
            )
        )
    return _with_avoid_pairs(people, rng)


def _availability(rng: random.Random, weights: list[float], tight: bool) -> frozenset[str]:
    if rng.random() < (0.5 if tight else 1 / 3):
        return frozenset(rng.choices(SLOTS, weights))
    count = 2 if tight else rng.choice([2, 2, 3, 3, 4, 5])
    chosen: set[str] = set()
    while len(chosen) < count:
        chosen.add(rng.choices(SLOTS, weights)[0])
    return frozenset(chosen)


def _with_avoid_pairs(people: list[Person], rng: random.Random) -> list[Person]:
    by_department: dict[str, list[int]] = defaultdict(list)
    for index, person in enumerate(people):
        by_department[person.department].append(index)
    avoid: dict[int, set[str]] = defaultdict(set)
    for _ in range(max(1, len(people) // 50)):
        first = rng.randrange(len(people))
        colleagues = by_department[people[first].department]
        second = rng.choice(colleagues)
        if second != first:
            avoid[first].add(people[second].id)
    return [
        Person(p.id, p.department, p.lab, p.stage, p.availability, frozenset(avoid[i]))
        for i, p in enumerate(people)
    ]


def dense_avoid(n: int, seed: int) -> list[Person]:
    """Sign-ups where everyone avoids two to four others of their own stage.

    Few slots (evenings most popular), small labs, two or three stages: the avoid pairs,
    not the slots, decide who can be placed.
    """
    rng = random.Random(seed)
    slots = SLOTS[: rng.randint(2, 4)]
    stages = ["graduate", "postdoc", "faculty"][: rng.randint(1, 3)]
    people = []
    for i in range(n):
        count = rng.choice([1, 1, 2, 2, 3])
        people.append(
            Person(
                id=f"p{i:03d}",
                department=f"dept-{rng.randrange(5)}",
                lab=f"lab-{rng.randrange(max(2, n // 3))}" if rng.random() < 0.8 else "",
                stage=rng.choice(stages),
                availability=frozenset(rng.sample(slots, min(count, len(slots)))),
            )
        )
    by_stage: dict[str, list[str]] = defaultdict(list)
    for person in people:
        by_stage[person.stage].append(person.id)
    avoided = []
    for person in people:
        mates = [pid for pid in by_stage[person.stage] if pid != person.id]
        chosen = rng.sample(mates, min(len(mates), rng.randint(2, 4)))
        avoided.append(frozenset(chosen))
    return [
        Person(p.id, p.department, p.lab, p.stage, p.availability, avoid)
        for p, avoid in zip(people, avoided, strict=True)
    ]


def run_one(n: int, tight: bool, oracle: int, seed: int) -> dict:
    people = generate(n, seed, tight=tight)
    settings = Settings(min_size=5, max_size=8, target_size=6, stage="same")
    started, cpu_started = time.perf_counter(), time.process_time()
    result = form_groups(people, settings, seed=seed)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    by_id = {person.id: person for person in people}
    row: dict[str, object] = {
        "n": n,
        "variant": "tight" if tight else "normal",
        "seconds": round(seconds, 2),
        "cpu": round(cpu, 2),
        "placed": result.score.placed,
        "placed_bound": result.bounds.placed,
        "proved": result.bounds.placed_proved,
        "department": result.score.department,
        "department_bound": result.bounds.department,
        "violations": len(violations(result.groups, by_id, settings)),
        "groups": len(result.groups),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    if n <= oracle:
        optimum, proved = cpsat_most_placed(people, settings)
        row["cpsat"] = optimum if proved else None
        least, proved = cpsat_least_department(people, settings)
        row["cpsat_department"] = least if proved else f"{least} (not proved)"
    return row


SWEEP_SETTINGS = [
    Settings(5, 8, 6, "same"),
    Settings(5, 8, 6, "any"),
    Settings(4, 6, 5, "same"),
    Settings(6, 8, 7, "same"),
    Settings(3, 5, 4, "same"),
]


def sweep(seeds: int) -> None:
    """Most placed against CP-SAT on realistic instances of 30 to 200 sign-ups.

    Prints every instance where the engine places fewer than CP-SAT's best, breaks a
    hard constraint, or where either side could not prove its optimum, then a summary.
    """
    checked = short = unproved = 0
    for seed in range(seeds):
        for n in (30, 60, 100, 150, 200):
            for tight in (False, True):
                settings = SWEEP_SETTINGS[(seed + n) % len(SWEEP_SETTINGS)]
                people = generate(n, seed * 1000 + n, tight=tight)
                result = form_groups(people, settings, seed=seed)
                broken = violations(result.groups, {p.id: p for p in people}, settings)
                optimum, proved = cpsat_most_placed(people, settings)
                checked += 1
                short += result.score.placed < optimum or bool(broken)
                unproved += not (proved and result.bounds.placed_proved)
                if broken or result.score.placed != optimum or not proved:
                    print(
                        f"seed {seed} n {n} tight {tight} {settings}: placed "
                        f"{result.score.placed} (proved {result.bounds.placed_proved}), "
                        f"CP-SAT {optimum} (proved {proved}), violations {len(broken)}",
                        flush=True,
                    )
    print(f"{checked} instances; {short} placed fewer than CP-SAT; {unproved} not proved by both")


def replicated(copies: int, seed: int = 7) -> list[Person]:
    """One 40-person program copied ``copies`` times: its labs grow to hundreds or thousands,
    which once stopped the search before it matched the copies' own best. Ids and avoid
    pairs stay within each copy."""
    base = generate(40, seed)
    people = []
    for copy in range(copies):
        people += [
            Person(
                f"{p.id}-{copy:04d}",
                p.department,
                p.lab,
                p.stage,
                p.availability,
                frozenset(f"{a}-{copy:04d}" for a in p.avoid),
            )
            for p in base
        ]
    return people


def dense_sweep(seeds: int) -> None:
    """Most placed against CP-SAT on the dense-avoid instances (everyone avoids 2-4)."""
    configs = [
        Settings(5, 8, 6, "same"),
        Settings(3, 5, 4, "same"),
        Settings(4, 6, 5, "any"),
        Settings(3, 4, 3, "same"),
    ]
    checked = short = proved_both = 0
    for seed in range(seeds):
        people = dense_avoid([15, 20, 25, 30, 40][seed % 5], seed)
        config = configs[seed % 4]
        started = time.perf_counter()
        result = form_groups(people, config, seed=1)
        seconds = time.perf_counter() - started
        optimum, proved = cpsat_most_placed(people, config, time_limit=30)
        broken = violations(result.groups, {p.id: p for p in people}, config)
        checked += 1
        short += result.score.placed < optimum or bool(broken)
        proved_both += proved and result.bounds.placed_proved
        print(
            f"seed {seed}: {len(people)} people {config.min_size}-{config.max_size} "
            f"{config.stage}: engine {result.score.placed} (bound {result.bounds.placed}, "
            f"proved {result.bounds.placed_proved}, {seconds:.2f} s), CP-SAT {optimum} "
            f"(proved {proved}), violations {len(broken)}",
            flush=True,
        )
    print(f"{checked} instances; {short} placed fewer than CP-SAT; both proved {proved_both}")


def dense_family(sizes: Sequence[int], seeds: int) -> None:
    """The engine alone on dense-avoid instances of each size: placed, bound, status, time."""
    config = Settings(5, 8, 6, "same")
    for n in sizes:
        for seed in range(seeds):
            people = dense_avoid(n, seed)
            started = time.perf_counter()
            result = form_groups(people, config, seed=1)
            seconds = time.perf_counter() - started
            print(
                f"{n} people, seed {seed}: placed {result.score.placed}, bound "
                f"{result.bounds.placed}, {result.status}, {seconds:.2f} s",
                flush=True,
            )


def time_limits(n: int, limits: Sequence[float], copies: int = 0) -> None:
    """Wall time and outcome of form_groups under each time limit (None: no limit)."""
    people = replicated(copies) if copies else generate(n, 1)
    settings = Settings(min_size=5, max_size=8, target_size=6, stage="same")
    for limit in limits:
        started = time.perf_counter()
        result = form_groups(people, settings, seed=1, time_limit=limit or None)
        seconds = time.perf_counter() - started
        print(
            f"{len(people):,} sign-ups, limit {limit or 'none'}: {seconds:.1f} s, placed "
            f"{result.score.placed:,} (bound {result.bounds.placed:,}, proved "
            f"{result.bounds.placed_proved}), complete {result.complete}, department "
            f"{result.score.department:,} (bound {result.bounds.department:,})",
            flush=True,
        )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000, 10000, 100000])
    parser.add_argument("--oracle", type=int, default=200, help="largest size checked by CP-SAT")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--one", nargs=2, metavar=("N", "VARIANT"), help=argparse.SUPPRESS)
    parser.add_argument(
        "--sweep", type=int, metavar="SEEDS", help="compare the most placed with CP-SAT instead"
    )
    parser.add_argument("--dense", type=int, metavar="SEEDS", help="dense-avoid sweep")
    parser.add_argument(
        "--dense-family", type=int, metavar="SEEDS", help="the engine alone on dense --sizes"
    )
    parser.add_argument(
        "--time-limits",
        type=float,
        nargs="+",
        metavar="SECONDS",
        help="run the first --sizes under each limit (0: none) and print wall times",
    )
    parser.add_argument("--copies", type=int, default=0, help="replicated 40-person program")
    args = parser.parse_args(argv)
    if args.dense:
        dense_sweep(args.dense)
        return
    if args.dense_family:
        dense_family(args.sizes, args.dense_family)
        return
    if args.time_limits:
        time_limits(args.sizes[0], args.time_limits, args.copies)
        return
    if args.sweep:
        sweep(args.sweep)
        return
    if args.one:
        row = run_one(int(args.one[0]), args.one[1] == "tight", args.oracle, args.seed)
        print(json.dumps(row))
        return
    rows = []
    for n in args.sizes:
        for variant in ("normal", "tight"):
            command = [sys.executable, "-m", "benchmarks.formation", "--one", str(n), variant]
            command += ["--oracle", str(args.oracle), "--seed", str(args.seed)]
            output = subprocess.run(command, check=True, capture_output=True, text=True)
            rows.append(json.loads(output.stdout))
            print(_row(rows[-1]), file=sys.stderr)
    print(_table(rows))


def _row(row: dict) -> str:
    cpsat = row.get("cpsat")
    oracle = "–" if "cpsat" not in row else (str(cpsat) if cpsat is not None else "timeout")
    dept, bound = row["department"], row["department_bound"]
    gap = "0.0 %" if dept == bound else f"{100 * (dept - bound) / max(bound, 1):.1f} %"
    proved = "" if row["proved"] else " (not proved)"
    return (
        f"| {row['n']:,} | {row['variant']} | {row['seconds']:.2f} | {row.get('cpu', '–')} | "
        f"{row['peak_mb']:,} | "
        f"{row['placed']:,} | {row['placed_bound']:,}{proved} | {oracle} | {dept:,} | "
        f"{bound:,} | {gap} | {row.get('cpsat_department', '–')} | {row['violations']} |"
    )


def _table(rows: list[dict]) -> str:
    lines = [
        f"Measured {datetime.now(UTC):%Y-%m-%d} on {_machine()}, Python "
        f"{platform.python_version()}, with `python -m benchmarks.formation` (seed 1; sizes "
        "5-8, target 6, stages kept apart; solver time only, without reading the CSV).",
        "",
        "| sign-ups | variant | seconds | CPU s | peak MB | placed | placed bound "
        "| CP-SAT most placed | department term | department bound | gap "
        "| CP-SAT least department term | hard violations |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    return "\n".join(lines + [_row(row) for row in rows])


def _machine() -> str:
    model = platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{model}, {cores} cores, {platform.system()}"


if __name__ == "__main__":
    main()
