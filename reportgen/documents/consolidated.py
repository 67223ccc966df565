"""The consolidated report of year Y: from the focal body to the provincial People's Committee.

`consolidated_context()` turns a `Consolidation` (frames) and the secretariat's own writing
into the plain-dict context of `bao-cao-tong-hop.docx`. The body states results for the
province (II.1 one paragraph per task: `synthesis`; II.2 the indicators:
`indicator_rows`), parts III–V come from the secretariat or the data (`overview`), and
the detail goes to the appendices: Phụ lục I the indicators, Phụ lục II who reported,
Phụ lục III every body's result on every task (`results_by_body`). Charts are returned
beside the context as `Picture`s for `charts.embed.add_pictures`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from ..charts import ProgressBar, progress_chart, tracking_chart
from ..charts.embed import Picture, add_pictures, picture_run_xml
from ..compute import Consolidation
from ..compute.assessment import LOWER_IS_BETTER, MET
from ..compute.bodies import LEVEL_LOCAL, LOCAL_KINDS
from ..compute.tracking import LATE, MISSING, NOT_DUE, ON_TIME, tracking_counts
from ..errors import Problem, ReportgenError
from ..model import Plan, Registry
from ..model.routing import focal_body
from ..model.secretariat import SecretariatInput
from ..vn import diem_letter, roman, short_date, vn_upper
from . import DocumentSpec
from .common import (
    DRAFT_DAY_BLANK,
    document_properties,
    header_context,
    kinh_gui_context,
    plan_citation,
    plan_reference,
    recipients_context,
    signature_context,
)
from .indicator_rows import indicators_part, target_text, value_with_unit
from .overview import overview_part
from .report_text import LEVEL_BODIES, Names, and_join, capital, count, period_sentence
from .results_by_body import results_part
from .synthesis import sections_part

if TYPE_CHECKING:
    from ..load.project import Project

TEMPLATE = "bao-cao-tong-hop.docx"
DOC_TYPE = "Báo cáo"
LEVEL_TITLES = {"ubnd-huyen": "UBND cấp huyện", "ubnd-xa": "UBND cấp xã"}
PROVINCIAL_TITLE = "Cơ quan, đơn vị cấp tỉnh"


@dataclass
class ConsolidatedDocument:
    """What rendering needs: the template context, the pictures to add, the document properties."""

    context: dict
    pictures: list[Picture] = field(default_factory=list)
    properties: object = None
    filename: str = ""
    warnings: list[Problem] = field(default_factory=list)
    sample: bool = False        # built from sample data (`sample: true`): marked in every page header


def consolidated_context(plan: Plan, registry: Registry, result: Consolidation,
                         secretariat: SecretariatInput | None = None, *, charts: bool = True) -> ConsolidatedDocument:
    """The context of the consolidated report of `result.year` (keys: `tools/build_consolidated_template.py`)."""
    year = result.year
    focal = focal_body(plan, registry, year)
    if focal is None:
        raise ReportgenError(Problem(f"không xác định được cơ quan đầu mối tổng hợp năm {year} "
                                     f"(reporting.focal: {plan.reporting.focal})", file="inputs/plan.yaml", code="plan.focal-unknown"))
    agency = registry[focal]
    number = secretariat.number if secretariat else None
    day = secretariat.date if secretariat else None
    header = header_context(registry, focal, DOC_TYPE, number, day, plan.place, year=year)
    lines = header["issuer_lines"]
    header.setdefault("issuer_lines_before", lines[:-1])      # the shared page-1 block draws the line
    header.setdefault("issuer_last", lines[-1] if lines else "")  # under the last issuer line
    header.setdefault("issuer_rule_text", max(lines, key=len) if lines else "")
    names = Names(registry, dict(zip(result.bodies["body"], result.bodies["order"], strict=True)))
    pictures: list[Picture] = []
    indicators = indicators_part(plan, result.progress, year, names)
    verdicts = result.verdicts()
    indicators["verdicts"] = verdicts
    indicators["counts"] = {"met": verdicts["vượt"] + verdicts["đạt"], "total": verdicts["total"],
                            "not_met": verdicts["cơ bản đạt"] + verdicts["không đạt"], "no_data": verdicts["no_data"]}
    if charts:
        _add_group_charts(plan, result.progress, indicators, pictures)
    for group in indicators["groups"]:
        group.setdefault("chart", "")
        group["has_chart"] = bool(group["chart"])
        group.setdefault("figure_caption", "")
    tracking = _tracking_part(result, names, pictures if charts else None)
    reference = plan_reference(plan, registry)
    title = f"Kết quả thực hiện {reference} năm {year}"
    counts = tracking["counts"]
    submitted = counts["on_time"] + counts["late"]
    overview = overview_part(plan, result, secretariat)
    sections, requested = sections_part(plan, result, secretariat, names) if result.submitted else ([], "")
    context = {
        "header": header,
        "trich_yeu": title,
        "kinh_gui": kinh_gui_context([registry[plan.reporting.recipient].name]),
        "intro": _intro(plan_citation(plan, registry), agency.display_name, year, submitted, counts["total"],
                        result.as_of),
        "period": period_sentence(plan, result),
        "year": year,
        "next_year": year + 1,
        "target_year": plan.target_year,
        "leadership": _leadership_part(result, secretariat),
        "reporting": _reporting_paragraph(result, names),
        "sections": sections,
        "requested": requested,
        "no_reports": _no_reports_sentence(result, counts["total"]),
        "indicators": indicators,
        "assessment": {"strengths": overview["strengths"], "shortcomings": overview["shortcomings"],
                       "causes": overview["causes"]},
        "next_year_tasks": overview["next_year_tasks"],
        "proposals": overview["proposals"],
        "signature": signature_context(secretariat.signer if secretariat else None, agency),
        "recipients": recipients_context(list(secretariat.recipients) if secretariat else [], agency.archive_unit,
                                         to_superior=True),
        "appendix_ref": _appendix_reference(header, agency.display_name, day, year),
        "tracking": tracking,
        "results": results_part(plan, result, names),
        "closing": f"Trên đây là báo cáo kết quả thực hiện {reference} năm {year}, {agency.display_name} "
                   f"kính báo cáo {registry[plan.reporting.recipient].display_name} xem xét, chỉ đạo./.",
        "parts": {k: roman(i) for i, k in enumerate(
            ("leadership", "results", "assessment", "next_year", "proposals"), start=1)},
    }
    props = document_properties(f"Báo cáo {title[:1].lower()}{title[1:]}", agency, day,
                                subject=plan.code, keywords=f"báo cáo tổng hợp; {year}")
    return ConsolidatedDocument(context, pictures, props, output_name(year), list(result.warnings))


def output_name(year: int) -> str:
    """`BC-tong-hop-2024.docx`."""
    return f"BC-tong-hop-{year}.docx"


def _intro(reference: str, issuer: str, year: int, submitted: int, total: int, as_of: date) -> str:
    """The opening paragraph; with no report received it says so plainly."""
    if not submitted:
        return (f"Thực hiện {reference}; tính đến ngày {short_date(as_of)}, {issuer} chưa nhận được báo cáo năm {year} "
                f"của cơ quan, đơn vị nào trong số {count(total)} cơ quan, đơn vị phải báo cáo. Báo cáo này nêu tình "
                "hình theo dữ liệu hiện có và sẽ được cập nhật khi nhận được báo cáo, cụ thể như sau:")
    return (f"Thực hiện {reference}; trên cơ sở báo cáo của {count(submitted)}/{count(total)} cơ quan, đơn vị "
            f"phải báo cáo, {issuer} báo cáo kết quả thực hiện năm {year} như sau:")


def _no_reports_sentence(result: Consolidation, total: int) -> str:
    if result.submitted:
        return ""
    return (f"Đến ngày {short_date(result.as_of)}, chưa có cơ quan, đơn vị nào gửi báo cáo kết quả thực hiện năm "
            f"{result.year} ({count(total)} cơ quan, đơn vị phải báo cáo); kết quả thực hiện các nhiệm vụ sẽ được "
            "tổng hợp khi nhận được báo cáo.")


# --- I. Leadership and the reporting ---------------------------------------------------------


def _leadership_part(result: Consolidation, secretariat: SecretariatInput | None) -> dict:
    """The secretariat's words, then how many bodies issued their own plans, per level (documents: Phụ lục II)."""
    tracking = result.tracking
    issuing = set(result.documents["body"])
    levels = []
    provincial = tracking[tracking["level"] != LEVEL_LOCAL]
    if len(provincial):
        done = int(provincial["body"].isin(issuing).sum())
        levels.append(f"{count(done)}/{count(len(provincial))} {LEVEL_BODIES['tinh']}" if done else "")
    for kind in LOCAL_KINDS:
        level = tracking[tracking["kind"] == kind]
        if len(level):
            done = int(level["body"].isin(issuing).sum())
            levels.append(f"{count(done)}/{count(len(level))} {LEVEL_BODIES[kind]}" if done else "")
    levels = [t for t in levels if t]
    done = int(tracking["body"].isin(issuing).sum())
    summary = ""
    if len(tracking) and done:
        summary = (f"Có {count(done)}/{count(len(tracking))} cơ quan, đơn vị phải báo cáo đã ban hành kế hoạch, văn "
                   f"bản triển khai thực hiện Kế hoạch trong năm {result.year}"
                   + (f" ({'; '.join(levels)})" if len(levels) > 1 else "")
                   + "; số, ngày văn bản tại Phụ lục II.")
    elif len(tracking) and result.submitted:
        summary = f"Các báo cáo nhận được chưa nêu kế hoạch, văn bản triển khai ban hành trong năm {result.year}."
    return {"text": secretariat.leadership if secretariat and secretariat.leadership else "",
            "summary": summary, "documents": []}


