"""Task metrics summed over the province: totals of year Y and Y−1, by level, and the bodies behind them.

A metric is a quantity the plan counts a task's results in (`hội nghị`, `người`,
`triệu đồng`); each body gives its own figure, and the consolidated report states the
province's total. Totals are sums of what bodies reported (Decimal, never float); a
metric nobody reported has no total (None), which is not the same as a total of 0.
Last year's total is the sum of last year's reports on the same task, whoever sent them
(the bodies of Y−1 may be others: districts before the 2025 reorganisation, communes after).
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from ..model import Plan
from .bodies import LOCAL_KINDS

LEVEL_PROVINCIAL = "tinh"             # sở, ban, ngành and other provincial bodies
TOTAL_COLUMNS = ["task", "metric", "total", "reporters", "previous", "previous_reporters", "change_pct", "levels"]
CONTRIBUTION_COLUMNS = ["task", "metric", "body", "kind", "value", "order"]


def level_of(kind: str) -> str:
    """The level a body's figure is counted in: a local kind (`ubnd-xa`) or provincial."""
    return kind if kind in LOCAL_KINDS else LEVEL_PROVINCIAL


def metric_contributions(metrics: pd.DataFrame, bodies: pd.DataFrame, year: int) -> pd.DataFrame:
    """The figures of year Y, one row per task × metric × body, with the body's kind and list order."""
    rows = metrics.loc[metrics["year"] == year, ["task", "metric", "body", "value"]]
    info = bodies.set_index("body")
    out = rows.assign(kind=rows["body"].map(info["kind"]).fillna(""),
                      order=rows["body"].map(info["order"]).fillna(len(info)).astype("int64"))
    return out[CONTRIBUTION_COLUMNS].sort_values(["task", "metric", "order"], kind="stable").reset_index(drop=True)


def metric_totals(plan: Plan, metrics: pd.DataFrame, bodies: pd.DataFrame, year: int) -> pd.DataFrame:
    """One row per task × declared metric, in plan order: the province's total of Y and of Y−1.

    `levels` is a tuple of (level, subtotal) for the levels that gave a figure, provincial
    first; `change_pct` is the change against Y−1 in % of Y−1 (None without both totals).
    """
    kinds = dict(zip(bodies["body"], bodies["kind"], strict=True))
    now = _sums(metrics, year, kinds)
    before = _sums(metrics, year - 1, kinds)
    order = [LEVEL_PROVINCIAL, *LOCAL_KINDS]
    rows = []
    for task in plan.tasks:
        for metric in plan.task_metrics(task):
            key = (task.code, metric.key)
            levels, bodies_now = now.get(key, ({}, set()))
            previous_levels, bodies_before = before.get(key, ({}, set()))
            total = sum(levels.values(), Decimal(0)) if levels else None
            previous = sum(previous_levels.values(), Decimal(0)) if previous_levels else None
            rows.append({
                "task": task.code, "metric": metric.key, "total": total, "reporters": len(bodies_now),
                "previous": previous, "previous_reporters": len(bodies_before),
                "change_pct": (total - previous) / previous * 100 if total is not None and previous else None,
                "levels": tuple((level, levels[level]) for level in order if level in levels),
            })
    return pd.DataFrame({c: pd.Series([r[c] for r in rows], dtype="object") for c in TOTAL_COLUMNS})


def _sums(metrics: pd.DataFrame, year: int, kinds: dict[str, str]) -> dict[tuple[str, str], tuple[dict, set]]:
    """(task, metric) → ({level: subtotal}, bodies that gave a figure) for year Y, in one pass."""
    rows = metrics[metrics["year"] == year]
    out: dict[tuple[str, str], tuple[dict, set]] = {}
    for task, key, body, value in zip(rows["task"], rows["metric"], rows["body"], rows["value"], strict=True):
        levels, bodies = out.setdefault((task, key), ({}, set()))
        level = level_of(kinds.get(body, ""))
        levels[level] = levels.get(level, Decimal(0)) + Decimal(value)
        bodies.add(body)
    return out
