"""The provincial People's Committee's own report of year Y, upward (to the Party Committee or a ministry).

Built from the same consolidation as the focal body's consolidated report (`compute.
consolidate`), shorter: results counted rather than listed body by body, the focal body's
syntheses per section, the assessment, next year's tasks and the province's own proposals,
and one indicator appendix. Issued by the body the plan reports to (`reporting.recipient`,
UBND tỉnh: no parent line, both lines bold) and signed for the collective
(`TM. ỦY BAN NHÂN DÂN` / `KT. CHỦ TỊCH` / `PHÓ CHỦ TỊCH`). Its addressees, number, date,
signer, Nơi nhận and proposals come from the `province_report` block of
`inputs/secretariat/<Y>.yaml`; `kinh_gui` is required (whom the province reports to is a
fact of the plan's chain, not something to guess).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from ..compute import Consolidation
from ..compute.assessment import MET, NO_DATA, NOT_MET
from ..compute.tracking import tracking_counts
from ..errors import Problem, ReportgenError
from ..indicator_text import target_text
from ..model import Plan, Registry
from ..model.routing import focal_body
from ..model.secretariat import SecretariatInput
from ..vn import diem_letter, format_number, normalized_key, roman, short_date, so_ky_hieu, vn_upper
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
from .letters import appendix_note

if TYPE_CHECKING:
    from ..load.project import Project

TEMPLATE = "bao-cao-ubnd-tinh.docx"
KIND = "bao-cao-ubnd-tinh"
DOC_TYPE = "Báo cáo"
SHOWN_ITEMS = 4          # the bodies' own sentences kept per part when the secretariat wrote none
CONTEXT_KEYS = frozenset({
    "header", "trich_yeu", "kinh_gui", "intro", "year", "next_year", "parts", "results", "assessment",
    "next_year_tasks", "proposals", "closing", "signature", "recipients", "appendix_ref", "indicators",
})


def output_name(year: int) -> str:
    """`BC-UBND-tinh-2025.docx` under `outputs/<Y>/`."""
    return f"BC-UBND-tinh-{year}.docx"


def province_document(project: Project, year: int) -> DocumentSpec:
    """The province's report of year Y from a project loaded for Y (earlier years read for last year's figures)."""
    from ..compute import consolidate
    from .consolidated import submissions_up_to

    plan, registry = project.plan_for(year), project.registry
    secretariat = project.secretariat.get(year)
    result = consolidate(plan, registry, submissions_up_to(project, year), year, secretariat=secretariat)
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
    own = secretariat.province_report if secretariat else None
    file = f"inputs/secretariat/{year}.yaml"
    if own is None or not own.kinh_gui:
        raise ReportgenError(Problem(
            "chưa ghi nơi UBND tỉnh gửi báo cáo (province_report.kinh_gui, ví dụ «Ban Thường vụ Tỉnh ủy»)",
            file=file, place="province_report.kinh_gui"))
    issuer_code = plan.reporting.recipient
    issuer = registry[issuer_code]
    header = header_context(registry, issuer_code, DOC_TYPE, own.number, own.date, plan.place, year=year)
    reference_short = f"{plan.doc_type} số {so_ky_hieu(plan.number, plan.doc_type, registry[plan.issuer].abbrev)}"
    focal = focal_body(plan, registry, year)
    counts = tracking_counts(result.tracking)
    results = _results(plan, result, secretariat)
    assessment = _assessment(result, secretariat)
    next_tasks = _items(result, "next_year", secretariat.next_year if secretariat else [])
    proposals = _bullets(own.proposals)
    present = [("results", True), ("assessment", bool(assessment)),
               ("next_year", bool(next_tasks)), ("proposals", bool(proposals))]
    parts, n = {}, 0
    for key, shown in present:
        if shown:
            n += 1
            parts[key] = f"{roman(n)}."
        else:
            parts[key] = ""
    addressees = " và ".join(own.kinh_gui)
    return {
        "header": header,
        "trich_yeu": f"Kết quả thực hiện {reference_short} {plan_subject(plan)} năm {year}",
        "kinh_gui": kinh_gui_context(list(own.kinh_gui)),
        "intro": (f"Thực hiện {plan_citation(plan, registry)}; trên cơ sở báo cáo của {registry[focal].display_name} "
                  f"{_consolidated_reference(registry, focal, secretariat)}tổng hợp kết quả của "
                  f"{format_number(counts['on_time'] + counts['late'])}/{format_number(counts['total'])} cơ quan, "
                  f"đơn vị, địa phương, {issuer.display_name} báo cáo kết quả thực hiện năm {year} như sau:"),
        "year": year,
        "next_year": year + 1,
        "parts": parts,
        "results": results,
        "assessment": assessment,
        "next_year_tasks": next_tasks,
        "proposals": proposals,
        "closing": (f"Trên đây là báo cáo kết quả thực hiện {reference_short} năm {year}, {issuer.display_name} kính "
                    f"báo cáo {addressees}./."),
        "signature": signature_context(own.signer, issuer),
        "recipients": recipients_context(list(own.recipients), issuer.archive_unit, to_superior=True),
        "appendix_ref": appendix_note(header, "Báo cáo", issuer_reference(issuer, plan.place)),
        "indicators": _indicator_appendix(plan, result),
    }


def _consolidated_reference(registry: Registry, focal: str, secretariat: SecretariatInput | None) -> str:
    """`(Báo cáo số 215/BC-SNV ngày 22/12/2025) ` when the consolidated report has its number and date."""
    if secretariat and secretariat.number and secretariat.date:
        kyhieu = so_ky_hieu(secretariat.number, DOC_TYPE, registry[focal].abbrev)
        return f"(Báo cáo số {kyhieu} ngày {short_date(secretariat.date)}) "
    return ""


def _results(plan: Plan, result: Consolidation, secretariat: SecretariatInput | None) -> dict:
    """Part I: leadership counted, each section's synthesis, tasks and indicators counted."""
    own = secretariat.province_report if secretariat else None
    tracking = result.tracking
    issuing = set(result.documents["body"]) if len(result.documents) else set()
    issued = int(tracking["body"].isin(issuing).sum())
    leadership = (f"{format_number(issued)}/{format_number(len(tracking))} cơ quan, đơn vị, địa phương đã ban hành kế "
                  f"hoạch, văn bản triển khai thực hiện Kế hoạch trong năm {result.year}.")
    syntheses = {s.section: s for s in secretariat.sections} if secretariat else {}
    sections = []
    for section in plan.sections:
        synth = syntheses.get(section.number)
        if synth and synth.synthesis:
            sections.append(f"{section.title}: {_sentence(synth.synthesis)}")
    tasks = result.tasks
    ordered = tasks[tasks["mode"] == "giao"]
    status = ordered["status"]
    task_sentence = (f"Trong {format_number(len(ordered))} nhiệm vụ giao các cơ quan, đơn vị, địa phương: "
                     f"{format_number(int((status == 'hoàn thành').sum()))} nhiệm vụ hoàn thành, "
                     f"{format_number(int((status == 'đang thực hiện').sum()))} đang thực hiện, "
                     f"{format_number(int((status == 'chưa thực hiện').sum()))} chưa thực hiện, "
                     f"{format_number(int(status.isna().sum()))} chưa có báo cáo của đơn vị chủ trì.")
    counts = result.counts()
    indicator_sentence = (f"So với mục tiêu đến năm {plan.target_year}, năm {result.year} có {counts['met']}/"
                          f"{counts['total']} chỉ tiêu đạt hoặc vượt, {counts['not_met']} chỉ tiêu chưa đạt, "
                          f"{counts['no_data']} chỉ tiêu chưa có số liệu (chi tiết tại Phụ lục).")
    return {"summary": own.summary if own and own.summary else "", "leadership": leadership,
            "sections": [f"- {s}" for s in sections], "tasks": task_sentence, "indicators": indicator_sentence,
            "quotes": [f"- {q}" for q in _quotes(plan, result, secretariat)]}


