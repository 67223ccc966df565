"""Progress toward the plan's targets: one horizontal bar per indicator.

A higher-is-better target is drawn as the share of the target reached (a line at 100%). A
lower-is-better one (unemployment below 3%) is not: "93,8% of the target" reads as nearly
there while it is above the ceiling. It is drawn in its own panel as the distance to the
target, in % of the target (0 is the target; left of it, met). Each bar is labelled with
the table's row number and the indicator's full name, wrapped, never cut.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.figure import Figure

from ..vn import format_number
from .style import (
    COLOR_GRID,
    COLOR_MET,
    COLOR_NOT_MET,
    FONT_SIZE,
    TEXT_WIDTH_CM,
    chart_style,
    decimal_comma,
    new_figure,
    png_bytes,
)

LABEL_WIDTH = 34            # characters per line of a bar's label (about 5 cm at 9 pt)
AXIS_CAP = 200.0            # shares above this are drawn at the cap, marked with *
LABEL_ROOM = 24.0           # axis units a value label needs beside a bar (9 pt, "100,0%*")
LEGEND = ((True, "Đã đạt mục tiêu", COLOR_MET), (False, "Chưa đạt mục tiêu", COLOR_NOT_MET))


@dataclass(frozen=True)
class ProgressBar:
    """One bar: its label (`12. Tỷ lệ …`), met or not, and what to draw.

    `share`: % of the target reached (may exceed 100). For a lower-is-better target set
    `distance` instead: (value − target) / target × 100, ≤ 0 when met, with `note` printed
    beside the bar (`3,2%; mục tiêu < 3%`).
    """

    label: str
    share: float | None
    met: bool
    distance: float | None = None
    note: str = ""


def progress_chart(bars: Sequence[ProgressBar], *, target_year: int) -> bytes:
    """PNG of `progress_figure`."""
    with chart_style():
        return png_bytes(progress_figure(bars, target_year=target_year))


def progress_figure(bars: Sequence[ProgressBar], *, target_year: int) -> Figure:
    """The figure: a share panel and, when there are lower-is-better bars, a distance panel under it."""
    shares = [b for b in bars if b.distance is None and b.share is not None]
    distances = [b for b in bars if b.distance is not None]
    panels = [p for p in (shares, distances) if p]
    heights = [_panel_height(p) for p in panels]
    with chart_style():
        fig = new_figure(TEXT_WIDTH_CM, 2.4 + sum(heights))
        axes = fig.subplots(len(panels) or 1, 1, squeeze=False,
                            gridspec_kw={"height_ratios": heights or [1]})[:, 0]
        for ax, panel in zip(axes, panels, strict=False):
            if panel is shares:
                _share_panel(ax, panel, target_year)
            else:
                _distance_panel(ax, panel, target_year)
        drawn = {b.met for b in bars}
        entries = [(label, color) for met, label, color in LEGEND if met in drawn]
        if entries:
            from matplotlib.patches import Patch

            fig.legend([Patch(facecolor=c) for _, c in entries], [label for label, _ in entries],
                       loc="outside lower center", ncol=len(entries), frameon=False)
        return fig


def wrap_label(text: str, width: int = LABEL_WIDTH) -> str:
    """A bar's label on as many lines as it needs, broken between words."""
    return "\n".join(textwrap.wrap(" ".join(text.split()), width, break_long_words=False)) or text


def _panel_height(bars: Sequence[ProgressBar]) -> float:
    return sum(max(0.7, 0.42 * wrap_label(b.label).count("\n") + 0.62) for b in bars) + 1.0


def _positions(ax, bars: Sequence[ProgressBar]) -> list[float]:
    """Bar centres top to bottom, spaced by the lines of each label."""
    sizes = [max(1.0, 0.6 * (wrap_label(b.label).count("\n") + 1)) for b in bars]
    out, y = [], 0.0
    for size in reversed(sizes):
        out.append(y + size / 2)
        y += size
    out = out[::-1]
    ax.set_ylim(0, y)
    ax.set_yticks(out, [wrap_label(b.label) for b in bars])
    return out


def _share_panel(ax, bars: Sequence[ProgressBar], target_year: int) -> None:
    positions = _positions(ax, bars)
    shown = [min(float(b.share), AXIS_CAP) for b in bars]
    ax.barh(positions, shown, color=[COLOR_MET if b.met else COLOR_NOT_MET for b in bars], height=0.5, zorder=2)
    ax.axvline(100, color="black", linewidth=0.8, linestyle="--", zorder=3)
    right = max([120.0, *[_label_x(s) + LABEL_ROOM for s in shown]])
    ax.set_xlim(0, min(right, AXIS_CAP + LABEL_ROOM + 6))
    ax.xaxis.set_major_formatter(decimal_comma(0, "%"))
    ax.grid(axis="x", color=COLOR_GRID, linewidth=0.5, zorder=0)
    ax.set_xlabel(f"Mức đạt so với mục tiêu năm {target_year} (%)")
    for y, b, s in zip(positions, bars, shown, strict=True):
        text = format_number(round(float(b.share), 1), 1) + "%" + ("*" if b.share > AXIS_CAP else "")
        ax.text(_label_x(s), y, text, va="center", ha="left", fontsize=FONT_SIZE, zorder=4)


def _label_x(end: float) -> float:
    """Where a bar's value label starts: after the bar, or after the 100% line when the bar ends just before it."""
    return 101.5 if 100 - LABEL_ROOM < end < 100 else end + 1.5


def _distance_panel(ax, bars: Sequence[ProgressBar], target_year: int) -> None:
    positions = _positions(ax, bars)
    values = [float(b.distance) for b in bars]
    ax.barh(positions, values, color=[COLOR_MET if b.met else COLOR_NOT_MET for b in bars], height=0.5, zorder=2)
    ax.axvline(0, color="black", linewidth=0.8, linestyle="--", zorder=3)
    reach = max([10.0, *[abs(v) for v in values]])
    ax.set_xlim(-reach * 1.2, reach * 2.6)           # the right part holds the notes
    ax.xaxis.set_major_formatter(decimal_comma(0, "%"))
    ax.grid(axis="x", color=COLOR_GRID, linewidth=0.5, zorder=0)
    ax.set_xlabel(f"Chỉ tiêu cần giảm: chênh lệch so với mục tiêu năm {target_year} (%); trái vạch: đã đạt")
    for y, b, v in zip(positions, bars, values, strict=True):
        ax.text(max(v, 0) + 1.5, y, b.note, va="center", ha="left", fontsize=FONT_SIZE, zorder=4)
