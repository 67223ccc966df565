"""The consolidated report of year Y: from the focal body to the provincial People's Committee.

`consolidated_context()` turns a `Consolidation` (frames) and the secretariat's own writing
into the plain-dict context of `bao-cao-tong-hop.docx`; every figure and sentence that comes
from a body carries that body's name. Cell and sentence text is formatted here with the
same `reportgen.vn` functions the template filters use, so the template only loops.
Charts are returned beside the context as `Picture`s for `charts.embed.add_pictures`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import pandas as pd

from ..charts import ProgressBar, progress_chart, tracking_chart
from ..charts.embed import Picture, add_pictures, picture_run_xml
from ..compute import Consolidation
from ..compute.assessment import (
    BEHIND,
    LOWER_IS_BETTER,
    MET,
    NO_BASELINE,
    NO_DATA,
    NOT_MET,
    ON_TRACK,
)
from ..compute.bodies import LEVEL_LOCAL, LOCAL_KINDS
from ..compute.tasks import STATUS_DONE, STATUS_NOT_STARTED, STATUS_ONGOING
from ..compute.tracking import LATE, MISSING, NOT_DUE, ON_TIME, tracking_counts
from ..errors import Problem, ReportgenError
from ..model import Plan, Registry
from ..model.routing import focal_body
from ..model.secretariat import SecretariatInput
from ..vn import (
    arabic_ladder,
    diem_letter,
    format_number,
    normalized_key,
    roman,
    short_date,
    vn_upper,
)
from ..vn.numbering import DIEM_LETTERS
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

if TYPE_CHECKING:
    from ..load.project import Project

TEMPLATE = "bao-cao-tong-hop.docx"
DOC_TYPE = "Báo cáo"
MANY_BODIES = 3          # more leads than this are counted, not named
SHOWN_SOURCES = 3        # bodies named after a merged sentence before "và N đơn vị khác"
MANY_LOCAL_BODIES = 8    # a local level with more bodies than this on one task (or one list) is summarised
SHOWN_LOCAL_BODIES = 3   # bodies of a summarised level whose results are still quoted, by name
SHARED_NOTE_ROWS = 3     # a body's note found on this many indicator rows is printed once, under the table
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


def consolidated_context(plan: Plan, registry: Registry, result: Consolidation,
                         secretariat: SecretariatInput | None = None, *, charts: bool = True) -> ConsolidatedDocument:
    """The context of the consolidated report of `result.year` (keys: `tools/build_consolidated_template.py`)."""
    year = result.year
    focal = focal_body(plan, registry, year)
    if focal is None:
        raise ReportgenError(Problem(f"không xác định được cơ quan đầu mối tổng hợp năm {year} "
                                     f"(reporting.focal: {plan.reporting.focal})", file="inputs/plan.yaml"))
    agency = registry[focal]
    number = secretariat.number if secretariat else None
    day = secretariat.date if secretariat else None
    header = header_context(registry, focal, DOC_TYPE, number, day, plan.place, year=year)
    lines = header["issuer_lines"]
    header.setdefault("issuer_lines_before", lines[:-1])      # the shared page-1 block draws the line
    header.setdefault("issuer_last", lines[-1] if lines else "")  # under the last issuer line
    header.setdefault("issuer_rule_text", max(lines, key=len) if lines else "")
    names = _Names(registry, dict(zip(result.bodies["body"], result.bodies["order"], strict=True)))
    pictures: list[Picture] = []
    indicators = _indicators_part(plan, result, names, pictures if charts else None)
    tracking = _tracking_part(result, names, pictures if charts else None)
    reference = plan_reference(plan, registry)
    title = f"Kết quả thực hiện {reference} năm {year}"
    counts = tracking["counts"]
    submitted = counts["on_time"] + counts["late"]
    context = {
        "header": header,
        "trich_yeu": title,
        "kinh_gui": kinh_gui_context([registry[plan.reporting.recipient].name]),
        "intro": (f"Thực hiện {plan_citation(plan, registry)}; trên cơ sở báo cáo của {format_number(submitted)}/{format_number(counts['total'])} cơ quan, đơn vị "
                  f"phải báo cáo, {agency.display_name} báo cáo kết quả thực hiện năm {year} như sau:"),
        "year": year,
        "next_year": year + 1,
        "target_year": plan.target_year,
        "leadership": _leadership_part(result, secretariat, names),
        "sections": _sections_part(plan, result, secretariat, names),
        "indicators": indicators,
        "assessment": {
            "strengths": _merged(result.texts["strengths"], names),
            "shortcomings": _merged(result.texts["difficulties"], names),
            "causes": _merged(result.texts["causes"], names),
        },
        "next_year_tasks": _merged(result.texts["next_year"], names),
        "proposals": _merged(result.texts["proposals"], names),
        "signature": signature_context(secretariat.signer if secretariat else None, agency),
        "recipients": recipients_context(list(secretariat.recipients) if secretariat else [], agency.archive_unit,
                                         to_superior=True),
        "appendix_ref": _appendix_reference(header, agency.display_name, day, year),
        "tracking": tracking,
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


# --- I. Leadership ------------------------------------------------------------------------


def _leadership_part(result: Consolidation, secretariat: SecretariatInput | None, names: _Names) -> dict:
    """The documents provincial bodies issued, one line each; local bodies counted per level (listed in Phụ lục II)."""
    docs = result.documents
    kinds = result.bodies.set_index("body")["kind"]
    items = []
    for body, rows in docs.groupby("body", sort=False):
        if kinds.get(body) in LOCAL_KINDS:
            continue
        items.append(f"{names.short(body)}: {_documents_text(rows)}.")
    tracking = result.tracking
    issuing = set(docs["body"])
    for kind in LOCAL_KINDS:
        level = tracking[tracking["kind"] == kind]
        if len(level):
            done = int(level["body"].isin(issuing).sum())
            items.append(f"{LEVEL_TITLES.get(kind, kind)}: {format_number(done)}/{format_number(len(level))} "
                         "đơn vị đã ban hành kế hoạch, văn bản triển khai (số, ngày văn bản tại Phụ lục II).")
    expected = len(tracking)
    done = int(tracking["body"].isin(issuing).sum())
    summary = (f"Có {format_number(done)}/{format_number(expected)} cơ quan, đơn vị phải báo cáo đã ban hành kế "
               f"hoạch, văn bản triển khai thực hiện Kế hoạch trong năm {result.year}." if expected else "")
    return {"text": secretariat.leadership if secretariat and secretariat.leadership else "",
            "summary": summary, "documents": items}


def _documents_text(rows: pd.DataFrame) -> str:
    """`Kế hoạch thực hiện … (số 145/KH-SYT ngày 16/5/2024); …`."""
    return "; ".join(f"{_sentence_end(r.title, '')} (số {r.number} ngày {short_date(r.date)})"
                     for r in rows.itertuples())


# --- II.1 Tasks per section ---------------------------------------------------------------


def _sections_part(plan: Plan, result: Consolidation, secretariat: SecretariatInput | None,
                   names: _Names) -> list[dict]:
    syntheses = {s.section: s for s in secretariat.sections} if secretariat else {}
    rows_by_task = {code: rows for code, rows in result.task_rows.groupby("task", sort=False)}
    summary = result.tasks.set_index("task")
    progress = {r["code"]: r for r in result.progress.to_dict("records")}
    issuers_by_task = {code: set(rows["body"]) for code, rows in result.documents.groupby("task", sort=False)}
    out = []
    for i, section in enumerate(plan.sections, start=1):
        tasks = [t for t in plan.tasks if t.section == section.number]
        synth = syntheses.get(section.number)
        entries = []
        for j, task in enumerate(tasks, start=1):
            rows = rows_by_task.get(task.code)
            entries.append(_task_entry(task, j, len(tasks), rows, summary.loc[task.code], names,
                                       issuers_by_task.get(task.code, set())))
        out.append({
            "number": arabic_ladder(1, i),
            "title": section.title,
            "synthesis": synth.synthesis if synth and synth.synthesis else "",
            "highlights": list(synth.highlights) if synth else [],
            "quotes": [_quote(progress[c], result.year, plan.target_year, names)
                       for c in (synth.quote_indicators if synth else []) if c in progress],
            "tasks": entries,
        })
    return out


def _task_entry(task, position: int, count: int, rows: pd.DataFrame | None, summary: pd.Series,
                names: _Names, issuers: set[str]) -> dict:
    """One task of II.1: who leads it, its status, the results (a summarised level is counted, not listed)."""
    label = f"{diem_letter(position)})" if count <= len(DIEM_LETTERS) else f"{position}."
    rows = rows if rows is not None else pd.DataFrame(columns=["body", "is_lead", "reported", "results", "status"])
    kinds = rows["body"].map(names.kind)
    summarised = [k for k in LOCAL_KINDS if int((kinds == k).sum()) > MANY_LOCAL_BODIES]
    in_summary = kinds.isin(summarised)
    leads = rows[rows["is_lead"]]
    items = _attributed_results(rows[rows["reported"] & ~in_summary], names)
    for kind in summarised:
        items.extend(_level_results(rows[kinds == kind], kind, names, issuers))
    ordered = task.mode == "giao"
    if not ordered:
        missing_text = "Chưa nhận được báo cáo (nhiệm vụ đề nghị phối hợp)." if not items else ""
    else:
        missing = _missing_text(leads.loc[~leads["reported"], "body"], names)
        missing_text = f"Chưa báo cáo: {missing}." if missing else ""
    return {
        "label": label,
        "code": task.code,
        "summary": _task_summary_text(task),
        "leads": _leads_text(list(leads["body"]), names),
        "status": _status_text(summary),
        "lines": items,
        "missing": missing_text,
        "no_report": bool(summary["no_report"]),
    }


def _leads_text(bodies: list[str], names: _Names) -> str:
    """The leads by name when few; else counted per level: `16 cơ quan, đơn vị cấp tỉnh và 166 UBND cấp xã`."""
    if len(bodies) <= MANY_BODIES:
        return ", ".join(names.short(b) for b in bodies)
    kinds = [names.kind(b) for b in bodies]
    local = [f"{format_number(kinds.count(k))} {LEVEL_TITLES.get(k, k)}" for k in LOCAL_KINDS if k in kinds]
    provincial = sum(1 for k in kinds if k not in LOCAL_KINDS)
    if not local:
        return f"{format_number(provincial)} cơ quan, đơn vị"
    return _and_join(([f"{format_number(provincial)} cơ quan, đơn vị cấp tỉnh"] if provincial else []) + local)


def _level_results(rows: pd.DataFrame, kind: str, names: _Names, issuers: set[str]) -> list[str]:
    """A summarised local level: one counting line, a few bodies' results, then how many more.

    `166/166 UBND cấp xã đã báo cáo; 40 hoàn thành, 120 đang thực hiện, 6 chưa thực hiện.`
    The bodies quoted are those that issued a document for the task first, then the others,
    each in list order (Vietnamese A–Z), among those that wrote a result.
    """
    reported = rows[rows["reported"]]
    statuses = reported["status"].value_counts()
    parts = [f"{format_number(int(statuses[s]))} {s}" for s in (STATUS_DONE, STATUS_ONGOING, STATUS_NOT_STARTED)
             if statuses.get(s, 0)]
    line = (f"{format_number(len(reported))}/{format_number(len(rows))} {LEVEL_TITLES.get(kind, kind)} "
            f"đã báo cáo" + (f"; {', '.join(parts)}" if parts else "") + ".")
    writers = reported[reported["results"].map(bool)]
    first = writers.assign(_doc=~writers["body"].isin(issuers)).sort_values(["_doc", "order"], kind="stable")
    shown = first.head(SHOWN_LOCAL_BODIES)
    lines = [line, *_attributed_results(shown, names)]
    others = len(reported) - len(shown)
    if others:
        lines.append(f"… và {format_number(others)} đơn vị khác (chi tiết tại báo cáo của từng đơn vị).")
    return lines


def _missing_text(bodies: pd.Series, names: _Names) -> str:
    """Bodies that did not report on a task: named, except a local level with many, which is counted."""
    kinds = [names.kind(b) for b in bodies]
    many = [k for k in LOCAL_KINDS if kinds.count(k) > MANY_LOCAL_BODIES]
    named = ", ".join(names.short(b) for b, k in zip(bodies, kinds, strict=True) if k not in many)
    counted = [f"{format_number(kinds.count(k))} {LEVEL_TITLES.get(k, k)}" for k in many]
    return "; ".join(p for p in (named, *counted) if p)


def _attributed_results(rows: pd.DataFrame, names: _Names) -> list[str]:
    """`Sở Y tế: <result>.` per result, leads first; bodies writing the same result share one line."""
    bodies_of: dict[str, list[str]] = {}
    text_of: dict[str, str] = {}
    for r in rows.itertuples():
        for bullet in list(r.results) or [f"{r.status}"]:
            key = normalized_key(bullet)
            text_of.setdefault(key, _sentence_end(bullet))
            who = bodies_of.setdefault(key, [])
            if r.body not in who:
                who.append(r.body)
    return [f"{', '.join(names.short(b) for b in bodies_of[k])}: {text_of[k]}" for k in text_of]


def _task_summary_text(task) -> str:
    text = " ".join(task.content[0].split())
    text = text[:1].upper() + text[1:]
    return _shorten(text, 220)


def _status_text(summary: pd.Series) -> str:
    if summary["leads_reported"] == 0:
        return "chưa có báo cáo của đơn vị chủ trì"
    if summary["leads"] == 1:
        return str(summary["status"])
    parts = [f"{format_number(int(summary[k]))} {label}" for k, label in
             (("done", "hoàn thành"), ("ongoing", "đang thực hiện"), ("not_started", "chưa thực hiện")) if summary[k]]
    return (f"{format_number(int(summary['leads_reported']))}/{format_number(int(summary['leads']))} đơn vị chủ trì "
            f"đã báo cáo: " + ", ".join(parts))


def _quote(row: dict, year: int, target_year: int, names: _Names) -> str:
    """`Tỷ lệ …: ước 2,65% (năm 2023: 2,58%; mục tiêu năm 2030: dưới 2,5%); chưa đạt, chậm tiến độ (Sở …).`"""
    unit = row["unit"]
    value = _value_text(row["value"], unit, row["estimate"])
    parts = []
    if row["previous"] is not None:
        parts.append(f"năm {year - 1}: {_with_unit(row['previous'], unit)}")
    parts.append(f"mục tiêu năm {target_year}: {_target_text(row)}")
    verdict = row["assessment"] + (f", {row['trajectory']}" if row["trajectory"] in (ON_TRACK, BEHIND) else "")
    source = f" ({names.short(row['body'])})" if row["body"] else ""
    if row["qualitative"]:
        return f"{row['name']}: {verdict}{source}."
    return f"{row['name']}: {value} ({'; '.join(parts)}); {verdict}{source}."


# --- II.2 Indicators ----------------------------------------------------------------------


def _indicators_part(plan: Plan, result: Consolidation, names: _Names, pictures: list[Picture] | None) -> dict:
    progress = result.progress
    counts = result.counts()
    quantitative = progress[~progress["qualitative"]]
    open_ = quantitative[quantitative["assessment"] == NOT_MET]
    traj = open_["trajectory"].value_counts()
    estimates = bool(progress["estimate"].any())
    all_estimates = estimates and bool(progress.loc[progress["value"].notna(), "estimate"].all())
    mark = estimates and not all_estimates
    in_table = [progress[progress["group"] == group.key] for group in plan.indicator_groups]
    shared = _shared_notes([r for rows in in_table for r in rows.to_dict("records")], names)
    groups = []
    number = 0
    for k, (group, rows) in enumerate(zip(plan.indicator_groups, in_table, strict=True), start=1):
        table_rows = []
        for r in rows.to_dict("records"):
            number += 1
            table_rows.append(_table_row(number, r, result.year, names, mark_estimate=mark, shared=shared))
        g_counts = {"met": int((rows["assessment"] == MET).sum()), "total": len(rows),
                    "not_met": int((rows["assessment"] == NOT_MET).sum()),
                    "no_data": int((rows["assessment"] == NO_DATA).sum())}
        chart = ""
        if pictures is not None:
            chart = _group_chart(plan, group.key, rows, pictures, first=number - len(rows) + 1)
        groups.append({"label": f"{diem_letter(k)})", "title": group.title, "rows": table_rows,
                       "sentence": _count_sentence(g_counts), "chart": chart, "has_chart": bool(chart),
                       "figure_caption": (f"Biểu đồ {len(pictures)}. Mức đạt so với mục tiêu năm {plan.target_year}"
                                          f" — {diem_letter(k)}) {group.title}" if chart else "")})
    return {
        "counts": counts,
        "heading": f"Kết quả thực hiện các chỉ tiêu đến năm {plan.target_year}",
        "appendix_title": vn_upper(f"Kết quả thực hiện các chỉ tiêu năm {result.year} so với mục tiêu đến năm "
                                   f"{plan.target_year}"),
        "sentence": (f"So với mục tiêu đến năm {plan.target_year}, năm {result.year} có {_count_sentence(counts)}"
                     " (chi tiết tại Phụ lục I)."),
        "trajectory_sentence": _trajectory_sentence(len(open_), traj),
        "groups": groups,
        "overrides": [f"{r.code} ({_shorten(r.name, 80)}): {r.assessment} — {r.override_reason}."
                      for r in progress.itertuples() if r.override_reason],
        "column_previous": f"Năm {result.year - 1}",
        "column_value": f"Năm {result.year}" + (" (ước)" if all_estimates else ""),
        "column_target": f"Mục tiêu {plan.target_year}",
        "estimate_note": (f"Số liệu năm {result.year} có ghi “(ước)” là số ước thực hiện." if mark else
                          (f"Số liệu năm {result.year} là số ước thực hiện." if all_estimates else "")),
        "shared_notes": [note.text for note in shared.values()],
    }


@dataclass(frozen=True)
class _SharedNote:
    """A body's note repeated on many rows: its mark in the value cell and its line under the table."""

    mark: str
    text: str


