"""The provincial People's Committee's own report of year Y, upward (to the Party Committee or a ministry).

Built from the same `compute.Consolidation` as the focal body's consolidated report and
with its parts (`indicator_rows`, `overview`, `synthesis`), but shorter: the province's
results rather than each body's. Part I states the results — the plans issued, the tasks
counted by status, per section of the plan the province's totals of the task metrics
(summed over the section's tasks, with the change against last year), the indicators in
verdict bands (`08/40 chỉ tiêu vượt, …`) with the group sentences and the figures the
secretariat quotes — after the data period; part II the assessment; part III next year's
tasks; part IV the province's own proposals upward. One appendix: the indicator table of
the consolidated report's Phụ lục I. Per-body detail stays in the consolidated report.

Issued by the body the plan reports to (`reporting.recipient`, UBND tỉnh: no parent line,
both lines bold) and signed for the collective (`TM. ỦY BAN NHÂN DÂN` / `KT. CHỦ TỊCH` /
`PHÓ CHỦ TỊCH`). Whom it goes to is a fact of the plan's chain, not something to guess: the
plan's `reporting.upward_to`, or the year's own `province_report.kinh_gui`. Number, date,
signer, Nơi nhận, the opening paragraph, next year's tasks and proposals come from the
`province_report` block of `inputs/secretariat/<Y>.yaml`; without it the report is a draft.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..compute import Consolidation
from ..compute.tracking import tracking_counts
from ..errors import Problem, ReportgenError
from ..model import Plan, Registry
from ..model.cycle import ProvinceReportInput
from ..model.routing import focal_body
from ..model.secretariat import SecretariatInput
from ..vn import arabic_ladder, roman, short_date, so_ky_hieu
from . import DocumentSpec
from .common import (
    document_properties,
    header_context,
    issuer_reference,
    kinh_gui_context,
    plan_citation,
    plan_subject,
    recipients_context,
    signature_context,
)
from .indicator_rows import indicators_part
from .letters import appendix_note
from .overview import overview_part
from .report_text import (
    Names,
    amount,
    capital,
    count,
    percent_change,
    period_sentence,
    sentence_end,
)
from .synthesis import quote

if TYPE_CHECKING:
    from ..load.project import Project

TEMPLATE = "bao-cao-ubnd-tinh.docx"
KIND = "bao-cao-ubnd-tinh"
DOC_TYPE = "Báo cáo"
APPENDIX = "Phụ lục"          # the report's one appendix has no number (Decree 30: numbered from two on)
CONTEXT_KEYS = frozenset({
    "header", "trich_yeu", "kinh_gui", "intro", "period", "year", "next_year", "target_year", "parts", "results",
    "indicators", "assessment", "next_year_tasks", "proposals", "closing", "signature", "recipients",
    "appendix_ref",
})


def output_name(year: int) -> str:
    """`BC-UBND-tinh-2025.docx` under `outputs/<Y>/`."""
    return f"BC-UBND-tinh-{year}.docx"


def province_document(project: Project, year: int) -> DocumentSpec:
    """The province's report of year Y from a project loaded for Y, earlier years included
    (`load.load_earlier_years`: last year's figures and the baselines, as the consolidated report)."""
    from ..compute import consolidate

    plan, registry = project.plan_for(year), project.registry
    secretariat = project.secretariat.get(year)
    result = consolidate(plan, registry, project.submissions_up_to(year), year, secretariat=secretariat)
    context = province_context(plan, registry, result, secretariat)
    issuer = registry[plan.reporting.recipient]
    own = secretariat.province_report if secretariat else None
    return DocumentSpec(
        kind=KIND, agency=issuer.code, template=TEMPLATE, context=context,
        properties=document_properties(f"Báo cáo {context['trich_yeu'][:1].lower()}{context['trich_yeu'][1:]}",
                                       issuer, own.date if own else None, subject=plan.code,
                                       keywords=f"báo cáo UBND tỉnh; {year}"),
        filename=output_name(year), label=f"Báo cáo của {issuer.display_name} năm {year}",
        warnings=tuple(result.warnings))


def province_context(plan: Plan, registry: Registry, result: Consolidation,
                     secretariat: SecretariatInput | None) -> dict[str, Any]:
    """The context of `bao-cao-ubnd-tinh.docx` (keys: `CONTEXT_KEYS`, `templates/README.md`)."""
    year = result.year
    own = (secretariat.province_report if secretariat else None) or ProvinceReportInput()
    addressees = list(own.kinh_gui or plan.reporting.upward_to)
    if not addressees:
        raise ReportgenError(Problem(
            "chưa ghi nơi UBND tỉnh gửi báo cáo: reporting.upward_to trong inputs/plan.yaml, hoặc "
            f"province_report.kinh_gui trong inputs/secretariat/{year}.yaml (ví dụ «Ban Thường vụ Tỉnh ủy»)",
            file=f"inputs/secretariat/{year}.yaml", place="province_report.kinh_gui"))
    issuer_code = plan.reporting.recipient
    issuer = registry[issuer_code]
    header = header_context(registry, issuer_code, DOC_TYPE, own.number, own.date, plan.place, year=year)
    reference_short = f"{plan.doc_type} số {so_ky_hieu(plan.number, plan.doc_type, registry[plan.issuer].abbrev)}"
    names = Names(registry, dict(zip(result.bodies["body"], result.bodies["order"], strict=True)))
    indicators = indicators_part(plan, result.progress, year, names, appendix=APPENDIX)
    indicators["verdicts"] = result.verdicts()
    indicators["quotes"] = _quotes(plan, result, secretariat, names)
    overview = overview_part(plan, result, secretariat, indicator_appendix=APPENDIX, tracking_appendix=None)
    assessment = [block for block in (
        {"title": "Ưu điểm", "points": overview["strengths"]},
        {"title": "Tồn tại, hạn chế", "points": overview["shortcomings"]},
        {"title": "Nguyên nhân", "points": overview["causes"]},
    ) if block["points"]]
    for i, block in enumerate(assessment, start=1):
        block["number"] = f"{i}."
    next_year_tasks = _bullets(own.next_year) or overview["next_year_tasks"]
    proposals = _bullets(own.proposals)
    parts = _part_numbers([("results", True), ("assessment", bool(assessment)),
                           ("next_year", bool(next_year_tasks)), ("proposals", bool(proposals))])
    focal = focal_body(plan, registry, year)
    counts = tracking_counts(result.tracking["status"])
    return {
        "header": header,
        "trich_yeu": f"Kết quả thực hiện {reference_short} {plan_subject(plan)} năm {year}",
        "kinh_gui": kinh_gui_context(addressees),
        "intro": (f"Thực hiện {plan_citation(plan, registry)}; trên cơ sở báo cáo của {registry[focal].display_name} "
                  f"{_consolidated_reference(registry, focal, secretariat)}tổng hợp kết quả của "
                  f"{count(counts['on_time'] + counts['late'])}/{count(counts['total'])} cơ quan, đơn vị, địa "
                  f"phương, {issuer.display_name} báo cáo kết quả thực hiện năm {year} như sau:"),
        "period": period_sentence(plan, result, appendix=APPENDIX),
        "year": year,
        "next_year": year + 1,
        "target_year": plan.target_year,
        "parts": parts,
        "results": {"summary": own.summary or "", "leadership": _leadership(result),
                    "tasks": _tasks_sentence(result), "sections": _sections(plan, result, secretariat)},
        "indicators": indicators,
        "assessment": assessment,
        "next_year_tasks": next_year_tasks,
        "proposals": proposals,
        "closing": (f"Trên đây là báo cáo kết quả thực hiện {reference_short} năm {year}, {issuer.display_name} kính "
                    f"báo cáo {' và '.join(addressees)}./."),
        "signature": signature_context(own.signer, issuer),
        "recipients": recipients_context(list(own.recipients), issuer.archive_unit, to_superior=True),
        "appendix_ref": appendix_note(header, DOC_TYPE, issuer_reference(issuer, plan.place)),
    }


def summary_line(context: dict[str, Any]) -> str:
    """`08/40 chỉ tiêu vượt, …; 174/182 cơ quan, đơn vị đã báo cáo.` for the command's output."""
    sentence = context["indicators"]["sentence"]
    bands = sentence.split(": ", 1)[1].removesuffix(f" (chi tiết tại {APPENDIX}).") if ": " in sentence else sentence
    return f"{bands}."


# --- part I ---------------------------------------------------------------------------------


def _leadership(result: Consolidation) -> str:
    """How many bodies issued their own plans or documents for the plan in year Y."""
    tracking = result.tracking
    if tracking.empty:
        return ""
    issuing = set(result.documents["body"]) if len(result.documents) else set()
    issued = int(tracking["body"].isin(issuing).sum())
    if not issued:
        return (f"Các báo cáo nhận được chưa nêu kế hoạch, văn bản triển khai ban hành trong năm {result.year}."
                if result.submitted else "")
    return (f"Có {count(issued)}/{count(len(tracking))} cơ quan, đơn vị, địa phương đã ban hành kế hoạch, văn bản "
            f"triển khai thực hiện Kế hoạch trong năm {result.year}.")


def _tasks_sentence(result: Consolidation) -> str:
    """`Trong 40 nhiệm vụ giao …: 5 nhiệm vụ hoàn thành, 33 đang thực hiện (2 quá hạn), 2 chưa có báo cáo …`."""
    tasks = result.tasks[result.tasks["mode"] == "giao"]
    if tasks.empty:
        return ""
    status = tasks["status"]
    overdue = int((tasks["open_overdue"] > 0).sum())
    parts = [f"{count(n)} nhiệm vụ {label}" for n, label in (
        (int((status == "hoàn thành").sum()), "hoàn thành"),
        (int((status == "đang thực hiện").sum()), "đang thực hiện"),
        (int((status == "chưa thực hiện").sum()), "chưa thực hiện"),
        (int(status.isna().sum()), "chưa có báo cáo của đơn vị chủ trì"),
    ) if n]
    text = f"Trong {count(len(tasks))} nhiệm vụ Kế hoạch giao các cơ quan, đơn vị, địa phương: {', '.join(parts)}"
    if overdue:
        text += f"; {count(overdue)} nhiệm vụ có đơn vị chủ trì chưa hoàn thành khi đã đến hạn"
    return text + "."


def _sections(plan: Plan, result: Consolidation, secretariat: SecretariatInput | None) -> list[dict]:
    """Per section of the plan: the secretariat's synthesis, then the province's totals (`2.1.`, title, text).

    A metric counted under several tasks of a section is summed over them; its change is
    given when every task with a total this year also had one last year. A section with
    neither words nor figures is left out (the numbering follows what is printed).
    """
    syntheses = {s.section: s.synthesis for s in secretariat.sections if s.synthesis} if secretariat else {}
    totals = result.metric_totals
    out = []
    for section in plan.sections:
        codes = [t.code for t in plan.tasks if t.section == section.number]
        rows = totals[totals["task"].isin(codes) & totals["total"].notna()] if len(totals) else totals
        clauses = _metric_clauses(plan, rows, result.year)
        text = sentence_end(syntheses[section.number]) if section.number in syntheses else ""
        if clauses:
            text = (text + " " if text else "") + f"Toàn tỉnh đã {'; '.join(clauses)}."
        if text:
            out.append({"number": arabic_ladder(2, len(out) + 1), "title": section.title, "text": text})
    return out


def _metric_clauses(plan: Plan, rows: pd.DataFrame, year: int) -> list[str]:
    """One clause per metric of the section, in plan order: its total and the change against Y−1."""
    by_metric: dict[str, list] = {}
    for r in rows.itertuples():
        by_metric.setdefault(r.metric, []).append(r)
    clauses, said_year = [], False
    for key, items in by_metric.items():
        metric = plan.metric(key)
        if metric is None:
            continue
        total = sum((Decimal(r.total) for r in items), Decimal(0))
        text = metric.sentence(amount(total, metric.decimals))
        if all(r.previous is not None for r in items):
            previous = sum((Decimal(r.previous) for r in items), Decimal(0))
            change = percent_change((total - previous) / previous * 100) if previous else ""
            if change:
                text += f", {change}" + ("" if said_year else f" so với năm {year - 1}")
                said_year = True
        clauses.append(text)
    return clauses


def _quotes(plan: Plan, result: Consolidation, secretariat: SecretariatInput | None, names: Names) -> list[str]:
    """The figures the secretariat chose to quote (`sections[].quote_indicators`), one line each."""
    codes = [c for s in (secretariat.sections if secretariat else []) for c in s.quote_indicators]
    progress = {r["code"]: r for r in result.progress.to_dict("records")}
    return [quote(progress[c], result.year, plan.target_year, names) for c in dict.fromkeys(codes) if c in progress]


# --- helpers --------------------------------------------------------------------------------


def _consolidated_reference(registry: Registry, focal: str, secretariat: SecretariatInput | None) -> str:
    """`(Báo cáo số 215/BC-SNV ngày 22/12/2025) ` when the consolidated report has its number and date."""
    if secretariat and secretariat.number and secretariat.date:
        kyhieu = so_ky_hieu(secretariat.number, DOC_TYPE, registry[focal].abbrev)
        return f"(Báo cáo số {kyhieu} ngày {short_date(secretariat.date)}) "
    return ""


def _part_numbers(present: list[tuple[str, bool]]) -> dict[str, str]:
    """`I.`, `II.`, … for the parts that have content, in order; '' for the others."""
    parts, n = {}, 0
    for key, shown in present:
        if shown:
            n += 1
        parts[key] = f"{roman(n)}." if shown else ""
    return parts


def _bullets(items: list[str]) -> list[str]:
    """Items as the template's `- …` lines print them: each ending with `;`, the last with `.`."""
    out = [sentence_end(capital(str(i).strip().removeprefix("- ")), ";") for i in items if str(i).strip()]
    if out:
        out[-1] = out[-1][:-1] + "."
    return out

