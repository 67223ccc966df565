"""Submission tracking for year Y: every body expected to report, on time, late or missing.

The expected bodies and the deadline come from the plan (`model.routing`), the date a
report arrived from the submission itself. `as_of` is the day the view is taken: a report
received after it is not counted yet, and a body without a report is `chưa đến hạn`
before the deadline and `chưa nộp` from the deadline on.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pandas as pd

from ..model import Plan, Registry, Submission
from ..model.routing import expected_reporters
from .bodies import bodies_frame

ON_TIME = "đúng hạn"
LATE = "muộn"
MISSING = "chưa nộp"
NOT_DUE = "chưa đến hạn"
# Stable English values for machine-read output (JSON); the Vietnamese words above are what documents print.
STATUS_CODES = {ON_TIME: "on_time", LATE: "late", MISSING: "missing", NOT_DUE: "not_due"}
TRACKING_COLUMNS = ["body", "name", "short_name", "kind", "level", "order", "deadline", "received",
                    "status", "days_late", "label"]


def tracking_frame(plan: Plan, registry: Registry, submissions: Iterable[Submission], year: int,
                   as_of: date) -> pd.DataFrame:
    """One row per body expected to report in year Y, in list order (provincial first, then local; A–Z)."""
    expected = expected_reporters(plan, registry, year)
    received = {}
    for sub in submissions:
        if sub.year == year and sub.agency not in received:
            received[sub.agency] = sub.report.received_on
    deadline = plan.reporting.deadline(year)
    frame = bodies_frame(registry, expected)
    got = [_received_by(received.get(b), as_of) for b in frame["body"]]
    late = [(d - deadline).days if d is not None else 0 for d in got]
    status = [_status(d, n, deadline, as_of) for d, n in zip(got, late, strict=True)]
    overdue = max((as_of - deadline).days, 0)
    frame["deadline"] = deadline
    frame["received"] = pd.Series(got, dtype="object")
    frame["status"] = pd.Series(status, dtype="object")
    frame["days_late"] = pd.Series([n if s == LATE else (overdue if s == MISSING else 0)
                                    for s, n in zip(status, late, strict=True)], dtype="int64")
    frame["label"] = [status_label(s, n) for s, n in zip(frame["status"], frame["days_late"], strict=True)]
    return frame[TRACKING_COLUMNS]


def status_label(status: str, days_late: int) -> str:
    """The words printed for a status: `đúng hạn`, `muộn 3 ngày`, `chưa nộp`, `chưa đến hạn`."""
    if status == LATE:
        return f"muộn {days_late} ngày"
    return status


def tracking_counts(tracking: pd.DataFrame) -> dict[str, int]:
    """How many bodies are on time, late, missing, not yet due, and in all."""
    counts = tracking["status"].value_counts()
    return {"on_time": int(counts.get(ON_TIME, 0)), "late": int(counts.get(LATE, 0)),
            "missing": int(counts.get(MISSING, 0)), "not_due": int(counts.get(NOT_DUE, 0)),
            "total": int(len(tracking))}


def _received_by(received: date | None, as_of: date) -> date | None:
    """The day a report arrived, if it had arrived by `as_of`."""
    return received if received is not None and received <= as_of else None


def _status(received: date | None, late_days: int, deadline: date, as_of: date) -> str:
    if received is not None:
        return ON_TIME if late_days <= 0 else LATE
    return NOT_DUE if as_of < deadline else MISSING


def tracking_records(tracking: pd.DataFrame) -> list[dict]:
    """The tracking frame as plain dicts for JSON output: English keys, stable values, Vietnamese labels beside.

    `status` is one of `on_time`, `late`, `missing`, `not_due` (the keys of
    `tracking_counts`), `label` the Vietnamese words (`muộn 3 ngày`); `kind` is the
    registry's kind, `level_label` the Vietnamese level (`Cấp tỉnh`); dates are ISO text.
    """
    out = []
    for r in tracking.itertuples(index=False):
        out.append({
            "body": r.body, "name": r.name, "short_name": r.short_name, "kind": r.kind, "level_label": r.level,
            "deadline": r.deadline.isoformat(), "received": r.received.isoformat() if r.received else None,
            "status": STATUS_CODES[r.status], "days_late": int(r.days_late), "label": r.label,
        })
    return out
