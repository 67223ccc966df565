"""An agency's annual report to the focal body (`BÁO CÁO Kết quả thực hiện Kế hoạch số ...`).

Built from the body's submission for year Y: `Kính gửi` the focal body of year Y, the
result of every task assigned to the body in year Y (plan order, a task it did not report
on says so), a table of its figures against the plan's targets, its assessment,
next year's tasks and proposals. Signer, number and date are the submission's own.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from ..indicator_text import target_text, unit_text, value_text
from ..model import Indicator, Plan, Registry, Submission, Task
from ..model.routing import focal_body, indicators_of_body, tasks_of_body
from ..task_text import transfer_note
from ..vn import diem_letter, format_number, roman, short_date, so_ky_hieu
from . import DocumentSpec
from .common import (
    document_properties,
    header_context,
    issuer_reference,
    kinh_gui_context,
    plan_citation,
    plan_reference,
    plan_subject,
    recipients_context,
    signature_context,
    task_label,
)

if TYPE_CHECKING:
    from ..load.project import Project

TEMPLATE = "bao-cao-don-vi.docx"
DOC_TYPE = "Báo cáo"
CONTEXT_KEYS = frozenset({
    "header", "trich_yeu", "kinh_gui", "agency", "plan", "year", "next_year", "parts", "results",
    "figures", "assessment", "next_year_tasks", "proposals", "signature", "recipients",
})
STATUS_TEXT = {"hoàn thành": "đã hoàn thành", "đang thực hiện": "đang thực hiện", "chưa thực hiện": "chưa thực hiện"}


def reports_for_year(project: Project, year: int, agencies: Collection[str] | None = None) -> list[DocumentSpec]:
    """One report per submission of year Y (of `agencies` only, when given), in registry order."""
    subs = {s.agency: s for s in project.submissions_for(year)}
    return [report_document(project, subs[code], year) for code in project.registry.agencies
            if code in subs and (agencies is None or code in agencies)]


def report_document(project: Project, submission: Submission, year: int) -> DocumentSpec:
    """The report of the body that sent `submission`, ready to render."""
    context = report_context(project, submission, year)
    agency = project.registry[submission.agency]
    return DocumentSpec(
        kind="bao-cao", agency=submission.agency, template=TEMPLATE, context=context,
        properties=document_properties(f"{DOC_TYPE} {context['trich_yeu'][:1].lower()}{context['trich_yeu'][1:]}",
                                       agency, submission.report.date, subject=f"Năm {year}"),
        filename=f"bao-cao/BC-{submission.agency}-{year}.docx",
        label=f"Báo cáo — {agency.display_name}", sample=submission.sample)


def report_context(project: Project, submission: Submission, year: int) -> dict[str, Any]:
    """The template context of one body's report for year Y."""
    plan, registry = project.plan, project.registry
    code = submission.agency
    agency = registry[code]
    info = submission.report
    header = header_context(registry, code, DOC_TYPE, info.number, info.date, plan.place, year=year)
    reference = plan_reference(plan, registry)
    addressee = _addressee(plan, registry, code, year)
    led, supported = tasks_of_body(plan, registry, code, year)
    figures = _figures(plan, registry, submission, year)
    assessment = _assessment(submission)
    parts = _part_numbers(bool(assessment), bool(submission.next_year), bool(submission.proposals))
    recipient = plan.reporting.recipient
    extra = [] if addressee == recipient else [f"{issuer_reference(registry[recipient], plan.place)} (để b/c)"]
    return {
        "header": header,
        "trich_yeu": info.title or f"Kết quả thực hiện {reference} năm {year}",
        "kinh_gui": kinh_gui_context([registry[addressee].name]),
        "agency": {"code": code, "name": agency.name, "short": agency.display_name},
        "plan": {"reference": plan_citation(plan, registry),
                 "reference_short": f"{plan.doc_type} số "
                                    f"{so_ky_hieu(plan.number, plan.doc_type, registry[plan.issuer].abbrev)}",
                 "subject": plan_subject(plan), "target_year": plan.target_year},
        "year": year,
        "next_year": year + 1,
        "parts": parts,
        "results": {"tasks_number": "1.", "figures_number": "2.", "has_figures": bool(figures["rows"]),
                    "sections": _result_sections(plan, registry, submission, year, led, supported)},
        "figures": figures,
        "assessment": assessment,
        "next_year_tasks": [_bullet(t) for t in submission.next_year],
        "proposals": [_bullet(t) for t in submission.proposals],
        "signature": signature_context(info.signer, agency),
        "recipients": recipients_context(extra, agency.archive_unit, to_superior=True),
    }


# --- parts of the context --------------------------------------------------------------


