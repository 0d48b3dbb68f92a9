"""Server-rendered SVG charts: pure functions from numbers to an SVG string.

No Django and no JavaScript: every text that goes into the SVG is escaped here, the chart
is labelled by its <title> and <desc>, and the page shows the same numbers as a table
(the text alternative). Colours come from CSS classes, so the charts print and follow the
stylesheet; no inline style attributes (the Content Security Policy forbids them).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Protocol

from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

WIDTH = 640
BAR_AREA_TOP = 16
BAR_AREA_HEIGHT = 160
LABEL_HEIGHT = 40


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # 0..1, or None when there is nothing to show for this bar
    caption: str  # what the bar says in words, e.g. "75 % (3 of 4)"


class RatePeriod(Protocol):
    """A month of reviewed goals (goals.queries.Period), as the completion chart reads it."""

    @property
    def start(self) -> date: ...
    @property
    def label(self) -> str: ...
    @property
    def rate(self) -> float | None: ...
    @property
    def counted(self) -> int: ...


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _frame(chart_id: str, title: str, description: str, height: int, body: str) -> str:
    ident = _attr(chart_id)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'preserveAspectRatio="xMidYMid meet">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>{body}</svg>'
    )


def rate_bars(bars: Sequence[Bar], *, chart_id: str, title: str, description: str) -> str:
    """Vertical bars of rates between 0 and 1, one per period, with a 50 % guide line."""
    height = BAR_AREA_TOP + BAR_AREA_HEIGHT + LABEL_HEIGHT
    slot = WIDTH / max(len(bars), 1)
    bar_width = min(slot * 0.6, 72)
    base = BAR_AREA_TOP + BAR_AREA_HEIGHT
    parts = [
        f'<line class="chart-axis" x1="0" y1="{base}" x2="{WIDTH}" y2="{base}"/>',
        f'<line class="chart-guide" x1="0" y1="{base - BAR_AREA_HEIGHT / 2:.1f}" '
        f'x2="{WIDTH}" y2="{base - BAR_AREA_HEIGHT / 2:.1f}"/>',
    ]
    for index, bar in enumerate(bars):
        centre = slot * index + slot / 2
        x = centre - bar_width / 2
        if bar.value is None:
            parts.append(
                f'<text class="chart-empty" x="{centre:.1f}" y="{base - 6}" '
                f'text-anchor="middle">–</text>'
            )
        else:
            value = min(max(bar.value, 0.0), 1.0)
            h = max(value * BAR_AREA_HEIGHT, 2.0)
            parts.append(
                f'<rect class="chart-bar" x="{x:.1f}" y="{base - h:.1f}" '
                f'width="{bar_width:.1f}" height="{h:.1f}"><title>{escape(bar.label)}: '
                f"{escape(bar.caption)}</title></rect>"
            )
            parts.append(
                f'<text class="chart-value" x="{centre:.1f}" y="{base - h - 4:.1f}" '
                f'text-anchor="middle">{round(value * 100)}%</text>'
            )
        parts.append(
            f'<text class="chart-label" x="{centre:.1f}" y="{base + 24}" '
            f'text-anchor="middle">{escape(bar.label)}</text>'
        )
    return _frame(chart_id, title, description, height, "".join(parts))


def progress_bar(*, reached: int, total: int, chart_id: str, title: str) -> str:
    """One horizontal bar: `reached` of `total`, e.g. a long-term list's reached goals."""
    height = 48
    share = reached / total if total else 0.0
    filled = WIDTH * min(max(share, 0.0), 1.0)
    description = gettext("Reached %(reached)d of %(total)d.") % {
        "reached": reached,
        "total": total,
    }
    body = (
        f'<rect class="chart-track" x="0" y="8" width="{WIDTH}" height="24" rx="6"/>'
        f'<rect class="chart-bar" x="0" y="8" width="{filled:.1f}" height="24" rx="6"/>'
        f'<text class="chart-value" x="{WIDTH / 2:.0f}" y="44" text-anchor="middle">'
        f"{escape(description)}</text>"
    )
    return _frame(chart_id, title, description, height + 4, body)


def completion_chart(
    periods: Sequence[RatePeriod], *, chart_id: str, title: str, short: bool = False
) -> str:
    """Goals completed per month as rate bars, described in words for screen readers;
    `short` labels the bars with the month's name alone."""
    bars = [
        Bar(
            date_format(p.start, "M") if short else p.label,
            p.rate,
            ngettext("%(rate)d%% of %(count)d goal", "%(rate)d%% of %(count)d goals", p.counted)
            % {"rate": round((p.rate or 0) * 100), "count": p.counted},
        )
        for p in periods
    ]
    description = "; ".join(
        gettext("%(month)s: %(rate)d%% of %(count)d")
        % {"month": p.label, "rate": round(p.rate * 100), "count": p.counted}
        if p.rate is not None
        else gettext("%(month)s: no goals reviewed") % {"month": p.label}
        for p in periods
    )
    return rate_bars(bars, chart_id=chart_id, title=title, description=description)