def _shared_notes(records: list[dict], names: _Names) -> dict[str, _SharedNote]:
    """Notes found on `SHARED_NOTE_ROWS` rows or more, by normalised text, numbered in table order.

    `(1) Ghi chú của Sở Y tế, Sở Nội vụ: Ước thực hiện đến 31/12/2025.`
    """
    rows_of: dict[str, int] = {}
    text_of: dict[str, str] = {}
    bodies_of: dict[str, list[str]] = {}
    for r in records:
        if not r["figure_note"]:
            continue
        key = normalized_key(r["figure_note"])
        rows_of[key] = rows_of.get(key, 0) + 1
        text_of.setdefault(key, _sentence_end(r["figure_note"]))
        who = bodies_of.setdefault(key, [])
        if r["figure_note_body"] not in who:
            who.append(r["figure_note_body"])
    out = {}
    for key, text in text_of.items():
        if rows_of[key] < SHARED_NOTE_ROWS:
            continue
        mark = f"({len(out) + 1})"
        whose = _sources(names.in_list_order(bodies_of[key]), names)
        out[key] = _SharedNote(mark, f"{mark} Ghi chú của {whose}: {text}")
    return out


def _sources(bodies: list[str], names: _Names) -> str:
    """`Sở Y tế, Sở Nội vụ` or `A, B, C và 4 đơn vị khác`."""
    shown = ", ".join(names.short(b) for b in bodies[:SHOWN_SOURCES])
    more = len(bodies) - SHOWN_SOURCES
    return shown + (f" và {format_number(more)} đơn vị khác" if more > 0 else "")


