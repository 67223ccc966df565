"""A review over years (sơ kết, tổng kết): every year's consolidation, side by side.

`review_frames(...)` consolidates each year of the period that has reports (each with the
plan as amended for that year) and lays the results out as tidy frames:

- `paths`: one row per indicator × year of the period — the figure (or none), whether it
  met the target, and the value on the straight path from the baseline to the target in
  the plan's target year (the plan's own baseline, else the first figure reported);
- `tasks`: one row per task × year with reports — the leads' status that year;
- `tracking`: one row per year with reports — how many bodies reported, on time, late.

Years of the period without any report are listed in `missing_years`, never invented.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from ..errors import Problem
from ..model import Plan, Registry, Submission
from ..model.secretariat import SecretariatInput
from . import Consolidation, consolidate
from .assessment import MET, NO_DATA, NOT_MET, expected_value, on_track

ON_PATH = "đúng lộ trình"
OFF_PATH = "chậm so với lộ trình"
BASE_YEAR = "năm gốc"
NO_PATH = "chưa xác định lộ trình"
NO_REPORTS = "chưa có báo cáo"
PATH_COLUMNS = ["code", "group", "year", "has_reports", "value", "estimate", "achieved", "qualitative", "assessment",
                "base_year", "base_value", "expected", "path", "target", "comparator"]


@dataclass
class ReviewFrames:
    """What a review over `first`–`last` says, as frames (values kept as Decimal)."""

    first: int
    last: int
    data_years: list[int]
    missing_years: list[int]
    paths: pd.DataFrame
    tasks: pd.DataFrame
    tracking: pd.DataFrame
    years: dict[int, Consolidation] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def latest(self) -> int | None:
        return self.data_years[-1] if self.data_years else None


def review_frames(plans: Mapping[int, Plan], registry: Registry, submissions: Mapping[int, Sequence[Submission]],
                  first: int, last: int, *, secretariat: Mapping[int, SecretariatInput] | None = None) -> ReviewFrames:
    """Consolidate every year of `first`–`last` that has reports; `plans[y]` is the plan as amended for y.

    The path of each indicator is drawn with the plan of the last year (its targets as last
    amended), from the baseline to the target in the plan's target year.
    """
    secretariat = secretariat or {}
    years = list(range(first, last + 1))
    data_years = [y for y in years if submissions.get(y)]
    missing = [y for y in years if y not in data_years]
    results: dict[int, Consolidation] = {}
    warnings: list[Problem] = []
    for year in data_years:
        up_to = {y: list(subs) for y, subs in submissions.items() if y <= year}
        results[year] = consolidate(plans[year], registry, up_to, year, secretariat=secretariat.get(year))
        warnings.extend(results[year].warnings)
    final_plan = plans[last]
    return ReviewFrames(first, last, data_years, missing, _paths(final_plan, results, years),
                        _tasks(final_plan, results), _tracking(results), results, warnings)


def indicator_verdicts(frames: ReviewFrames) -> pd.DataFrame:
    """One row per indicator: its latest figure's year, assessment and place against the path.

    `verdict` is MET, ON_PATH, OFF_PATH, NO_PATH (quantitative without a usable path) or
    NO_DATA (no figure in any year of the period).
    """
    rows = []
    for code, group in frames.paths.groupby("code", sort=False):
        with_value = group[group["value"].notna() | group["achieved"].notna()]
        if with_value.empty:
            rows.append({"code": code, "group": group["group"].iloc[0], "year": None, "verdict": NO_DATA})
            continue
        last = with_value.iloc[-1]
        if last["assessment"] == MET:
            verdict = MET
        elif last["qualitative"] or last["path"] in (NO_PATH, BASE_YEAR):
            verdict = NOT_MET if last["qualitative"] else NO_PATH
        else:
            verdict = last["path"]
        rows.append({"code": code, "group": last["group"], "year": int(last["year"]), "verdict": verdict})
    return pd.DataFrame(rows, columns=["code", "group", "year", "verdict"])


def _paths(plan: Plan, results: Mapping[int, Consolidation], years: list[int]) -> pd.DataFrame:
    """Indicator × year: figure, assessment that year, and the path from the baseline to the (last) target."""
    progress = {y: r.progress.set_index("code") for y, r in results.items()}
    rows = []
    for ind in plan.indicators:
        figures = {y: progress[y].loc[ind.code] for y in progress if ind.code in progress[y].index}
        base_year, base_value = _baseline(ind, figures)
        for year in years:
            row = figures.get(year)
            value = None if row is None else _decimal(row["value"])
            achieved = None if row is None else _bool(row["achieved"])
            expected = None
            path = NO_PATH
            if not ind.is_qualitative and base_year is not None and year >= base_year:
                expected = expected_value(base_year, base_value, ind.target, plan.target_year, year)
                if year == base_year and ind.baseline is None:
                    path = BASE_YEAR
                elif value is not None and expected is not None:
                    path = ON_PATH if on_track(ind.comparator, value, expected, base_value, ind.target) else OFF_PATH
            rows.append({
                "code": ind.code, "group": ind.group, "year": year, "has_reports": year in results,
                "value": value, "estimate": bool(row["estimate"]) if row is not None else False,
                "achieved": achieved, "qualitative": ind.is_qualitative,
                "assessment": (row["assessment"] if row is not None else NO_DATA),
                "base_year": base_year, "base_value": base_value, "expected": expected,
                "path": path if year in results else NO_REPORTS,
                "target": ind.target, "comparator": ind.comparator,
            })
    return pd.DataFrame(rows, columns=PATH_COLUMNS)


def _baseline(ind, figures: Mapping[int, pd.Series]) -> tuple[int | None, Decimal | None]:
    """The plan's baseline when it gives one, else the first year of the period with a figure."""
    if ind.baseline is not None:
        return ind.baseline.year, ind.baseline.value
    for year in sorted(figures):
        value = _decimal(figures[year]["value"])
        if value is not None:
            return year, value
    return None, None


