"""Submission tracking for year Y: every body expected to report, on time, late or missing.

The expected bodies and the deadline come from the plan (`model.routing`), the date a
report arrived from the submission itself. `as_of` is the day the view is taken: a report
received after it is not counted yet, and a body without a report is `chưa đến hạn`
before the deadline and `chưa nộp` from the deadline on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..model import Plan, Registry, Submission
from ..model.routing import expected_reporters
from .listing import listed_bodies

if TYPE_CHECKING:
    import pandas as pd

ON_TIME = "đúng hạn"
LATE = "muộn"
MISSING = "chưa nộp"
NOT_DUE = "chưa đến hạn"
# Stable English values for machine-read output (JSON); the Vietnamese words above are what documents print.
STATUS_CODES = {ON_TIME: "on_time", LATE: "late", MISSING: "missing", NOT_DUE: "not_due"}
TRACKING_COLUMNS = ["body", "name", "short_name", "kind", "level", "order", "deadline", "received",
                    "status", "days_late", "label"]


@dataclass(frozen=True)
class Tracked:
    """One body expected to report in year Y, and where its report stands."""

    body: str
    name: str
    short_name: str
    kind: str
    level: str
    order: int
    deadline: date
    received: date | None
    status: str  # ON_TIME, LATE, MISSING or NOT_DUE
    days_late: int
    label: str


def tracking_rows(plan: Plan, registry: Registry, submissions: Iterable[Submission], year: int,
                  as_of: date) -> list[Tracked]:
    """One row per body expected to report in year Y, in list order (provincial first, then local; A–Z).

    Plain Python: `reportgen status` uses it without loading pandas."""
    expected = expected_reporters(plan, registry, year)
    received: dict[str, date] = {}
    for sub in submissions:
        if sub.year == year and sub.agency not in received:
            received[sub.agency] = sub.report.received_on
    deadline = plan.reporting.deadline(year)
    overdue = max((as_of - deadline).days, 0)
    rows = []
    for order, listed in enumerate(listed_bodies(registry, expected)):
        got = _received_by(received.get(listed.body), as_of)
        late = (got - deadline).days if got is not None else 0
        status = _status(got, late, deadline, as_of)
        days = late if status == LATE else overdue if status == MISSING else 0
        rows.append(Tracked(listed.body, listed.name, listed.short_name, listed.kind, listed.level, order,
                            deadline, got, status, days, status_label(status, days)))
    return rows


def tracking_frame(plan: Plan, registry: Registry, submissions: Iterable[Submission], year: int,
                   as_of: date) -> pd.DataFrame:
    """`tracking_rows` as a frame, for the consolidation."""
    import pandas as pd

    rows = tracking_rows(plan, registry, submissions, year, as_of)
    frame = pd.DataFrame([asdict(r) for r in rows], columns=TRACKING_COLUMNS, dtype="object")
    frame["order"] = frame["order"].astype("int64")
    frame["days_late"] = frame["days_late"].astype("int64")
    return frame


def status_label(status: str, days_late: int) -> str:
    """The words printed for a status: `đúng hạn`, `muộn 3 ngày`, `chưa nộp`, `chưa đến hạn`."""
    if status == LATE:
        return f"muộn {days_late} ngày"
    return status


def tracking_counts(statuses: Iterable[str]) -> dict[str, int]:
    """How many bodies are on time, late, missing, not yet due, and in all (`statuses`: a
    frame's `status` column or the rows' statuses)."""
    counts = {ON_TIME: 0, LATE: 0, MISSING: 0, NOT_DUE: 0}
    total = 0
    for status in statuses:
        total += 1
        if status in counts:
            counts[status] += 1
    return {"on_time": counts[ON_TIME], "late": counts[LATE], "missing": counts[MISSING],
            "not_due": counts[NOT_DUE], "total": total}


def _received_by(received: date | None, as_of: date) -> date | None:
    """The day a report arrived, if it had arrived by `as_of`."""
    return received if received is not None and received <= as_of else None


def _status(received: date | None, late_days: int, deadline: date, as_of: date) -> str:
    if received is not None:
        return ON_TIME if late_days <= 0 else LATE
    return NOT_DUE if as_of < deadline else MISSING


def tracking_records(rows: Iterable[Tracked]) -> list[dict]:
    """The tracking rows as plain dicts for JSON output: English keys, stable values, Vietnamese labels beside.

    `status` is one of `on_time`, `late`, `missing`, `not_due` (the keys of
    `tracking_counts`), `label` the Vietnamese words (`muộn 3 ngày`); `kind` is the
    registry's kind, `level_label` the Vietnamese level (`Cấp tỉnh`); dates are ISO text.
    """
    return [{"body": r.body, "name": r.name, "short_name": r.short_name, "kind": r.kind, "level_label": r.level,
             "deadline": r.deadline.isoformat(), "received": r.received.isoformat() if r.received else None,
             "status": STATUS_CODES[r.status], "days_late": int(r.days_late), "label": r.label} for r in rows]
