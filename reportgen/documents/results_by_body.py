"""Phụ lục III of the consolidated report: every body's result on every task, so nothing is lost.

One group of rows per task (plan order); in it, every body routed to the task in year Y
(leads, then partners; each in list order) with its status against the deadline, its
figures for the task's metrics, its own result sentences and the documents it issued.
A body that did not report still has its row (`Chưa báo cáo`).
"""

from __future__ import annotations

from ..compute import Consolidation
from ..compute.tasks import STATUS_DONE
from ..model import Plan
from ..vn import short_date, vn_upper
from .report_text import Names, amount, capital, sentence_end
from .synthesis import task_title

NOT_REPORTED = "Chưa báo cáo"


def results_part(plan: Plan, result: Consolidation, names: Names) -> dict:
    """`title` and `groups[]{title, rows[]{tt, name, status, metrics, results, documents}}`."""
    rows_by_task = {code: rows for code, rows in result.task_rows.groupby("task", sort=False)}
    contributions = result.metric_contributions
    figures = {(r.task, r.body, r.metric): r.value for r in contributions.itertuples()} if len(contributions) else {}
    docs = result.documents
    documents: dict[tuple[str, str], list[str]] = {}
    for task, body, number, day in zip(docs["task"], docs["body"], docs["number"], docs["date"], strict=True):
        documents.setdefault((task, body), []).append(f"{number} ngày {short_date(day)}")
    groups = []
    for task in plan.tasks:
        rows = rows_by_task.get(task.code)
        if rows is None or rows.empty:
            continue
        metrics = plan.task_metrics(task)
        by_unit = len({m.unit for m in metrics}) == len(metrics)   # `19 hội nghị; 386 lượt người` is unambiguous
        items = []
        for i, r in enumerate(rows.itertuples(), start=1):
            given = [(m, figures[key]) for m in metrics if (key := (task.code, r.body, m.key)) in figures]
            if by_unit:
                shown = "; ".join(f"{amount(v, m.decimals)} {m.unit}".strip() for m, v in given)
            else:
                shown = "\n".join(capital(m.label(amount(v, m.decimals))) for m, v in given)
            items.append({
                "tt": str(i),
                "name": names.short(r.body) + ("" if r.is_lead else " (phối hợp)"),
                "status": _status(r),
                "metrics": shown or "-",
                "results": "\n".join(f"- {sentence_end(t)}" for t in (r.results or ())) or "-",
                "documents": "\n".join(documents.get((task.code, r.body), ())) or "-",
            })
        groups.append({"title": f"{task.code}. {task_title(task)}", "rows": items})
    return {"title": vn_upper(f"Kết quả thực hiện nhiệm vụ năm {result.year} của các cơ quan, đơn vị"),
            "groups": groups}


def _status(r) -> str:
    if not r.reported:
        return NOT_REPORTED
    status = "Hoàn thành" if r.status == STATUS_DONE else capital(r.status)
    return f"{status}, {r.timing}" if r.timing else status