def _tasks(plan: Plan, results: Mapping[int, Consolidation]) -> pd.DataFrame:
    """Task × year with reports: the leads' status that year (None: no lead reported)."""
    rows = []
    for year, result in results.items():
        summary = result.tasks.set_index("task")
        for task in plan.tasks:
            if task.code not in summary.index:
                continue
            s = summary.loc[task.code]
            status = s["status"] if isinstance(s["status"], str) else None
            rows.append({"task": task.code, "section": task.section, "mode": task.mode, "year": year,
                         "status": status, "leads": int(s["leads"]), "leads_reported": int(s["leads_reported"])})
    return pd.DataFrame(rows, columns=["task", "section", "mode", "year", "status", "leads", "leads_reported"])


def _tracking(results: Mapping[int, Consolidation]) -> pd.DataFrame:
    from .tracking import tracking_counts

    rows = []
    for year, result in results.items():
        counts = tracking_counts(result.tracking["status"])
        issuing = set(result.documents["body"]) if len(result.documents) else set()
        rows.append({"year": year, **counts, "submitted": counts["on_time"] + counts["late"],
                     "issued_plans": int(result.tracking["body"].isin(issuing).sum())})
    return pd.DataFrame(rows, columns=["year", "on_time", "late", "missing", "not_due", "total", "submitted",
                                       "issued_plans"])


def _decimal(v: object) -> Decimal | None:
    return None if v is None or (isinstance(v, float) and v != v) else Decimal(v)


def _bool(v: object) -> bool | None:
    return None if v is None or (isinstance(v, float) and v != v) else bool(v)


__all__ = ["BASE_YEAR", "NO_PATH", "NO_REPORTS", "OFF_PATH", "ON_PATH", "ReviewFrames", "indicator_verdicts",
           "review_frames", "MET", "NOT_MET", "NO_DATA"]