def _addressee(plan: Plan, registry: Registry, code: str, year: int) -> str:
    """The focal body of year Y; the body the plan reports to when the reporter is the focal body."""
    focal = focal_body(plan, registry, year)
    return plan.reporting.recipient if focal in (None, code) else focal


def _part_numbers(assessment: bool, next_year: bool, proposals: bool) -> dict[str, str]:
    """Roman numbers of the parts present: I. results, then assessment, next year, proposals."""
    numbers = {"results": f"{roman(1)}.", "assessment": "", "next_year": "", "proposals": ""}
    n = 1
    for key, present in (("assessment", assessment), ("next_year", next_year), ("proposals", proposals)):
        if present:
            n += 1
            numbers[key] = f"{roman(n)}."
    return numbers


def _result_sections(plan: Plan, registry: Registry, submission: Submission, year: int, led: list[Task],
                     supported: list[Task]) -> list[dict]:
    """Every task assigned to the body, under its plan section, with what the body reported.

    A task the body took over from another says so, as in its plan (`task_text.transfer_note`).
    """
    results = {r.task: r for r in submission.tasks}
    roles = {t.code: "chủ trì" for t in led} | {t.code: "phối hợp" for t in supported}
    by_section: dict[str, list[dict]] = {}
    for task in plan.tasks:
        if task.code not in roles:
            continue
        result = results.get(task.code)
        status = STATUS_TEXT[result.status] if result else "chưa có báo cáo kết quả"
        bullets = [_bullet(t) for t in result.results] if result else []
        if result:
            figures = [m.label(format_number(result.metrics[m.key], m.decimals)) for m in plan.task_metrics(task)
                       if m.key in result.metrics]
            if figures:                                   # the task's metrics, as the form asked for them
                bullets.append(_bullet("Số liệu: " + "; ".join(figures)))
            bullets += [_bullet(f"Ban hành văn bản số {d.number} ngày {short_date(d.date)}: {d.title}")
                        for d in result.documents]
        items = by_section.setdefault(task.section, [])
        note = transfer_note(plan, registry, task, submission.agency, year)
        role = f"{roles[task.code]}; {note.strip()[1:-1]}" if note else roles[task.code]
        items.append({"lead_in": f"{diem_letter(len(items) + 1)}) {task_label(task)} ({role}): {status}.",
                      "bullets": bullets, "code": task.code})
    out = []
    for section in plan.sections:
        if section.number in by_section:
            out.append({"number": f"1.{len(out) + 1}.", "title": f"{section.title} (mục {section.number})",
                        "tasks": by_section[section.number]})
    return out


def _figures(plan: Plan, registry: Registry, submission: Submission, year: int) -> dict[str, Any]:
    """The figure table: the body's indicators (and any other it reported) against the targets."""
    reported = {f.indicator: f for f in submission.figures}
    codes = set(indicators_of_body(plan, registry, submission.agency, year)) | set(reported)
    values = [f for f in reported.values() if f.value is not None or f.achieved is not None]
    all_estimates = bool(values) and all(f.estimate for f in values)
    rows = []
    for indicator in plan.indicators:
        if indicator.code not in codes:
            continue
        fig = reported.get(indicator.code)
        current = _value(indicator, fig.value if fig else None, fig.achieved if fig else None)
        if fig and fig.estimate and not all_estimates and current:
            current += " (ước)"
        note = (fig.note or "") if fig else "Chưa có số liệu"
        rows.append({"tt": str(len(rows) + 1), "name": indicator.name, "unit": unit_text(indicator.unit),
                     "target": target_text(indicator, unit=False),
                     "previous": _value(indicator, fig.previous if fig else None, None),
                     "current": current, "note": note, "code": indicator.code})
    return {
        "target_heading": f"Mục tiêu {plan.target_year}",
        "previous_heading": f"Năm {year - 1}",
        "current_heading": f"Năm {year} (ước)" if all_estimates else f"Năm {year}",
        "rows": rows,
    }


def _value(indicator: Indicator, value, achieved: bool | None) -> str:
    if value is not None:
        return value_text(indicator, value)
    if achieved is not None:
        return "Đạt" if achieved else "Chưa đạt"
    return ""


def _assessment(submission: Submission) -> list[dict]:
    blocks = [("Ưu điểm", submission.strengths), ("Khó khăn, vướng mắc", submission.difficulties),
              ("Nguyên nhân", submission.causes)]
    present = [(title, items) for title, items in blocks if items]
    return [{"number": f"{i}.", "title": title, "points": [_bullet(t) for t in items]}
            for i, (title, items) in enumerate(present, 1)]


def _bullet(text: str) -> str:
    """`- text;` from free text, keeping the writer's own final punctuation."""
    body = " ".join(text.split())
    if body.startswith(("- ", "– ")):
        body = body[2:]
    return f"- {body}" if body[-1:] in ".;:!?" else f"- {body}."
