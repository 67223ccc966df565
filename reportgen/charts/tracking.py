"""Submission tracking at a glance: per level, how many bodies reported on time, late, or not yet."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from matplotlib.ticker import MaxNLocator

from .style import (
    COLOR_LATE,
    COLOR_MET,
    COLOR_MISSING,
    COLOR_NOT_DUE,
    FONT_SIZE,
    TEXT_WIDTH_CM,
    chart_style,
    decimal_comma,
    new_figure,
    png_bytes,
)

STATUSES = (("đúng hạn", "Đúng hạn", COLOR_MET), ("muộn", "Muộn", COLOR_LATE),
            ("chưa nộp", "Chưa nộp", COLOR_MISSING), ("chưa đến hạn", "Chưa đến hạn", COLOR_NOT_DUE))


def tracking_chart(rows: Sequence[tuple[str, Mapping[str, int]]]) -> bytes:
    """PNG: one stacked bar per group (`Cấp tỉnh`, `Cấp xã`), segments by status, counts written in."""
    height = 2.6 + 0.9 * max(len(rows), 1)
    with chart_style():
        fig = new_figure(TEXT_WIDTH_CM, height)
        ax = fig.add_subplot()
        positions = list(range(len(rows)))[::-1]
        left = [0] * len(rows)
        used = []
        for key, label, color in STATUSES:
            widths = [counts.get(key, 0) for _, counts in rows]
            if not any(widths):
                continue
            used.append((label, color))
            ax.barh(positions, widths, left=left, color=color, height=0.55, zorder=2)
            for y, x0, w in zip(positions, left, widths, strict=True):
                if w and w >= 0.05 * max(sum(c.values()) for _, c in rows):
                    ax.text(x0 + w / 2, y, decimal_comma(0)(w), va="center", ha="center", fontsize=FONT_SIZE,
                            color="white" if color in (COLOR_MET, COLOR_MISSING) else "black", zorder=3)
            left = [a + b for a, b in zip(left, widths, strict=True)]
        ax.set_yticks(positions, [name for name, _ in rows])
        ax.set_xlim(0, max([*left, 1]))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.set_major_formatter(decimal_comma(0))
        ax.set_xlabel("Số cơ quan, đơn vị")
        from matplotlib.patches import Patch

        fig.legend([Patch(facecolor=c) for _, c in used], [label for label, _ in used], loc="outside lower center",
                   ncol=max(len(used), 1), frameon=False)
        return png_bytes(fig)
