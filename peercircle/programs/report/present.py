"""The report as the page, the printable view and the CSV show it: rows, charts, words.

Every hidden figure reads "fewer than N" (N the floor) wherever it appears, so the page, the
print and the CSV never disagree.
"""

from dataclasses import dataclass

from django.utils import formats
from django.utils.safestring import SafeString
from django.utils.translation import gettext, gettext_lazy

from peercircle.lib import svg
from peercircle.programs.report.disclosure import TOTAL, Table
from peercircle.programs.report.figures import (
    NOT_FORMED,
    NOT_GIVEN,
    PLACED,
    REASON_KINDS,
    UNPLACED,
    Report,
)


@dataclass(frozen=True)
class TableRow:
    label: str
    cells: tuple[str, ...]
    total: str
    is_total: bool = False


def shown(value: int | None, floor: int) -> str:
    return gettext("fewer than %(floor)d") % {"floor": floor} if value is None else str(value)


HIDDEN = gettext_lazy("not shown")


def cell(value: int | None) -> str:
    # One mark for every hidden cell: telling the small ones from those held back to protect
    # them would say which cells hold 1 to 4 people.
    return str(HIDDEN) if value is None else str(value)


def percent(value: float | None, floor: int) -> str:
    if value is None:
        return _hidden(floor)
    return f"{value:.0%}"


def number(value: float | None, floor: int) -> str:
    if value is None:
        return _hidden(floor)
    return formats.number_format(value, 1)


# The report's own row and column keys in words; other keys (departments, stages) are data.
KEY_WORDS = {
    PLACED: gettext_lazy("placed"),
    UNPLACED: gettext_lazy("not placed"),
    NOT_GIVEN: gettext_lazy("not given"),
    NOT_FORMED: gettext_lazy("not in a published formation"),
    "people": gettext_lazy("people"),
    "other": gettext_lazy("other"),
    REASON_KINDS[0][1]: gettext_lazy("gave no meeting slot"),
    REASON_KINDS[1][1]: gettext_lazy("too few people they could sit with at their slots"),
    REASON_KINDS[2][1]: gettext_lazy("every group at their slots was full or had a conflict"),
    REASON_KINDS[3][1]: gettext_lazy("left out by hand"),
    REASON_KINDS[4][1]: gettext_lazy("no group met at a slot they could make"),
}


def key_words(key: str) -> str:
    """A row or column key of the report as the reader reads it."""
    return str(KEY_WORDS.get(key, key))


def _hidden(floor: int) -> str:
    return gettext("not shown (fewer than %(floor)d people)") % {"floor": floor}


def table_rows(table: Table, floor: int) -> list[TableRow]:
    rows = [
        TableRow(
            label=key_words(row),
            cells=tuple(cell(table.shown(row, col)) for col in table.cols),
            total=cell(table.shown(row, TOTAL)),
        )
        for row in table.rows
    ]
    rows.append(
        TableRow(
            label=gettext("All"),
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
        [formats.date_format(m.month, "M Y") for m in months],
        [round(100 * (m.share or 0)) for m in months],
        unit="%",
        title=gettext("Members who came to a meeting, by month"),
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
        title=gettext("Applicants by career stage (groups under the floor left out)"),
    )


def headline(report: Report) -> list[tuple[str, str]]:
    """The report's single figures, in the order the page lists them."""
    floor = report.floor
    goals = report.goals
    spread = report.meetings_per_group
    meetings = (
        gettext("no groups yet")
        if spread is None
        else gettext("median %(median)s (from %(low)s to %(high)s)")
        % {
            "median": formats.number_format(spread.median),
            "low": formats.number_format(spread.low),
            "high": formats.number_format(spread.high),
        }
    )
    out = [
        (gettext("Applicants"), shown(report.applicants, floor)),
        (gettext("Placed in a group"), shown(report.placed, floor)),
        (gettext("Match rate"), percent(report.match_rate, floor)),
        (gettext("Groups formed"), str(report.groups_formed)),
        (gettext("Members of groups"), shown(report.members, floor)),
        (gettext("Meetings held per group"), meetings),
        (gettext("Median attendance rate"), percent(report.attendance_median, floor)),
    ]
    labels = {
        "set": gettext("Goals set"),
        "reached": gettext("Goals reached"),
        "carried_over": gettext("Goals carried over"),
        "dropped": gettext("Goals dropped"),
    }
    for key, label in labels.items():
        count = shown(goals.counts[key], floor)
        per = number(goals.per_member[key], floor)
        if goals.counts[key] is not None:
            count = gettext("%(count)s (%(per)s per member)") % {"count": count, "per": per}
        out.append((label, count))
    long_term = goals.long_term
    out += [
        (gettext("Members keeping a long-term list"), shown(long_term["people"], floor)),
        (gettext("Long-term goals"), shown(long_term["goals"], floor)),
        (gettext("Long-term goals reached"), shown(long_term["reached"], floor)),
        (
            gettext("Members who reached a long-term goal"),
            shown(long_term["people_reached"], floor),
        ),
        (gettext("Successes logged"), shown(goals.successes, floor)),
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