def _quotes(plan: Plan, result: Consolidation, secretariat: SecretariatInput | None) -> list[str]:
    """The figures the secretariat chose to quote, in one line each."""
    codes = [c for s in (secretariat.sections if secretariat else []) for c in s.quote_indicators]
    progress = result.progress.set_index("code")
    out = []
    for code in dict.fromkeys(codes):
        if code not in progress.index:
            continue
        r = progress.loc[code]
        ind = plan.indicator(code)
        if ind is None or ind.is_qualitative or r["value"] is None or pd.isna(r["value"]):
            continue
        value = _with_unit(r["value"], ind.unit)
        estimate = "ước " if bool(r["estimate"]) else ""
        out.append(f"{ind.name}: {estimate}{value} (mục tiêu năm {plan.target_year}: "
                   f"{target_text(ind, plan_words=True)}); {r['assessment']}.")
    return out


def _assessment(result: Consolidation, secretariat: SecretariatInput | None) -> list[dict]:
    """Part II's blocks that have points: `{number, title, points}` (shortcomings, then causes)."""
    blocks = [("Tồn tại, hạn chế", _items(result, "difficulties", secretariat.shortcomings if secretariat else [])),
              ("Nguyên nhân", _items(result, "causes", secretariat.causes if secretariat else []))]
    present = [(title, points) for title, points in blocks if points]
    return [{"number": f"{i}.", "title": title, "points": points} for i, (title, points) in enumerate(present, 1)]


