"""Small server-rendered SVG charts: a heat map and horizontal bars.

Each chart scales to its container (viewBox, no fixed width), prints every value as text so
nothing is told by colour alone, and carries a <title> for screen readers. Pages still give
a text alternative next to it (a table or a figcaption): the picture is for looking.
Presentation attributes only (no style=""), so a strict Content-Security-Policy is fine.
"""

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

INK = "#1d2430"
PAPER = "#ffffff"
ACCENT = (31, 95, 139)  # --accent in peercircle.css
LIGHT = (238, 243, 247)
LINE = "#d9dde3"
FONT = 'font-family="system-ui, sans-serif"'


def _mix(share: float) -> str:
    """A colour between LIGHT (0) and ACCENT (1)."""
    share = min(1.0, max(0.0, share))
    r, g, b = (round(lo + (hi - lo) * share) for lo, hi in zip(LIGHT, ACCENT, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def _short(label: str, limit: int = 12) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def heatmap(
    rows: Sequence[str],
    cols: Sequence[str],
    values: Sequence[Sequence[int]],
    *,
    title: str,
    empty: str = "—",
) -> SafeString:
    """A grid of cells, darker for larger values, each value printed in its cell.

    `values[i][j]` is the cell for `rows[i]` and `cols[j]`; a cell where the row and the
    column are the same label shows `empty`.
    """
    if len(values) != len(rows) or any(len(line) != len(cols) for line in values):
        raise ValueError("values must have one line per row and one value per column")
    cell, left, top = 40, 104, 84
    width, height = left + cell * len(cols) + 4, top + cell * len(rows) + 4
    peak = max((v for line in values for v in line), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="chart chart-heatmap" role="img" {FONT} font-size="13">',
        f"<title>{escape(title)}</title>",
    ]
    for j, col in enumerate(cols):
        x, y = left + j * cell + cell / 2, top - 8
        parts.append(
            f'<text x="{x}" y="{y}" fill="{INK}" transform="rotate(-50 {x} {y})">'
            f"{escape(_short(col))}</text>"
        )
    for i, row in enumerate(rows):
        y = top + i * cell
        parts.append(
            f'<text x="{left - 6}" y="{y + cell / 2 + 4}" fill="{INK}" text-anchor="end">'
            f"{escape(_short(row))}</text>"
        )
        for j, value in enumerate(values[i]):
            x = left + j * cell
            same = rows[i] == cols[j]
            share = 0.0 if same else value / peak
            fill = PAPER if same else _mix(share)
            text_fill = PAPER if share > 0.55 else INK
            label = empty if same else str(value)
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" rx="3" '
                f'fill="{fill}" stroke="{LINE}"/>'
                f'<text x="{x + cell / 2 - 1}" y="{y + cell / 2 + 4}" fill="{text_fill}" '
                f'text-anchor="middle">{label}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every label above is escaped


def bars(
    labels: Sequence[str],
    values: Sequence[int | float],
    *,
    unit: str,
    title: str,
    marks: Sequence[int | float] | None = None,
) -> SafeString:
    """Horizontal bars, one per label, the label above its bar and the value after it.

    `marks` (optional, one per bar) draws a thin line at a reference value, such as the
    planned minutes next to the minutes spent.
    """
    if len(values) != len(labels) or (marks is not None and len(marks) != len(labels)):
        raise ValueError("one value (and one mark) per label")
    width, row, bar_left, bar_width = 320, 46, 4, 236
    peak = max([*values, *(marks or [])], default=0) or 1
    height = row * len(labels) + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="chart chart-bars" role="img" {FONT} font-size="13">',
        f"<title>{escape(title)}</title>",
    ]
    for n, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = n * row
        length = max(1.0, bar_width * value / peak) if value else 0.0
        mark = bar_width * marks[n] / peak if marks is not None else 0.0
        parts.append(
            f'<text x="{bar_left}" y="{y + 15}" fill="{INK}">{escape(_short(label, 40))}</text>'
            f'<rect x="{bar_left}" y="{y + 21}" width="{length:.1f}" height="16" rx="2" '
            f'fill="{_mix(1)}"/>'
            f'<text x="{bar_left + max(length, mark) + 6:.1f}" y="{y + 34}" fill="{INK}">'
            f"{escape(_format(value))} {escape(unit)}</text>"
        )
        if marks is not None:
            x = bar_left + mark
            parts.append(
                f'<line x1="{x:.1f}" y1="{y + 18}" x2="{x:.1f}" y2="{y + 40}" '
                f'stroke="{INK}" stroke-width="2" stroke-dasharray="3 2"/>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every label above is escaped


def _format(value: int | float) -> str:
    return str(round(value)) if isinstance(value, float) else str(value)