def _reporting_paragraph(result: Consolidation, names: Names) -> str:
    """Who reported, on time or late, and the bodies that did not: named here, once in the report."""
    frame = result.tracking
    if frame.empty:
        return ""
    counts = tracking_counts(frame["status"])
    submitted = counts["on_time"] + counts["late"]
    text = (f"Về chế độ báo cáo: tính đến ngày {short_date(result.as_of)}, {count(submitted)}/{count(counts['total'])} "
            "cơ quan, đơn vị đã gửi báo cáo")
    timing = [f"{count(counts['on_time'])} đúng hạn" if counts["on_time"] else "",
              f"{count(counts['late'])} gửi muộn" if counts["late"] else ""]
    if submitted:
        text += f" ({and_join(timing)})"
    missing = frame[frame["status"] == MISSING]
    if len(missing):
        text += (f"; {count(len(missing))} cơ quan, đơn vị chưa gửi báo cáo: "
                 + ", ".join(names.short(b) for b in missing["body"]))
    not_due = counts["not_due"]
    if not_due:
        text += f"; {count(not_due)} cơ quan, đơn vị chưa đến hạn báo cáo"
    return text + " (chi tiết tại Phụ lục II)."


# --- II.2 charts -----------------------------------------------------------------------------


def _add_group_charts(plan: Plan, progress: pd.DataFrame, indicators: dict, pictures: list[Picture]) -> None:
    """Each group's chart, each bar named by its row number (TT) in Phụ lục I and its full name.

    A lower-is-better target is drawn as the distance to it, not as a share of it.
    """
    first = 1
    for k, (group, entry) in enumerate(zip(plan.indicator_groups, indicators["groups"], strict=True), start=1):
        rows = progress[progress["group"] == group.key]
        bars = []
        for number, r in enumerate(rows.to_dict("records"), start=first):
            if r["qualitative"] or r["share"] is None or r["share"] != r["share"]:
                continue
            label, met = f"{number}. {r['name']}", r["assessment"] == MET
            if r["comparator"] in LOWER_IS_BETTER and r["measured"] is not None and r["target"]:
                distance = float((r["measured"] - r["target"]) / r["target"] * 100)
                note = f"{value_with_unit(r['measured'], r['unit'], r['decimals'])}; mục tiêu {target_text(r)}"
                bars.append(ProgressBar(label, None, met, distance=distance, note=note))
            else:
                bars.append(ProgressBar(label, float(r["share"]), met))
        first += len(rows)
        if not bars:
            continue
        n = len(pictures) + 1
        pic = Picture(rid=f"rIdReportgenChart{n}", name=f"bieu-do-{n}.png",
                      png=progress_chart(bars, target_year=plan.target_year),
                      description=f"Mức đạt so với mục tiêu năm {plan.target_year}, nhóm {group.key})")
        pictures.append(pic)
        entry["chart"] = picture_run_xml(pic, n)
        entry["figure_caption"] = (f"Biểu đồ {n}. Mức đạt so với mục tiêu năm {plan.target_year} — "
                                   f"{diem_letter(k)}) {group.title}")