def _count_sentence(c: dict) -> str:
    """`28/42 chỉ tiêu đạt hoặc vượt; 10 chỉ tiêu chưa đạt; 4 chỉ tiêu không có số liệu`."""
    return (f"{c['met']}/{c['total']} chỉ tiêu đạt hoặc vượt; {c['not_met']} chỉ tiêu chưa đạt; "
            f"{c['no_data']} chỉ tiêu không có số liệu")


def _trajectory_sentence(open_count: int, traj: pd.Series) -> str:
    if not open_count:
        return ""
    on, behind, unknown = (int(traj.get(k, 0)) for k in (ON_TRACK, BEHIND, NO_BASELINE))
    text = (f"Trong {open_count} chỉ tiêu định lượng chưa đạt, {on} chỉ tiêu đúng tiến độ và {behind} chỉ tiêu "
            f"chậm tiến độ so với lộ trình đến mục tiêu")
    if unknown:
        text += f"; {unknown} chỉ tiêu chưa xác định được tiến độ do không có số liệu gốc"
    return text + "."


def _table_row(number: int, r: dict, year: int, names: _Names, *, mark_estimate: bool,
               shared: dict[str, _SharedNote]) -> dict:
    unit = r["unit"]
    mixed_mark = mark_estimate and r["estimate"]
    if r["qualitative"]:
        value = {True: "Đạt", False: "Chưa đạt"}.get(r["achieved"], "-")
    else:
        value = "-" if r["value"] is None else format_number(r["value"]) + (" (ước)" if mixed_mark else "")
    previous = "-" if r["previous"] is None else format_number(r["previous"])
    verdict = _capital(r["assessment"])
    if r["trajectory"]:
        verdict += f"\n{_capital(r['trajectory'])}"
    notes = []
    if r["override_reason"]:
        notes.append(f"Điều chỉnh đánh giá (tính theo số liệu: {r['computed']}): {r['override_reason']}")
    if r["expected"] is not None and r["trajectory"] in (ON_TRACK, BEHIND):
        notes.append(f"giá trị theo lộ trình năm {year}: {format_number(r['expected'], 2)}")
    notes.extend(r["notes"])
    body = names.short(r["body"]) if r["body"] else "-"
    if r["conflicts"]:
        shown = [f"{names.short(b)} {_show(v, unit)}" for b, v in r["conflicts"][:SHOWN_SOURCES]]
        more = len(r["conflicts"]) - SHOWN_SOURCES
        notes.append("số liệu khác: " + ", ".join(shown) + (f" và {more} đơn vị khác" if more > 0 else ""))
    note_mark, body_note = _body_note(r, names, shared)
    return {
        "tt": str(number),
        "code": r["code"],
        "name": r["name"],
        "unit": unit or "-",
        "target": _target_text(r),
        "previous": previous,
        "value": value,
        "note_mark": note_mark,
        "assessment": verdict,
        "note": _capital("; ".join(n for n in notes if n)) + ("." if notes else ""),
        "body_note": body_note,
        "body": body,
        "status": r["assessment"],
    }


