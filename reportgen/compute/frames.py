"""Submissions → tidy frames: one row per observation, nothing computed yet.

Every frame carries the reporting body's code (`body`) so that any figure or sentence in
the consolidated report can be traced back to the body that supplied it. Figures stay
`Decimal` (object columns); floats appear only in charts.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..model import Submission

FIGURE_COLUMNS = ["body", "indicator", "year", "value", "estimate", "achieved", "note", "reported_in"]
TASK_COLUMNS = ["body", "task", "year", "status", "results"]
DOCUMENT_COLUMNS = ["body", "task", "year", "number", "date", "title"]
TEXT_COLUMNS = ["body", "year", "kind", "position", "text"]
METRIC_COLUMNS = ["body", "task", "year", "metric", "value"]
TEXT_KINDS = ("strengths", "difficulties", "causes", "next_year", "proposals")


def figures_frame(submissions: Iterable[Submission]) -> pd.DataFrame:
    """One row per body × indicator × year a figure is given for.

    A submission for year S gives its `value` for S and its `previous` for S − 1;
    `reported_in` keeps which report said so (a later report may revise a figure).
    """
    cols: dict[str, list] = {c: [] for c in FIGURE_COLUMNS}

    def add(body, indicator, year, value, estimate, achieved, note, reported_in) -> None:
        for c, v in zip(FIGURE_COLUMNS, (body, indicator, year, value, estimate, achieved, note, reported_in),
                        strict=True):
            cols[c].append(v)

    for sub in submissions:
        for fig in sub.figures:
            add(sub.agency, fig.indicator, sub.year, fig.value, fig.estimate, fig.achieved, fig.note, sub.year)
            if fig.previous is not None:
                add(sub.agency, fig.indicator, sub.year - 1, fig.previous, False, None, None, sub.year)
    return _frame(cols, FIGURE_COLUMNS, {"year": "int64", "reported_in": "int64", "estimate": "bool"})


def task_results_frame(submissions: Iterable[Submission]) -> pd.DataFrame:
    """One row per body × task × year: the body's status and its result bullets (a tuple)."""
    cols: dict[str, list] = {c: [] for c in TASK_COLUMNS}
    for sub in submissions:
        for tr in sub.tasks:
            cols["body"].append(sub.agency)
            cols["task"].append(tr.task)
            cols["year"].append(sub.year)
            cols["status"].append(tr.status)
            cols["results"].append(tuple(tr.results))
    return _frame(cols, TASK_COLUMNS, {"year": "int64"})


def metrics_frame(submissions: Iterable[Submission]) -> pd.DataFrame:
    """One row per body × task × metric × year: the figure a body gives for a task's metric."""
    cols: dict[str, list] = {c: [] for c in METRIC_COLUMNS}
    for sub in submissions:
        for tr in sub.tasks:
            for key, value in tr.metrics.items():
                for c, v in zip(METRIC_COLUMNS, (sub.agency, tr.task, sub.year, key, value), strict=True):
                    cols[c].append(v)
    return _frame(cols, METRIC_COLUMNS, {"year": "int64"})


def documents_frame(submissions: Iterable[Submission]) -> pd.DataFrame:
    """One row per document a body says it issued for the plan (its own plan, directives...)."""
    cols: dict[str, list] = {c: [] for c in DOCUMENT_COLUMNS}
    for sub in submissions:
        for tr in sub.tasks:
            for d in tr.documents:
                for c, v in zip(DOCUMENT_COLUMNS, (sub.agency, tr.task, sub.year, d.number, d.date, d.title),
                                strict=True):
                    cols[c].append(v)
    return _frame(cols, DOCUMENT_COLUMNS, {"year": "int64"})


def texts_frame(submissions: Iterable[Submission]) -> pd.DataFrame:
    """One row per assessment sentence a body wrote (strengths, difficulties, causes, ...)."""
    cols: dict[str, list] = {c: [] for c in TEXT_COLUMNS}
    for sub in submissions:
        for kind in TEXT_KINDS:
            for i, text in enumerate(getattr(sub, kind)):
                for c, v in zip(TEXT_COLUMNS, (sub.agency, sub.year, kind, i, text), strict=True):
                    cols[c].append(v)
    return _frame(cols, TEXT_COLUMNS, {"year": "int64", "position": "int64"})


def _frame(cols: dict[str, list], order: list[str], dtypes: dict[str, str]) -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(cols[c], dtype=dtypes.get(c, "object")) for c in order})
    return frame
