"""The report as the page, the printable view and the CSV show it: rows, charts, words.

Every hidden figure reads "fewer than N" (N the floor) wherever it appears, so the page, the
print and the CSV never disagree.
"""

from dataclasses import dataclass

from django.utils.safestring import SafeString

from peercircle.lib import svg
from peercircle.programs.report.disclosure import TOTAL, Table
from peercircle.programs.report.figures import Report


@dataclass(frozen=True)
class TableRow:
    label: str
    cells: tuple[str, ...]
    total: str
    is_total: bool = False


def shown(value: int | None, floor: int) -> str:
    return f"fewer than {floor}" if value is None else str(value)


HIDDEN = "not shown"


def cell(value: int | None) -> str:
    # One mark for every hidden cell: telling the small ones from those held back to protect
    # them would say which cells hold 1 to 4 people.
    return HIDDEN if value is None else str(value)


def percent(value: float | None, floor: int) -> str:
    return f"not shown (fewer than {floor} people)" if value is None else f"{value:.0%}"


def number(value: float | None, floor: int) -> str:
    return f"not shown (fewer than {floor} people)" if value is None else f"{value:.1f}"


def table_rows(table: Table, floor: int) -> list[TableRow]:
    rows = [
        TableRow(
            label=row,
            cells=tuple(cell(table.shown(row, col)) for col in table.cols),
            total=cell(table.shown(row, TOTAL)),
        )
        for row in table.rows
    ]
    rows.append(
        TableRow(
            label="All",
            cells=tuple(cell(table.shown(TOTAL, col)) for col in table.cols),
            total=cell(table.shown(TOTAL, TOTAL)),
            is_total=True,
        )
    )
    return rows


def retention_chart(report: Report) -> SafeString | None:
    months = [m for m in report.retention if m.share is not None]
    if not months:
        return None
    return svg.bars(
        [m.month.strftime("%b %Y") for m in months],
        [round(100 * (m.share or 0)) for m in months],
        unit="%",
        title="Members who came to a meeting, by month",
    )


def stage_chart(report: Report) -> SafeString | None:
    table = report.by_stage
    rows = [(row, table.shown(row, TOTAL)) for row in table.rows]
    rows = [(row, n) for row, n in rows if n]
    if not rows:
        return None
    return svg.bars(
        [row for row, _ in rows],
        [n for _, n in rows if n is not None],
        unit="",
        title="Applicants by career stage (groups under the floor left out)",
    )


def headline(report: Report) -> list[tuple[str, str]]:
    """The report's single figures, in the order the page lists them."""
    floor = report.floor
    goals = report.goals
    spread = report.meetings_per_group
    meetings = (
        "no groups yet"
        if spread is None
        else f"median {spread.median:g} (from {spread.low:g} to {spread.high:g})"
    )
    out = [
        ("Applicants", shown(report.applicants, floor)),
        ("Placed in a group", shown(report.placed, floor)),
        ("Match rate", percent(report.match_rate, floor)),
        ("Groups formed", str(report.groups_formed)),
        ("Members of groups", shown(report.members, floor)),
        ("Meetings held per group", meetings),
        ("Median attendance rate", percent(report.attendance_median, floor)),
    ]
    labels = {
        "set": "Goals set",
        "reached": "Goals reached",
        "carried_over": "Goals carried over",
        "dropped": "Goals dropped",
    }
    for key, label in labels.items():
        count = shown(goals.counts[key], floor)
        per = number(goals.per_member[key], floor)
        out.append((label, count if goals.counts[key] is None else f"{count} ({per} per member)"))
    long_term = goals.long_term
    out += [
        ("Members keeping a long-term list", shown(long_term["people"], floor)),
        ("Long-term goals", shown(long_term["goals"], floor)),
        ("Long-term goals reached", shown(long_term["reached"], floor)),
        ("Members who reached a long-term goal", shown(long_term["people_reached"], floor)),
        ("Successes logged", shown(goals.successes, floor)),
    ]
    return out


def csv_rows(report: Report) -> list[list[str]]:
    """(section, figure, column, value) for every figure, hidden ones included as such."""
    floor = report.floor
    out = [["summary", label, "", value] for label, value in headline(report)]
    for month in report.retention:
        label = month.month.strftime("%Y-%m")
        out.append(["retention", label, "members attending", shown(month.attending, floor)])
    sections = [
        ("unplaced by reason", report.unplaced_reasons),
        ("by career stage", report.by_stage),
        ("by department", report.by_department),
    ]
    for section, table in sections:
        for row in table_rows(table, floor):
            for col, value in zip(table.cols, row.cells, strict=True):
                out.append([section, row.label, col, value])
            if len(table.cols) > 1:
                out.append([section, row.label, "total", row.total])
    return out