def _body_note(r: dict, names: _Names, shared: dict[str, _SharedNote]) -> tuple[str, str]:
    """(mark after the value, line under the assessment) for the body's own note on its figure.

    A note repeated on many rows gets only its mark here (its text is under the table);
    a note from a body other than the one in the last column says whose it is.
    """
    if not r["figure_note"]:
        return "", ""
    note = shared.get(normalized_key(r["figure_note"]))
    if note is not None:
        return note.mark, ""
    whose = "đơn vị" if r["figure_note_body"] == r["body"] else names.short(r["figure_note_body"])
    return "", f"Ghi chú của {whose}: {_sentence_end(r['figure_note'])}"


def _group_chart(plan: Plan, group: str, rows: pd.DataFrame, pictures: list[Picture], first: int) -> str:
    """The group's chart, each bar named by its row number (TT) in the table and its full name.

    A lower-is-better target is drawn as the distance to it, not as a share of it.
    """
    bars = []
    for number, r in enumerate(rows.to_dict("records"), start=first):
        if r["qualitative"] or r["share"] is None or r["share"] != r["share"]:
            continue
        label, met = f"{number}. {r['name']}", r["assessment"] == MET
        if r["comparator"] in LOWER_IS_BETTER and r["value"] is not None and r["target"]:
            distance = float((r["value"] - r["target"]) / r["target"] * 100)
            note = f"{_show(r['value'], r['unit'])}; mục tiêu {_target_text(r)}"
            bars.append(ProgressBar(label, None, met, distance=distance, note=note))
        else:
            bars.append(ProgressBar(label, float(r["share"]), met))
    if not bars:
        return ""
    n = len(pictures) + 1
    pic = Picture(rid=f"rIdReportgenChart{n}", name=f"bieu-do-{n}.png",
                  png=progress_chart(bars, target_year=plan.target_year),
                  description=f"Mức đạt so với mục tiêu năm {plan.target_year}, nhóm {group})")
    pictures.append(pic)
    return picture_run_xml(pic, n)