# --- Appendix II: tracking -----------------------------------------------------------------


def _tracking_part(result: Consolidation, names: Names, pictures: list[Picture] | None) -> dict:
    frame = result.tracking
    docs = result.documents
    issued: dict[str, list[str]] = {}
    for body, number, day in zip(docs["body"], docs["number"], docs["date"], strict=True):
        issued.setdefault(body, []).append(f"{number} ngày {short_date(day)}")
    documents = {body: "; ".join(items) for body, items in issued.items()}
    counts = tracking_counts(frame["status"])
    groups = []
    number = 0
    chart_rows = []
    for title, rows in _tracking_groups(frame):
        items = []
        for r in rows.itertuples():
            number += 1
            items.append({"tt": str(number), "name": r.name, "documents": documents.get(r.body, "-"),
                          "received": short_date(r.received) if r.received else "-",
                          "status": capital(r.label), "late": r.status in (LATE, MISSING)})
        groups.append({"title": title, "rows": items})
        chart_rows.append((title, rows["status"].value_counts().to_dict()))
    late = frame[frame["status"] == LATE]
    missing = frame[frame["status"] == MISSING]
    submitted = counts["on_time"] + counts["late"]
    timing = and_join([f"{count(counts['on_time'])} đúng hạn" if counts["on_time"] else "",
                       f"{count(counts['late'])} muộn" if counts["late"] else ""])
    sentence = (f"Tính đến ngày {short_date(result.as_of)}, {count(submitted)}/{count(counts['total'])} cơ quan, "
                f"đơn vị đã gửi báo cáo" + (f" ({timing})" if timing else "")
                + (f"; {count(counts['missing'])} cơ quan, đơn vị chưa gửi báo cáo" if counts["missing"] else "")
                + (f"; {count(counts['not_due'])} cơ quan, đơn vị chưa đến hạn" if counts["not_due"] else "") + ".")
    chart = ""
    if pictures is not None and len(frame):
        n = len(pictures) + 1
        pic = Picture(rid=f"rIdReportgenChart{n}", name=f"bieu-do-{n}.png", png=tracking_chart(chart_rows),
                      description="Tình hình gửi báo cáo")
        pictures.append(pic)
        chart = picture_run_xml(pic, n)
    return {
        "counts": counts,
        "title": vn_upper(f"Tình hình gửi báo cáo năm {result.year} của các cơ quan, đơn vị"),
        "figure_caption": (f"Biểu đồ {len(pictures)}. Tình hình gửi báo cáo năm {result.year}" if chart else ""),
        "sentence": sentence,
        "deadline": short_date(frame["deadline"].iloc[0]) if len(frame) else "",
        "late_list": "; ".join(f"{r.name} ({r.label})" for r in late.itertuples()),
        "missing_list": "; ".join(missing["name"]),
        "groups": groups,
        "chart": chart,
        "has_chart": bool(chart),
        "not_due": counts["not_due"],
        "statuses": {"on_time": ON_TIME, "late": LATE, "missing": MISSING, "not_due": NOT_DUE},
    }


