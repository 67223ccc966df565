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
    kinds = bodies.set_index("body")["kind"]
    this = metrics[metrics["year"] == year]
    last = metrics[metrics["year"] == year - 1]
    this_by = {k: g for k, g in this.groupby(["task", "metric"], sort=False)}
    last_by = {k: g for k, g in last.groupby(["task", "metric"], sort=False)}
    rows = []
    for task in plan.tasks:
        for metric in plan.task_metrics(task):
            key = (task.code, metric.key)
            now, before = this_by.get(key), last_by.get(key)
            total = _sum(now)
            previous = _sum(before)
            rows.append({
                "task": task.code, "metric": metric.key, "total": total,
                "reporters": 0 if now is None else int(now["body"].nunique()),
                "previous": previous,
                "previous_reporters": 0 if before is None else int(before["body"].nunique()),
                "change_pct": (total - previous) / previous * 100 if total is not None and previous else None,
                "levels": _levels(now, kinds),
            })
    return pd.DataFrame({c: pd.Series([r[c] for r in rows], dtype="object") for c in TOTAL_COLUMNS})


def _sum(rows: pd.DataFrame | None) -> Decimal | None:
    if rows is None or rows.empty:
        return None
    return sum((Decimal(v) for v in rows["value"]), Decimal(0))


def _levels(rows: pd.DataFrame | None, kinds: pd.Series) -> tuple[tuple[str, Decimal], ...]:
    if rows is None or rows.empty:
        return ()
    levels = rows["body"].map(kinds).fillna("").map(level_of)
    order = [LEVEL_PROVINCIAL, *LOCAL_KINDS]
    out = []
    for level in order:
        part = rows[levels == level]
        if not part.empty:
            out.append((level, sum((Decimal(v) for v in part["value"]), Decimal(0))))
    return tuple(out)