def _items(result: Consolidation, kind: str, own: list[str]) -> list[str]:
    """The secretariat's own items when it wrote some; else the sentences most bodies share."""
    if own:
        return _bullets(own)
    frame = result.texts.get(kind)
    if frame is None or frame.empty:
        return []
    shared = frame.assign(_n=frame["bodies"].map(len)).sort_values("_n", ascending=False, kind="stable")
    return _bullets(list(shared["text"].head(SHOWN_ITEMS)))


def _indicator_appendix(plan: Plan, result: Consolidation) -> dict:
    progress = result.progress
    groups = []
    number = 0
    for k, group in enumerate(plan.indicator_groups, start=1):
        rows = []
        for r in progress[progress["group"] == group.key].to_dict("records"):
            number += 1
            ind = plan.indicator(r["code"])
            rows.append({"tt": str(number), "name": r["name"], "unit": r["unit"] or "-",
                         "target": target_text(ind, plan_words=True),
                         "previous": _number(r["previous"]), "value": _value(ind, r),
                         "assessment": _verdict(r["assessment"])})
        groups.append({"label": f"{diem_letter(k)})", "title": group.title, "rows": rows})
    return {
        "title": vn_upper(f"Kết quả thực hiện các chỉ tiêu năm {result.year} so với mục tiêu đến năm "
                          f"{plan.target_year}"),
        "column_target": f"Mục tiêu {plan.target_year}",
        "column_previous": f"Năm {result.year - 1}",
        "column_value": f"Năm {result.year}",
        "groups": groups,
        "note": "«(ước)»: số ước thực hiện; «-»: không có số liệu.",
    }


def _value(ind, r: dict) -> str:
    if ind.is_qualitative:
        return {True: "Đạt", False: "Chưa đạt"}.get(r["achieved"], "-")
    if r["value"] is None or (isinstance(r["value"], float) and pd.isna(r["value"])):
        return "-"
    return format_number(r["value"]) + (" (ước)" if r["estimate"] else "")


def _number(value) -> str:
    return "-" if value is None or (isinstance(value, float) and pd.isna(value)) else format_number(value)


def _verdict(assessment: str) -> str:
    return {MET: "Đạt", NOT_MET: "Chưa đạt", NO_DATA: "Chưa có số liệu"}.get(assessment, assessment)


def _with_unit(value, unit: str) -> str:
    return format_number(value) + "%" if unit == "%" else f"{format_number(value)} {unit}".strip()


def _sentence(text: str) -> str:
    text = " ".join(str(text).split()).rstrip(" ;,.")
    return text[:1].lower() + text[1:] + "." if text else text


def _bullets(items: list[str]) -> list[str]:
    """`- item;` lines, once each (normalised text), the last ending with `.`."""
    out, seen = [], set()
    for item in items:
        text = " ".join(str(item).split()).rstrip(" ;.,")
        if text.startswith(("- ", "– ")):
            text = text[2:]
        key = normalized_key(text)
        if text and key not in seen:
            seen.add(key)
            out.append(f"- {text};")
    if out:
        out[-1] = out[-1][:-1] + "."
    return out