# --- Appendix II: tracking -----------------------------------------------------------------


def _tracking_part(result: Consolidation, names: _Names, pictures: list[Picture] | None) -> dict:
    frame = result.tracking
    documents = {body: "; ".join(f"{r.number} ngày {short_date(r.date)}" for r in rows.itertuples())
                 for body, rows in result.documents.groupby("body", sort=False)}
    counts = tracking_counts(frame)
    groups = []
    number = 0
    chart_rows = []
    for title, rows in _tracking_groups(frame):
        items = []
        for r in rows.itertuples():
            number += 1
            items.append({"tt": str(number), "name": r.name, "documents": documents.get(r.body, "-"),
                          "received": short_date(r.received) if r.received else "-",
                          "status": _capital(r.label), "late": r.status in (LATE, MISSING)})
        groups.append({"title": title, "rows": items})
        chart_rows.append((title, rows["status"].value_counts().to_dict()))
    late = frame[frame["status"] == LATE]
    missing = frame[frame["status"] == MISSING]
    submitted = counts["on_time"] + counts["late"]
    sentence = (f"Tính đến ngày {short_date(result.as_of)}, {format_number(submitted)}/"
                f"{format_number(counts['total'])} cơ quan, đơn vị đã gửi báo cáo ({format_number(counts['on_time'])} đúng hạn, {format_number(counts['late'])} "
                f"muộn); {format_number(counts['missing'])} cơ quan, đơn vị chưa gửi báo cáo.")
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