def _tracking_groups(frame: pd.DataFrame):
    provincial = frame[frame["level"] != LEVEL_LOCAL]
    if len(provincial):
        yield PROVINCIAL_TITLE, provincial
    for kind in LOCAL_KINDS:
        rows = frame[frame["kind"] == kind]
        if len(rows):
            yield LEVEL_TITLES.get(kind, kind), rows


# --- helpers ------------------------------------------------------------------------------


def _appendix_reference(header: dict, issuer_short: str, day: date | None, year: int) -> str:
    """`(Kèm theo Báo cáo số 15/BC-SNV ngày 20/12/2024 của Sở Nội vụ)`; a draft keeps the blanks."""
    when = short_date(day) if day else f"{DRAFT_DAY_BLANK}/{DRAFT_DAY_BLANK}/{year}"
    return f"(Kèm theo Báo cáo số {header['ky_hieu']} ngày {when} của {issuer_short})"


def render_consolidated(renderer, document: ConsolidatedDocument) -> bytes:
    """The .docx bytes of the consolidated report: the template rendered, then the charts added."""
    data = renderer.render(TEMPLATE, document.context, document.properties)
    return add_pictures(data, document.pictures)


# --- the build's document kind ------------------------------------------------------------

CONTEXT_KEYS = frozenset({
    "header", "trich_yeu", "kinh_gui", "intro", "period", "year", "next_year", "target_year", "leadership",
    "reporting", "sections", "requested", "no_reports", "indicators", "assessment", "next_year_tasks", "proposals", "signature",
    "recipients", "appendix_ref", "tracking", "results", "closing", "parts",
})


