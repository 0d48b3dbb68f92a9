"""Server-rendered SVG bar charts: geometry here, markup in a template, a table beside it."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext

from peercircle.programs.queries import Bar

WIDTH = 320
HEIGHT = 160
TOP = 12
BOTTOM = 28  # room for the month labels


@dataclass(frozen=True)
class DrawnBar:
    label: str
    text: str  # what the bar says, e.g. "82 %" or "fewer than 5"
    x: float
    y: float
    width: float
    height: float
    label_x: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    baseline: float
    bars: tuple[DrawnBar, ...]


def bar_chart(bars: Sequence[Bar]) -> Chart:
    """Bars of each `Bar.share` (0 to 1); suppressed bars are drawn as nothing, labelled."""
    slot = WIDTH / max(len(bars), 1)
    plot = HEIGHT - TOP - BOTTOM
    drawn = []
    for index, bar in enumerate(bars):
        share = bar.share if bar.share is not None else 0.0
        height = round(plot * share, 1)
        text = gettext("fewer than 5") if bar.share is None else f"{bar.share:.0%}"
        drawn.append(
            DrawnBar(
                label=bar.label,
                text=text,
                x=round(index * slot + slot * 0.2, 1),
                y=round(TOP + plot - height, 1),
                width=round(slot * 0.6, 1),
                height=height,
                label_x=round(index * slot + slot / 2, 1),
            )
        )
    return Chart(WIDTH, HEIGHT, TOP + plot, tuple(drawn))