class _Names:
    """Short names, kinds and list order of bodies (order: `Consolidation.bodies`)."""

    def __init__(self, registry: Registry, order: dict[str, int] | None = None):
        self._registry = registry
        self._order = order or {}

    def in_list_order(self, codes: list[str]) -> list[str]:
        """`codes` provincial first, then local, each in Vietnamese A–Z (unknown codes last)."""
        return sorted(codes, key=lambda c: self._order.get(c, len(self._order)))

    def short(self, code: str) -> str:
        agency = self._registry.agencies.get(code)
        return agency.display_name if agency else code

    def kind(self, code: str) -> str:
        agency = self._registry.agencies.get(code)
        return agency.kind if agency else ""


def _merged(frame: pd.DataFrame, names: _Names) -> list[str]:
    """III–V items: each merged sentence with its sources; a local level's many own sentences summarised."""
    kept, summaries = _collapse_local_items(frame, names)
    out = []
    for r in kept.itertuples():
        text = _sentence_end(r.text, "")
        if not r.own and r.bodies:
            shown = [names.short(b) for b in r.bodies[:SHOWN_SOURCES]]
            more = len(r.bodies) - SHOWN_SOURCES
            text += " (" + ", ".join(shown) + (f" và {format_number(more)} đơn vị khác" if more > 0 else "") + ")"
        out.append(text + ";")
    out.extend(f"{line};" for line in summaries)
    if out:
        out[-1] = out[-1][:-1] + "."
    return out


