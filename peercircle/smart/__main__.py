"""Command line: ``python -m peercircle.smart [--today YYYY-MM-DD] [--next-meeting YYYY-MM-DD]
[--json] < goals.txt``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterator, Sequence
from typing import Any

import peercircle.smart
from peercircle.smart import Analysis, GoalRejected, analyze

# The command line speaks English only; the goal form translates its own wording.
NOT_JUDGED = "SMART guidance is available for goals written in English."


def _report(text: str, analysis: Analysis) -> str:
    if not analysis.english:
        return f"{text}\n  - {NOT_JUDGED}"

    def mark(ok: bool | None) -> str:
        return "yes" if ok else "no "

    deadline = analysis.deadline.isoformat() if analysis.deadline else "none"
    lines = [
        text,
        f"  specific {mark(analysis.specific)}  measurable {mark(analysis.measurable)}  "
        f"attainable {mark(analysis.attainable)}  time-bound {mark(analysis.time_bound)}  "
        f"deadline {deadline}",
    ]
    lines += [f"  - {hint}" for hint in analysis.hints]
    return "\n".join(lines)


def _date_argument(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def _lines(stream: Any) -> Iterator[str]:
    for line in stream:
        yield line.rstrip("\r\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Read one goal per line on standard input, write one analysis per line.

    With ``--json`` each output line is a JSON object with ``specific``, ``measurable``,
    ``attainable``, ``time_bound``, ``deadline`` and ``hints``; a rejected line gives
    ``{"error": "..."}`` instead, so output line n always answers input line n.
    Returns 0 when every line was analysed, 1 when any was rejected; argparse exits
    with 2 on bad arguments.
    """
    cli = argparse.ArgumentParser(
        prog="python -m peercircle.smart",
        description=peercircle.smart.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cli.add_argument("--today", type=_date_argument, help="YYYY-MM-DD; default: local date")
    cli.add_argument(
        "--next-meeting",
        type=_date_argument,
        help='YYYY-MM-DD: the date "by the next meeting" resolves to; default: none',
    )
    cli.add_argument("--json", action="store_true", help="one JSON object per line")
    args = cli.parse_args(argv)
    today = args.today or dt.datetime.now(dt.UTC).astimezone().date()
    status = 0
    for line in _lines(sys.stdin):
        try:
            analysis = analyze(line, today, args.next_meeting)
        except GoalRejected as error:
            status = 1
            message = {"error": str(error)}
            print(json.dumps(message) if args.json else f"{line[:60]}…\n  rejected: {error}")
            continue
        print(json.dumps(analysis.to_dict()) if args.json else _report(line, analysis))
    return status


if __name__ == "__main__":
    sys.exit(main())