def consolidated_document(project: Project, year: int, *, charts: bool = True) -> ConsolidatedDocument:
    """The consolidated report of year Y from a loaded project.

    Last year's figures and the baselines come from earlier years' reports: the build
    loads them into the project (`load.load_earlier_years`); this module reads no file.
    """
    from ..compute import consolidate

    plan, registry = project.plan, project.registry
    secretariat = project.secretariat.get(year)
    submissions = project.submissions_up_to(year)
    result = consolidate(plan, registry, submissions, year, secretariat=secretariat)
    document = consolidated_context(plan, registry, result, secretariat, charts=charts)
    document.sample = bool(secretariat and secretariat.sample) or any(s.sample for subs in submissions.values()
                                                                      for s in subs)
    return document


@dataclass(frozen=True)
class ConsolidatedSpec(DocumentSpec):
    """A `DocumentSpec` whose rendered bytes still need the charts: call `finish(data)` after rendering."""

    pictures: tuple[Picture, ...] = ()

    def finish(self, data: bytes) -> bytes:
        """The rendered bytes with the charts' PNG parts added (deterministic)."""
        return add_pictures(data, list(self.pictures))


def documents_for_year(project: Project, year: int, agencies: Collection[str] | None = None) -> list[DocumentSpec]:
    """The build's entry: the consolidated report of year Y, with its charts (see `ConsolidatedSpec.finish`)."""
    document = consolidated_document(project, year)
    focal = focal_body(project.plan, project.registry, year)
    return [ConsolidatedSpec(kind="bao-cao-tong-hop", agency=focal, template=TEMPLATE, context=document.context,
                             properties=document.properties, filename=document.filename,
                             label=f"Báo cáo tổng hợp năm {year}", pictures=tuple(document.pictures),
                             warnings=tuple(document.warnings), sample=document.sample)]
