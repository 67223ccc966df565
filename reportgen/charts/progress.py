"""Progress toward the plan's targets: one horizontal bar per indicator, in % of its target."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..vn import format_number
from .style import (
    COLOR_GRID,
    COLOR_MET,
    COLOR_NOT_MET,
    TEXT_WIDTH_CM,
    chart_style,
    decimal_comma,
    new_figure,
    png_bytes,
    shorten,
)

LABEL_CHARS = 48
AXIS_CAP = 200.0


@dataclass(frozen=True)
class ProgressBar:
    """One bar: the indicator's label, its share of the target in % (may exceed 100), met or not."""

    label: str
    share: float
    met: bool


def progress_chart(bars: Sequence[ProgressBar], *, target_year: int) -> bytes:
    """PNG: bars of `% of the target reached`, top to bottom in the given order, a line at 100%."""
    height = 2.2 + 0.62 * max(len(bars), 1)
    with chart_style():
        fig = new_figure(TEXT_WIDTH_CM, height)
        ax = fig.add_subplot()
        positions = list(range(len(bars)))[::-1]
        shown = [min(b.share, AXIS_CAP) for b in bars]
        colors = [COLOR_MET if b.met else COLOR_NOT_MET for b in bars]
        ax.barh(positions, shown, color=colors, height=0.62, zorder=2)
        ax.set_yticks(positions, [shorten(b.label, LABEL_CHARS) for b in bars])
        right = max([110.0, *[s + 18 for s in shown]])
        ax.set_xlim(0, min(right, AXIS_CAP + 20))
        ax.set_ylim(-0.6, len(bars) - 0.4)
        ax.axvline(100, color="black", linewidth=0.8, linestyle="--", zorder=3)
        ax.xaxis.set_major_formatter(decimal_comma(0, "%"))
        ax.grid(axis="x", color=COLOR_GRID, linewidth=0.5, zorder=0)
        ax.set_xlabel(f"Mức đạt so với mục tiêu năm {target_year} (%)")
        for y, b, s in zip(positions, bars, shown, strict=True):
            text = format_number(round(b.share, 1), 1) + "%" + ("*" if b.share > AXIS_CAP else "")
            ax.text(s + 1.5, y, text, va="center", ha="left", fontsize=7, zorder=4)
        handles = [_patch(COLOR_MET), _patch(COLOR_NOT_MET)]
        fig.legend(handles, ["Đã đạt mục tiêu", "Chưa đạt mục tiêu"], loc="outside lower center", ncol=2,
                   frameon=False)
        return png_bytes(fig)


def _patch(color: str):
    from matplotlib.patches import Patch

    return Patch(facecolor=color)
