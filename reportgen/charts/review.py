"""Indicators year by year against their path to the target: small multiples, one panel per indicator.

One figure per indicator group; each panel shows the figures reported each year (a solid
line with dots; an estimate is a hollow dot), the straight path from the baseline to the
target in the target year (dashed) and the target itself (a dotted level). Years of the
period without reports are shaded, so a gap reads as "no report", not as zero.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .style import (
    CM,
    COLOR_GRID,
    COLOR_MET,
    COLOR_NOT_DUE,
    COLOR_NOT_MET,
    DPI,
    TEXT_WIDTH_CM,
    chart_style,
    decimal_comma,
    png_bytes,
    shorten,
)

COLUMNS = 3
PANEL_HEIGHT_CM = 4.3
LEGEND_CM = 1.0
TITLE_CHARS = 34


@dataclass(frozen=True)
class Panel:
    """One indicator: its label, unit, figures by year, the path's two ends and the target."""

    label: str                                   # "A02 Tỷ lệ thất nghiệp chung"
    unit: str
    points: tuple[tuple[int, float, bool], ...]  # (year, value, estimate)
    path: tuple[tuple[int, float], tuple[int, float]] | None   # ((base year, base value), (target year, target))
    target: float | None


def trajectory_chart(panels: Sequence[Panel], *, first_year: int, last_year: int, target_year: int,
                     missing_years: Sequence[int] = ()) -> bytes:
    """PNG: a grid of small line charts, `COLUMNS` per row, x from `first_year` to `target_year`."""
    rows = max(math.ceil(len(panels) / COLUMNS), 1)
    height = LEGEND_CM + PANEL_HEIGHT_CM * rows
    with chart_style():
        # fixed margins instead of `new_figure`'s constrained layout: a grid of panels needs no
        # search, and laying out 20 small axes that way costs seconds per chart
        fig = Figure(figsize=(TEXT_WIDTH_CM * CM, height * CM), dpi=DPI)
        FigureCanvasAgg(fig)
        fig.subplots_adjust(left=0.08, right=0.98, top=1 - 0.55 / height, bottom=(LEGEND_CM + 0.2) / height,
                            wspace=0.38, hspace=0.62)
        axes = fig.subplots(rows, COLUMNS, squeeze=False)
        for k, ax in enumerate(axes.flat):
            if k >= len(panels):
                ax.set_axis_off()
                continue
            _panel(ax, panels[k], first_year, last_year, target_year, missing_years)
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch

        handles = [Line2D([], [], color=COLOR_MET, marker="o", markersize=3, linewidth=1.2),
                   Line2D([], [], color=COLOR_NOT_MET, linestyle="--", linewidth=1),
                   Line2D([], [], color="black", linestyle=":", linewidth=0.8)]
        labels = ["Thực hiện (chấm rỗng: ước)", f"Lộ trình đến năm {target_year}", "Mục tiêu"]
        if missing_years:
            handles.append(Patch(facecolor=COLOR_NOT_DUE, alpha=0.35))
            labels.append("Năm chưa có báo cáo")
        fig.legend(handles, labels, loc="lower center", ncol=len(handles), frameon=False, fontsize=7,
                   handlelength=1.8, columnspacing=1.2)
        return png_bytes(fig)


def _panel(ax, panel: Panel, first_year: int, last_year: int, target_year: int, missing: Sequence[int]) -> None:
    ax.set_title(shorten(panel.label, TITLE_CHARS), fontsize=7, loc="left")
    for year in missing:
        ax.axvspan(year - 0.5, year + 0.5, color=COLOR_NOT_DUE, alpha=0.35, linewidth=0, zorder=0)
    values = []
    if panel.path is not None:
        (x0, y0), (x1, y1) = panel.path
        ax.plot([x0, x1], [y0, y1], color=COLOR_NOT_MET, linestyle="--", linewidth=1, zorder=2)
        values += [y0, y1]
    if panel.target is not None:
        ax.axhline(panel.target, color="black", linestyle=":", linewidth=0.8, zorder=1)
        values.append(panel.target)
    if panel.points:
        xs = [p[0] for p in panel.points]
        ys = [p[1] for p in panel.points]
        ax.plot(xs, ys, color=COLOR_MET, linewidth=1.2, zorder=3)
        for x, y, estimate in panel.points:
            ax.plot([x], [y], marker="o", markersize=3.2, color=COLOR_MET,
                    markerfacecolor="white" if estimate else COLOR_MET, zorder=4)
        values += ys
    else:
        ax.text(0.5, 0.5, "Chưa có số liệu", transform=ax.transAxes, ha="center", va="center", fontsize=7)
    ax.set_xlim(first_year - 0.5, target_year + 0.5)
    ticks = sorted({first_year, last_year, target_year})
    ax.set_xticks(ticks, [str(t) for t in ticks])
    ax.tick_params(labelsize=6, length=2)
    if values:
        low, high = min(values), max(values)
        pad = (high - low) * 0.15 or max(abs(high) * 0.05, 1.0)
        ax.set_ylim(low - pad, high + pad)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5))
    ax.yaxis.set_major_formatter(decimal_comma(_places(ax.get_yticks()), "%" if panel.unit == "%" else ""))
    ax.grid(axis="y", color=COLOR_GRID, linewidth=0.4, zorder=0)


def _places(ticks) -> int:
    """Decimal places that keep neighbouring tick labels apart (0,1 → 1 place; 0,05 → 2)."""
    steps = [abs(b - a) for a, b in zip(ticks, ticks[1:], strict=False) if b != a]
    step = min(steps) if steps else 1.0
    for places in range(0, 4):
        if step * 10 ** places >= 0.999:
            return places
    return 3
