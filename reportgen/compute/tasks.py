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

# Against the task's deadline (practice: "đến hạn đã hoàn thành đúng hạn / quá hạn; chưa
# hoàn thành trong hạn / quá hạn"). A task is due in the year its deadline names
# (`Task.due_year`); an ongoing or recurring task is never overdue.
TIMING_ON_TIME = "đúng hạn"
TIMING_OVERDUE = "quá hạn"
TIMING_IN_TERM = "trong hạn"


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


def task_timing(plan: Plan, rows: pd.DataFrame, year: int) -> pd.DataFrame:
    """`rows` with `timing`: a done task is on time unless its due year is past; an open one is
    within its term until its due year (then overdue); None for a body that did not report."""
    due = {t.code: t.due_year for t in plan.tasks}
    timing = []
    for task, status, reported in zip(rows["task"], rows["status"], rows["reported"], strict=True):
        if not reported:
            timing.append(None)
            continue
        deadline = due.get(task)
        if status == STATUS_DONE:
            timing.append(TIMING_OVERDUE if deadline is not None and deadline < year else TIMING_ON_TIME)
        else:
            timing.append(TIMING_OVERDUE if deadline is not None and deadline <= year else TIMING_IN_TERM)
    return rows.assign(timing=pd.Series(timing, index=rows.index, dtype="object"))


def task_summary(plan: Plan, rows: pd.DataFrame) -> pd.DataFrame:
    """One row per task of the plan, in plan order: leads' status, who reported, whether anyone did.

    Counts of the leads: `done`, `ongoing`, `not_started`, and against the deadline
    `done_late` (done after the due year) and `open_overdue` (not done, due year reached).
    """
    per_task = rows.groupby("task", sort=False).agg(
        bodies=("body", "size"),
        reporters=("reported", "sum"),
    )
    lead_rows = rows[rows["is_lead"]]
    status = lead_rows["status"]
    timing = lead_rows["timing"] if "timing" in lead_rows else pd.Series(None, index=lead_rows.index, dtype="object")
    late = timing == TIMING_OVERDUE
    flags = pd.DataFrame({
        "task": lead_rows["task"], "body": lead_rows["body"], "reported": lead_rows["reported"],
        "done": status == STATUS_DONE, "ongoing": status == STATUS_ONGOING,
        "not_started": status == STATUS_NOT_STARTED,
        "done_late": (status == STATUS_DONE) & late, "open_overdue": (status != STATUS_DONE) & late,
    })
    leads = flags.groupby("task", sort=False).agg(
        leads=("body", "size"), leads_reported=("reported", "sum"), done=("done", "sum"),
        ongoing=("ongoing", "sum"), not_started=("not_started", "sum"), done_late=("done_late", "sum"),
        open_overdue=("open_overdue", "sum"),
    )
    out = pd.DataFrame({
        "task": [t.code for t in plan.tasks],
        "section": [t.section for t in plan.tasks],
        "mode": [t.mode for t in plan.tasks],
    })
    out = out.merge(per_task, left_on="task", right_index=True, how="left") \
        .merge(leads, left_on="task", right_index=True, how="left")
    count_cols = ["bodies", "reporters", "leads", "leads_reported", "done", "ongoing", "not_started",
                  "done_late", "open_overdue"]
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