def _collapse_local_items(frame: pd.DataFrame, names: _Names) -> tuple[pd.DataFrame, list[str]]:
    """The items to print, and one line per local level whose own sentences are too many to list.

    Items written only by bodies of one local level (say each commune its own sentence)
    are kept when there are few; past `MANY_LOCAL_BODIES` the `SHOWN_LOCAL_BODIES` items
    written by the most bodies stay (ties: list order) and the rest are counted.
    """
    level = [_only_local_kind(r.bodies, names) if not r.own else None for r in frame.itertuples()]
    frame = frame.assign(_level=level, _pos=range(len(frame)), _n=frame["bodies"].map(len))
    drop: set[int] = set()
    summaries = []
    for kind in LOCAL_KINDS:
        items = frame[frame["_level"] == kind]
        if len(items) <= MANY_LOCAL_BODIES:
            continue
        ranked = items.sort_values(["_n", "_pos"], ascending=[False, True], kind="stable")
        rest = ranked.iloc[SHOWN_LOCAL_BODIES:]
        drop.update(rest["_pos"])
        writers = {b for bodies in rest["bodies"] for b in bodies}
        summaries.append(f"… và {format_number(len(rest))} nội dung khác của {format_number(len(writers))} "
                         f"{LEVEL_TITLES.get(kind, kind)} (chi tiết tại báo cáo của từng đơn vị)")
    kept = frame[~frame["_pos"].isin(drop)]
    return kept.drop(columns=["_level", "_pos", "_n"]), summaries


def _only_local_kind(bodies: tuple[str, ...], names: _Names) -> str | None:
    """The local level (`ubnd-xa`...) when every body of `bodies` is of that one level, else None."""
    kinds = {names.kind(b) for b in bodies}
    if len(kinds) == 1 and (kind := kinds.pop()) in LOCAL_KINDS:
        return kind
    return None


def _appendix_reference(header: dict, issuer_short: str, day: date | None, year: int) -> str:
    """`(Kèm theo Báo cáo số 15/BC-SNV ngày 20/12/2024 của Sở Nội vụ)`; a draft keeps the blanks."""
    when = short_date(day) if day else f"{DRAFT_DAY_BLANK}/{DRAFT_DAY_BLANK}/{year}"
    return f"(Kèm theo Báo cáo số {header['ky_hieu']} ngày {when} của {issuer_short})"


