"""Task results for year Y: what each lead and partner body reported, and what is missing.

`task_rows` is tidy (one row per task × body answering for it), built by joining the
routing of year Y with the submitted results, so a body that was due to report on a task
and did not shows up as a row with `reported` False.
"""

from __future__ import annotations

import pandas as pd

from ..model import Plan
from .bodies import LEAD

STATUS_DONE = "hoàn thành"
STATUS_ONGOING = "đang thực hiện"
STATUS_NOT_STARTED = "chưa thực hiện"


def task_rows(routing: pd.DataFrame, results: pd.DataFrame, year: int,
              body_rank: dict[str, int]) -> pd.DataFrame:
    """One row per task × routed body, with the body's status and results when it reported.

    The columns and their types are the same whatever was submitted, none included.
    """
    this_year = results.loc[results["year"] == year, ["task", "body", "status", "results"]] \
        .drop_duplicates(["task", "body"], keep="first")
    rows = routing.merge(this_year, on=["task", "body"], how="left", validate="one_to_one")
    rows["reported"] = rows["status"].notna()
    for column in ("status", "results"):
        rows[column] = rows[column].astype("object").where(rows["reported"], None)
    # a bool column even when no body reported (an empty object column would not filter rows)
    rows["has_results"] = pd.Series([bool(r) for r in rows["results"]], index=rows.index, dtype="bool")
    rows["order"] = rows["body"].map(body_rank).fillna(len(body_rank)).astype("int64")
    rows["is_lead"] = rows["role"] == LEAD
    return rows.sort_values(["task", "is_lead", "order"], ascending=[True, False, True], kind="stable") \
        .reset_index(drop=True)


def task_summary(plan: Plan, rows: pd.DataFrame) -> pd.DataFrame:
    """One row per task of the plan, in plan order: leads' status, who reported, whether anyone did."""
    per_task = rows.groupby("task", sort=False).agg(
        bodies=("body", "size"),
        reporters=("reported", "sum"),
    )
    lead_rows = rows[rows["is_lead"]]
    leads = lead_rows.groupby("task", sort=False).agg(
        leads=("body", "size"),
        leads_reported=("reported", "sum"),
        done=("status", lambda s: int((s == STATUS_DONE).sum())),
        ongoing=("status", lambda s: int((s == STATUS_ONGOING).sum())),
        not_started=("status", lambda s: int((s == STATUS_NOT_STARTED).sum())),
    )
    out = pd.DataFrame({
        "task": [t.code for t in plan.tasks],
        "section": [t.section for t in plan.tasks],
        "mode": [t.mode for t in plan.tasks],
    })
    out = out.merge(per_task, left_on="task", right_index=True, how="left") \
        .merge(leads, left_on="task", right_index=True, how="left")
    count_cols = ["bodies", "reporters", "leads", "leads_reported", "done", "ongoing", "not_started"]
    out[count_cols] = out[count_cols].fillna(0).astype("int64")
    out["status"] = pd.Series([_lead_status(r) for r in out.itertuples()], index=out.index, dtype="object")
    out["no_report"] = out["reporters"] == 0
    return out


def _lead_status(r) -> str | None:
    """The leads' status: the one status when they all agree, `đang thực hiện` when they differ; None if none reported."""
    if r.leads_reported == 0:
        return None
    if r.not_started:
        return STATUS_NOT_STARTED if r.not_started == r.leads_reported else STATUS_ONGOING
    if r.ongoing:
        return STATUS_ONGOING
    return STATUS_DONE