def _target_text(r: dict) -> str:
    """The plan's own words for the target when it gives them, else `≥ 13.787`."""
    if r["target_text"]:
        return r["target_text"]
    if r["qualitative"]:
        return _capital(r["qualitative_target"] or "")
    return f"{r['comparator']} {format_number(r['target'])}"


def _show(value: object, unit: str) -> str:
    if isinstance(value, bool):
        return "đạt" if value else "chưa đạt"
    return _with_unit(value, unit)


def _value_text(value: Decimal | None, unit: str, estimate: bool) -> str:
    if value is None:
        return "không có số liệu"
    return ("ước " if estimate else "") + _with_unit(value, unit)


def _with_unit(value: Decimal, unit: str) -> str:
    if unit == "%":
        return format_number(value) + "%"
    return f"{format_number(value)} {unit}".strip()


def _sentence_end(text: str, end: str = ".") -> str:
    text = " ".join(str(text).split()).rstrip(" ;,.")
    return text + end


def _and_join(parts: list[str]) -> str:
    """`a`, `a và b`, `a, b và c`."""
    return ", ".join(parts[:-1]) + " và " + parts[-1] if len(parts) > 1 else "".join(parts)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"



def render_consolidated(renderer, document: ConsolidatedDocument) -> bytes:
    """The .docx bytes of the consolidated report: the template rendered, then the charts added."""
    data = renderer.render(TEMPLATE, document.context, document.properties)
    return add_pictures(data, document.pictures)


# --- the build's document kind ------------------------------------------------------------

CONTEXT_KEYS = frozenset({
    "header", "trich_yeu", "kinh_gui", "intro", "year", "next_year", "target_year", "leadership", "sections",
    "indicators", "assessment", "next_year_tasks", "proposals", "signature", "recipients", "appendix_ref",
    "tracking", "closing", "parts",
})


def consolidated_document(project: Project, year: int, *, charts: bool = True) -> ConsolidatedDocument:
    """The consolidated report of year Y from a loaded project (plus earlier years' reports, see below)."""
    from ..compute import consolidate

    plan, registry = project.plan, project.registry
    secretariat = project.secretariat.get(year)
    submissions = submissions_up_to(project, year)
    result = consolidate(plan, registry, submissions, year, secretariat=secretariat)
    return consolidated_context(plan, registry, result, secretariat, charts=charts)


def submissions_up_to(project: Project, year: int) -> dict[int, list]:
    """The submissions of Y and every earlier year, for last year's figures and the baselines.

    A project loaded for year Y alone (as `build` and `report` load it) holds only Y; the
    earlier years' folders under `inputs/submissions/` are read here, so that both commands
    give the same report. A file of an earlier year that does not validate is left out (its
    own year's `validate` reports it).
    """
    from ..load import load_project

    out = {y: [ls.submission for ls in subs] for y, subs in project.submissions.items() if y <= year}
    base = project.root / "inputs" / "submissions"
    if not base.is_dir():
        return out
    missing = sorted(int(p.name) for p in base.iterdir()
                     if p.is_dir() and p.name.isdigit() and int(p.name) < year and int(p.name) not in out)
    for earlier in missing:
        loaded = load_project(project.root, year=earlier)
        bad = {p.file for p in loaded.errors if p.file}
        out[earlier] = [ls.submission for ls in loaded.submissions.get(earlier, []) if ls.file not in bad]
    return out


@dataclass(frozen=True)
class ConsolidatedSpec(DocumentSpec):
    """A `DocumentSpec` whose rendered bytes still need the charts: call `finish(data)` after rendering."""

    pictures: tuple[Picture, ...] = ()

    def finish(self, data: bytes) -> bytes:
        """The rendered bytes with the charts' PNG parts added (deterministic)."""
        return add_pictures(data, list(self.pictures))


def documents_for_year(project: Project, year: int) -> list[DocumentSpec]:
    """The build's entry: the consolidated report of year Y, with its charts (see `ConsolidatedSpec.finish`)."""
    document = consolidated_document(project, year)
    focal = focal_body(project.plan, project.registry, year)
    return [ConsolidatedSpec(kind="bao-cao-tong-hop", agency=focal, template=TEMPLATE, context=document.context,
                             properties=document.properties, filename=document.filename,
                             label=f"Báo cáo tổng hợp năm {year}", pictures=tuple(document.pictures),
                             warnings=tuple(document.warnings))]
