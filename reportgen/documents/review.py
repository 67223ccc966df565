"""The mid-term (sơ kết) or final (tổng kết) review of the plan over `first`–`last`.

From the focal body of the last year to the body the plan reports to. Built from every
year of the period that has reports (`compute.review`): each indicator year by year
against its path to the target (a table in Phụ lục I, small-multiple charts per group in
the body), each task's status year by year and where it stands (Phụ lục II), and the
assessment — what worked, what did not, causes, lessons — from the secretariat's `review`
block of `inputs/secretariat/<last>.yaml`, the years' own writing, and sentences computed
from the figures. Years without reports are named as such in the text and the tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..charts.embed import Picture, add_pictures, picture_run_xml
from ..compute.assessment import MET, NO_DATA
from ..compute.review import BASE_YEAR, NO_PATH, OFF_PATH, ON_PATH, ReviewFrames, indicator_verdicts
from ..compute.tasks import STATUS_DONE, STATUS_NOT_STARTED, STATUS_ONGOING
from ..errors import Problem, ReportgenError
from ..model import Plan, Registry
from ..model.amendment import amendments_of
from ..model.cycle import ReviewInput
from ..model.routing import focal_body, responsible_bodies
from ..vn import diem_letter, format_number, normalized_key, short_date, so_ky_hieu, vn_upper
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
)
from .letters import appendix_note, level_groups
from .synthesis import task_title

if TYPE_CHECKING:
    from ..load.project import Project

TEMPLATE = "bao-cao-so-ket.docx"
DOC_TYPE = "Báo cáo"
KINDS = {"so-ket": "Sơ kết", "tong-ket": "Tổng kết"}
SHOWN_ITEMS = 3            # the bodies' sentences quoted per year and kind (most bodies first)
SHOWN_CODES = 8            # indicator or task codes named in one sentence before "và N … khác"
MANY_LEADS = 3             # more leads than this are counted per level, not named
PANELS_PER_CHART = 12      # indicators per chart: 4 rows of 3 panels fit one page with the caption
CONTEXT_KEYS = frozenset({
    "header", "trich_yeu", "kinh_gui", "intro", "coverage", "leadership", "period_upper", "indicators", "tasks",
    "to_year", "assessment", "next_period_upper", "directions", "proposals", "closing", "signature", "recipients",
    "appendix_ref", "kind",
})


def default_kind(plan: Plan, last: int) -> str:
    """`tong-ket` when the review reaches the plan's last year, else `so-ket`."""
    return "tong-ket" if last >= plan.reporting.last_year else "so-ket"


def output_name(kind: str, first: int, last: int) -> str:
    """`BC-so-ket-2024-2027.docx` under `outputs/<last>/`."""
    return f"BC-{kind}-{first}-{last}.docx"


@dataclass(frozen=True)
class ReviewSpec(DocumentSpec):
    """A spec whose rendered bytes still need the charts: `finish(data)` adds their PNG parts."""

    pictures: tuple[Picture, ...] = ()
    frames: Any = None            # the ReviewFrames it was built from (for the command's summary)

    def finish(self, data: bytes) -> bytes:
        return add_pictures(data, list(self.pictures))


def review_document(project: Project, first: int, last: int, *, kind: str | None = None,
                    charts: bool = True) -> ReviewSpec:
    """The review of `first`–`last` from a project loaded with every year's submissions."""
    from ..compute.review import review_frames

    base = project.base_plan or project.plan
    plan, registry = project.plan_for(last), project.registry
    if not base.reporting.first_year <= first <= last <= base.reporting.last_year:
        raise ReportgenError(Problem(f"giai đoạn {first}–{last} phải nằm trong thời gian của kế hoạch "
                                     f"({base.reporting.first_year}–{base.reporting.last_year}), từ trước đến sau"))
    plans = {y: project.plan_for(y) for y in range(first, last + 1)}
    submissions = {y: project.submissions_for(y) for y in project.years() if y <= last}
    frames = review_frames(plans, registry, submissions, first, last, secretariat=project.secretariat)
    if not frames.data_years:
        raise ReportgenError(Problem(f"chưa có báo cáo nào của các cơ quan, đơn vị trong giai đoạn {first}–{last} "
                                     "(inputs/submissions/<năm>/); không có gì để sơ kết, tổng kết"))
    secretariat = project.secretariat.get(last)
    own = secretariat.review if secretariat else None
    kind = kind or (own.kind if own and own.kind else None) or default_kind(base, last)
    if kind not in KINDS:
        raise ReportgenError(Problem(f"loại báo cáo «{kind}» không hợp lệ; dùng so-ket hoặc tong-ket"))
    pictures: list[Picture] = []
    context = review_context(project, plan, registry, frames, own, kind, pictures if charts else None)
    focal = context["_focal"]
    agency = registry[focal]
    context = {k: v for k, v in context.items() if not k.startswith("_")}
    return ReviewSpec(
        kind=f"bao-cao-{kind}", agency=focal, template=TEMPLATE, context=context,
        properties=document_properties(f"Báo cáo {context['trich_yeu'][:1].lower()}{context['trich_yeu'][1:]}",
                                       agency, own.date if own else None, subject=plan.code,
                                       keywords=f"{KINDS[kind].lower()}; {first}-{last}"),
        filename=output_name(kind, first, last), label=f"Báo cáo {KINDS[kind].lower()} {first}–{last}",
        warnings=tuple(frames.warnings) + _unsigned(own, kind, first, last), pictures=tuple(pictures), frames=frames)


def _unsigned(own: ReviewInput | None, kind: str, first: int, last: int) -> tuple[Problem, ...]:
    """A review without the secretariat's signer goes out blank where the clerk must fill it: say so."""
    if own is not None and own.signer is not None:
        return ()
    what = "phần viết của cơ quan thường trực (review)" if own is None else "người ký (review.signer)"
    return (Problem(f"chưa có {what} cho báo cáo {KINDS[kind].lower()} {first}–{last}: báo cáo để trống họ tên "
                    "người ký" + ("" if own is not None and own.number else ", số, ngày"),
                    file=f"inputs/secretariat/{last}.yaml", severity="warning"),)


def review_context(project: Project, plan: Plan, registry: Registry, frames: ReviewFrames, own: ReviewInput | None,
                   kind: str, pictures: list[Picture] | None) -> dict[str, Any]:
    """The context of `bao-cao-so-ket.docx` (keys: `CONTEXT_KEYS`, `templates/README.md`)."""
    first, last = frames.first, frames.last
    focal = focal_body(plan, registry, last)
    if focal is None:
        raise ReportgenError(Problem(f"không xác định được cơ quan đầu mối năm {last}", file="inputs/plan.yaml"))
    agency = registry[focal]
    header = header_context(registry, focal, DOC_TYPE, own.number if own else None, own.date if own else None,
                            plan.place, year=last)
    n_years = last - first + 1
    label = KINDS[kind]
    period = f"giai đoạn {first} - {last}"
    title = f"{label} {n_years:02d} năm thực hiện {plan_reference(plan, registry)} ({period})"
    recipient = registry[plan.reporting.recipient]
    verdicts = indicator_verdicts(frames)
    indicators = _indicators_part(project, plan, frames, verdicts, pictures)
    tasks = _tasks_part(plan, registry, frames)
    next_start = last + 1
    next_period = (f"giai đoạn {next_start} - {plan.reporting.last_year}" if next_start < plan.reporting.last_year
                   else (f"năm {next_start}" if next_start == plan.reporting.last_year else "giai đoạn tiếp theo"))
    return {
        "_focal": focal,
        "kind": kind,
        "header": header,
        "trich_yeu": title,
        "kinh_gui": kinh_gui_context([recipient.name]),
        "intro": (f"Thực hiện {plan_citation(plan, registry)} {plan_subject(plan)}; trên cơ sở báo cáo của các cơ quan, "
                  f"đơn vị, địa phương, {agency.display_name} báo cáo {label.lower()} {n_years:02d} năm thực hiện "
                  f"Kế hoạch ({period}) như sau:"),
        "coverage": _coverage(frames),
        "leadership": _leadership(frames, own),
        "period_upper": vn_upper(period),
        "indicators": indicators,
        "tasks": tasks,
        "to_year": last,
        "assessment": {
            "worked": _worked(frames, verdicts, own),
            "not_worked": _not_worked(plan, frames, verdicts, own),
            "causes": _listed(own.causes if own else [], _year_texts(frames, "causes")),
            "lessons": _lessons(plan, registry, frames, verdicts, own),
        },
        "next_period_upper": vn_upper(next_period),
        "directions": _directions(plan, frames, verdicts, own),
        "proposals": _listed(own.proposals if own else [], _year_texts(frames, "proposals", latest_only=True)),
        "closing": (f"Trên đây là báo cáo {label.lower()} {n_years:02d} năm thực hiện {plan_reference(plan, registry)}, "
                    f"{agency.display_name} kính báo cáo {issuer_reference(recipient, plan.place)} xem xét, chỉ đạo./."),
        "signature": signature_context(own.signer if own else None, agency),
        "recipients": recipients_context(list(own.recipients) if own else [], agency.archive_unit, to_superior=True),
        "appendix_ref": appendix_note(header, "Báo cáo", agency.name),
    }


# --- coverage and leadership ---------------------------------------------------------------


def _coverage(frames: ReviewFrames) -> str:
    """Which years the review rests on and which have no reports yet, said plainly."""
    tracking = frames.tracking.set_index("year")
    parts = [f"năm {y} ({format_number(int(tracking.loc[y, 'submitted']))}/{format_number(int(tracking.loc[y, 'total']))}"
             " cơ quan, đơn vị đã gửi báo cáo)" for y in frames.data_years]
    text = f"Báo cáo tổng hợp từ báo cáo của các cơ quan, đơn vị {_and_join(parts)}."
    if frames.missing_years:
        years = _and_join([str(y) for y in frames.missing_years])
        text += (f" {'Các năm' if len(frames.missing_years) > 1 else 'Năm'} {years} chưa có báo cáo của các cơ quan, "
                 "đơn vị (chưa có dữ liệu): kết quả của "
                 f"{'các năm' if len(frames.missing_years) > 1 else 'năm'} này chưa được đánh giá, chỉ nêu giá trị "
                 "theo lộ trình để so sánh.")
    return text


def _leadership(frames: ReviewFrames, own: ReviewInput | None) -> dict:
    items = []
    for r in frames.tracking.itertuples():
        items.append(f"Năm {r.year}: {format_number(r.issued_plans)}/{format_number(r.total)} cơ quan, đơn vị đã ban "
                     f"hành kế hoạch, văn bản triển khai; {format_number(r.submitted)}/{format_number(r.total)} gửi báo "
                     f"cáo ({format_number(r.on_time)} đúng hạn, {format_number(r.late)} muộn).")
    for y in frames.missing_years:
        items.append(f"Năm {y}: chưa có báo cáo.")
    items.sort(key=lambda s: s[4:8])
    return {"text": own.leadership if own and own.leadership else "", "points": items}


# --- indicators ------------------------------------------------------------------------------


def _indicators_part(project: Project, plan: Plan, frames: ReviewFrames, verdicts: pd.DataFrame,
                     pictures: list[Picture] | None) -> dict:
    latest = frames.latest
    counts = verdicts["verdict"].value_counts()
    total = len(verdicts)
    sentence = (f"Đến năm {latest}, trong {format_number(total)} chỉ tiêu của Kế hoạch: "
                + _counts_text(counts) + " (chi tiết tại Phụ lục I).")
    groups = []
    number = 0
    for k, group in enumerate(plan.indicator_groups, start=1):
        codes = [i.code for i in plan.indicators if i.group == group.key]
        g_counts = verdicts[verdicts["code"].isin(codes)]["verdict"].value_counts()
        rows = []
        for code in codes:
            number += 1
            rows.extend(_indicator_rows(plan, frames, code, number))
        charts = _group_charts(plan, frames, codes, f"{diem_letter(k)}) {group.title}", pictures) \
            if pictures is not None else []
        groups.append({
            "label": f"{diem_letter(k)})", "title": group.title,
            "sentence": f"{len(codes)} chỉ tiêu: " + _counts_text(g_counts) + ".",
            "rows": rows, "charts": charts,
        })
    return {
        "sentence": sentence,
        "trajectory_sentence": (f"Lộ trình của mỗi chỉ tiêu là đường thẳng từ số liệu gốc (số liệu gốc của Kế hoạch; "
                                f"nếu Kế hoạch không ghi thì số liệu năm đầu tiên được báo cáo) đến mục tiêu năm "
                                f"{plan.target_year}; chỉ tiêu đánh giá theo số liệu năm gần nhất có báo cáo."),
        "changed": _changed_targets(project, plan, frames),
        "groups": groups,
        "column_target": f"Mục tiêu {plan.target_year}",
        "appendix_title": vn_upper(f"Kết quả thực hiện các chỉ tiêu qua các năm {frames.first} - {frames.last} so với "
                                   f"lộ trình đến năm {plan.target_year}"),
        "table_note": _table_note(frames),
    }


def _counts_text(counts: pd.Series) -> str:
    parts = [(MET, "đã đạt hoặc vượt mục tiêu"), (ON_PATH, "chưa đạt nhưng đúng lộ trình"),
             (OFF_PATH, "chậm so với lộ trình"), (NO_PATH, "chưa xác định được lộ trình"),
             ("chưa đạt", "định tính chưa đạt"), (NO_DATA, "chưa có số liệu")]
    out = [f"{format_number(int(counts.get(key, 0)))} chỉ tiêu {words}" for key, words in parts if counts.get(key, 0)]
    return "; ".join(out) if out else "chưa có số liệu"


def _indicator_rows(plan: Plan, frames: ReviewFrames, code: str, number: int) -> list[dict]:
    """One row per year of the period; the indicator's name, unit and target on its first row."""
    ind = plan.indicator(code)
    rows = frames.paths[frames.paths["code"] == code]
    out = []
    for i, r in enumerate(rows.itertuples()):
        first = i == 0
        out.append({
            "tt": str(number) if first else "",
            "name": f"{ind.name} ({code})" if first else "",
            "unit": (ind.unit or "-") if first else "",
            "target": _target_text(ind) if first else "",
            "year": str(r.year),
            "value": _value_text(ind, r),
            "expected": "-" if r.expected is None else format_number(r.expected, 2 if abs(r.expected) < 100 else 0),
            "assessment": _row_verdict(r),
        })
    return out


def _value_text(ind, r) -> str:
    if not r.has_reports:
        return "x"
    if ind.is_qualitative:
        return {True: "Đạt", False: "Chưa đạt"}.get(r.achieved, "-")
    if r.value is None:
        return "-"
    return format_number(r.value) + (" (ước)" if r.estimate else "")


def _row_verdict(r) -> str:
    if not r.has_reports:
        return "-"
    if r.assessment == NO_DATA:
        return "Không có số liệu"
    text = r.assessment.capitalize()
    if r.path in (ON_PATH, OFF_PATH, BASE_YEAR):
        text += f"; {r.path}"
    return text


def _target_text(ind) -> str:
    from ..indicator_text import target_text

    return target_text(ind, plan_words=True)


def _table_note(frames: ReviewFrames) -> str:
    note = ("«Theo lộ trình»: giá trị năm đó trên đường thẳng từ số liệu gốc đến mục tiêu; «năm gốc»: năm đầu tiên có "
            "số liệu, dùng làm gốc của lộ trình; «(ước)»: số ước thực hiện; «-»: không có số liệu.")
    if frames.missing_years:
        note += (f" «x»: năm chưa có báo cáo của các cơ quan, đơn vị "
                 f"({_and_join([str(y) for y in frames.missing_years])}).")
    return note


def _changed_targets(project: Project, plan: Plan, frames: ReviewFrames) -> str:
    """A sentence naming targets an amendment changed during the period, with old and new words."""
    base = project.base_plan or plan
    changed = []
    for ind in plan.indicators:
        old = base.indicator(ind.code)
        if old is not None and (old.target != ind.target or old.target_text != ind.target_text):
            changed.append(f"{ind.code} (từ «{_target_text(old)}» thành «{_target_text(ind)}»)")
    if not changed:
        return ""
    cited = [f"{a.doc_type} số {so_ky_hieu(a.number, a.doc_type, project.registry[a.issuer].abbrev)} ngày "
             f"{short_date(a.date)}" for a in amendments_of(plan) if any(i.startswith("indicator:") for i in a.changed)]
    # (not opening with «Mục …»: the checker reads a paragraph opening `Mục` as a part heading)
    return (f"Chỉ tiêu {'; '.join(changed)} được điều chỉnh mục tiêu tại {_and_join(cited)}; lộ trình tính theo mục "
            "tiêu đã điều chỉnh, mỗi năm được đánh giá theo mục tiêu có hiệu lực năm đó.")


def _group_charts(plan: Plan, frames: ReviewFrames, codes: list[str], title: str,
                  pictures: list[Picture]) -> list[dict]:
    """The group's small-multiple charts, `PANELS_PER_CHART` indicators each (one page at most)."""
    from ..charts.review import Panel, trajectory_chart

    panels = []
    for code in codes:
        ind = plan.indicator(code)
        if ind.is_qualitative:
            continue
        rows = frames.paths[frames.paths["code"] == code]
        points = tuple((int(r.year), float(r.value), bool(r.estimate)) for r in rows.itertuples() if r.value is not None)
        base = rows.iloc[0]
        path = None
        if base["base_year"] is not None and not pd.isna(base["base_year"]):
            path = ((int(base["base_year"]), float(base["base_value"])), (plan.target_year, float(ind.target)))
        panels.append(Panel(f"{code} {ind.name}", ind.unit, points, path, float(ind.target)))
    out = []
    chunks = [panels[i:i + PANELS_PER_CHART] for i in range(0, len(panels), PANELS_PER_CHART)]
    for part, chunk in enumerate(chunks):
        n = len(pictures) + 1
        png = trajectory_chart(chunk, first_year=frames.first, last_year=frames.last, target_year=plan.target_year,
                               missing_years=frames.missing_years)
        pic = Picture(rid=f"rIdReportgenChart{n}", name=f"bieu-do-{n}.png", png=png,
                      description=f"Số liệu các năm so với lộ trình — {title}")
        pictures.append(pic)
        more = " (tiếp theo)" if part else ""
        out.append({"chart": picture_run_xml(pic, n),
                    "caption": f"Biểu đồ {n}. Số liệu các năm so với lộ trình đến mục tiêu năm {plan.target_year} "
                               f"— {title}{more}"})
    return out


# --- tasks -----------------------------------------------------------------------------------


def _tasks_part(plan: Plan, registry: Registry, frames: ReviewFrames) -> dict:
    tasks = frames.tasks
    latest = frames.latest
    status_of = {(r.task, r.year): r.status for r in tasks.itertuples() if isinstance(r.status, str)}
    cumulative: dict[str, str] = {}
    groups = []
    number = 0
    for section in plan.sections:
        rows = []
        for task in (t for t in plan.tasks if t.section == section.number):
            number += 1
            years = []
            for y in range(frames.first, frames.last + 1):
                if y in frames.missing_years:
                    years.append(f"{y}: chưa có báo cáo")
                else:
                    years.append(f"{y}: {status_of.get((task.code, y)) or 'chưa có báo cáo của đơn vị chủ trì'}")
            cumulative[task.code] = _cumulative(task.code, frames, status_of)
            rows.append({"tt": str(number), "code": task.code, "summary": _summary(task),
                         "leads": _leads(plan, registry, task, frames.last), "years": "\n".join(years),
                         "cumulative": cumulative[task.code]})
        if rows:
            groups.append({"title": f"{section.number}. {section.title}", "rows": rows})
    kinds = pd.Series(list(cumulative.values()), dtype="object")
    done = int(kinds.str.startswith(STATUS_DONE.capitalize()).sum())
    ongoing = int((kinds == STATUS_ONGOING.capitalize()).sum())
    not_started = int((kinds == STATUS_NOT_STARTED.capitalize()).sum())
    unreported = len(kinds) - done - ongoing - not_started
    parts = [f"{format_number(n)} {words}" for n, words in ((done, "nhiệm vụ đã hoàn thành"), (ongoing, "đang thực hiện"),
             (not_started, "chưa thực hiện"), (unreported, "chưa có báo cáo của đơn vị chủ trì")) if n]
    sentence = (f"Tính đến năm {latest}, trong {format_number(len(plan.tasks))} nhiệm vụ của Kế hoạch: "
                f"{', '.join(parts)} (chi tiết tại Phụ lục II).")
    highlights = []
    slow = [c for c, v in cumulative.items() if v == STATUS_NOT_STARTED.capitalize()]
    silent = [c for c, v in cumulative.items() if v.startswith("Chưa có báo cáo")]
    if slow:
        highlights.append(f"Nhiệm vụ chưa thực hiện: {_codes(slow, 'nhiệm vụ')}.")
    if silent:
        highlights.append(f"Nhiệm vụ chưa có báo cáo của đơn vị chủ trì: {_codes(silent, 'nhiệm vụ')}.")
    return {"sentence": sentence, "highlights": highlights, "groups": groups,
            "counts": {"done": done, "ongoing": ongoing, "not_started": not_started, "unreported": unreported},
            "column_cumulative": f"Lũy kế đến năm {latest}",
            "appendix_title": vn_upper(f"Tình hình thực hiện các nhiệm vụ qua các năm {frames.first} - {frames.last}")}


def _cumulative(code: str, frames: ReviewFrames, status_of: dict) -> str:
    """Done in some year → `Hoàn thành (năm Y)`; else the latest reported status; else no report."""
    for y in frames.data_years:
        if status_of.get((code, y)) == STATUS_DONE:
            return f"{STATUS_DONE.capitalize()} (năm {y})"
    for y in reversed(frames.data_years):
        status = status_of.get((code, y))
        if status:
            return status.capitalize()
    return "Chưa có báo cáo của đơn vị chủ trì"


def _summary(task) -> str:
    """The task as the appendix quotes it: its title, else its first clause (whole words, no "…")."""
    return task_title(task)


def _leads(plan: Plan, registry: Registry, task, year: int) -> str:
    """The leads of `task` in `year` by name when few; else counted per level."""
    bodies = responsible_bodies(plan, registry, task, year)
    if len(bodies) <= MANY_LEADS:
        return ", ".join(registry[b].display_name for b in bodies)
    return "; ".join(f"{title} ({format_number(len(codes))})" for title, codes in level_groups(registry, bodies))


# --- assessment ------------------------------------------------------------------------------


def _worked(frames: ReviewFrames, verdicts: pd.DataFrame, own: ReviewInput | None) -> list[str]:
    met = verdicts[verdicts["verdict"] == MET]["code"].tolist()
    on = verdicts[verdicts["verdict"] == ON_PATH]["code"].tolist()
    computed = []
    if met:
        computed.append(f"Đến năm {frames.latest}, {format_number(len(met))} chỉ tiêu đã đạt hoặc vượt mục tiêu: "
                        f"{_codes(met)}.")
    if on:
        computed.append(f"{format_number(len(on))} chỉ tiêu chưa đạt nhưng đúng lộ trình: {_codes(on)}.")
    rates = [f"{r.year}: {format_number(r.submitted)}/{format_number(r.total)}" for r in frames.tracking.itertuples()]
    computed.append(f"Các cơ quan, đơn vị gửi báo cáo hằng năm ({'; '.join(rates)}).")
    return _listed(own.strengths if own else [], computed + _year_texts(frames, "strengths"))


def _not_worked(plan: Plan, frames: ReviewFrames, verdicts: pd.DataFrame, own: ReviewInput | None) -> list[str]:
    behind = verdicts[verdicts["verdict"] == OFF_PATH]["code"].tolist()
    nodata = verdicts[verdicts["verdict"] == NO_DATA]["code"].tolist()
    computed = []
    if behind:
        computed.append(f"{format_number(len(behind))} chỉ tiêu chậm so với lộ trình đến năm {plan.target_year}: "
                        f"{_codes(behind)}.")
    if nodata:
        computed.append(f"{format_number(len(nodata))} chỉ tiêu chưa có số liệu trong giai đoạn: {_codes(nodata)}.")
    late = [f"{r.year}: {format_number(r.late)} muộn, {format_number(r.missing)} chưa gửi"
            for r in frames.tracking.itertuples() if r.late or r.missing]
    if late:
        computed.append(f"Còn cơ quan, đơn vị gửi báo cáo muộn hoặc không gửi ({'; '.join(late)}).")
    if frames.missing_years:
        computed.append(f"Chưa có báo cáo năm {_and_join([str(y) for y in frames.missing_years])}.")
    return _listed(own.shortcomings if own else [], computed + _year_texts(frames, "difficulties"))


def _lessons(plan: Plan, registry: Registry, frames: ReviewFrames, verdicts: pd.DataFrame,
             own: ReviewInput | None) -> list[str]:
    """The secretariat's lessons; without them, lessons drawn from the figures of the period."""
    if own and own.lessons:
        return _listed(own.lessons, [])
    total = len(verdicts)
    with_data = int((verdicts["verdict"] != NO_DATA).sum())
    out = [f"Giao rõ cơ quan cung cấp số liệu cho từng chỉ tiêu giúp theo dõi được {format_number(with_data)}/"
           f"{format_number(total)} chỉ tiêu qua các năm; các chỉ tiêu chưa có số liệu cần được giao rõ nguồn và "
           "thời điểm cung cấp."]
    rates = frames.tracking
    if len(rates):
        on_time = int(rates["on_time"].sum())
        expected = int(rates["total"].sum())
        out.append(f"Theo dõi, đôn đốc việc gửi báo cáo hằng năm ({format_number(on_time)}/{format_number(expected)} "
                   "lượt báo cáo đúng hạn trong giai đoạn) là điều kiện để tổng hợp, đánh giá kịp thời.")
    amended = amendments_of(plan)
    if amended:
        cited = _and_join([f"{a.doc_type} số {so_ky_hieu(a.number, a.doc_type, registry[a.issuer].abbrev)}"
                           for a in amended])
        out.append(f"Kịp thời điều chỉnh Kế hoạch khi tổ chức bộ máy thay đổi ({cited}) giúp nhiệm vụ, chỉ tiêu được "
                   "giao đúng cơ quan, đơn vị tiếp nhận.")
    return _listed([], out)


def _directions(plan: Plan, frames: ReviewFrames, verdicts: pd.DataFrame, own: ReviewInput | None) -> list[str]:
    behind = verdicts[verdicts["verdict"].isin([OFF_PATH, NO_PATH])]["code"].tolist()
    computed = []
    if behind:
        computed.append(f"Tập trung chỉ đạo các chỉ tiêu chưa đạt, chậm so với lộ trình đến năm {plan.target_year}: "
                        f"{_codes(behind)}.")
    return _listed(own.directions if own else [], computed + _year_texts(frames, "next_year", latest_only=True))


def _year_texts(frames: ReviewFrames, kind: str, *, latest_only: bool = False) -> list[str]:
    """The years' merged sentences of `kind`: the secretariat's own and the most shared ones, once each.

    Each names the years it was written in when sentences come from several years; a single
    year's (`latest_only`, or a period with one year of reports) carry no tag.
    """
    years_of: dict[str, list[int]] = {}
    text_of: dict[str, str] = {}
    years = [frames.latest] if latest_only else frames.data_years
    for year in years:
        frame = frames.years[year].texts.get(kind)
        if frame is None or frame.empty:
            continue
        own = frame[frame["own"]]
        shared = frame[~frame["own"]].assign(_n=frame["bodies"].map(len)).sort_values("_n", ascending=False,
                                                                                    kind="stable")
        for text in [*own["text"], *shared["text"].head(SHOWN_ITEMS)]:
            key = normalized_key(text)
            text_of.setdefault(key, " ".join(str(text).split()).rstrip(" ;.,"))
            years_of.setdefault(key, [])
            if year not in years_of[key]:
                years_of[key].append(year)
    if len(years) == 1:   # one year's sentences (the latest year's directions): a year tag would only repeat it
        return [f"{text_of[k]}." for k in text_of]
    return [f"{text_of[k]} (năm {', '.join(str(y) for y in years_of[k])})." for k in text_of]


def _listed(own: list[str], other: list[str]) -> list[str]:
    """The secretariat's items first, then the others, once each (by normalised text), each ending `;`/`.`."""
    out: list[str] = []
    seen: set[str] = set()
    for item in [*own, *other]:
        text = " ".join(str(item).split()).rstrip(" ;.,")
        key = normalized_key(text)
        if text and key not in seen:
            seen.add(key)
            out.append(text + ";")
    if out:
        out[-1] = out[-1][:-1] + "."
    return out


def _codes(codes: list[str], noun: str = "chỉ tiêu") -> str:
    """`A01, A02, … và 3 chỉ tiêu khác`: every code when only one more would be left out."""
    if len(codes) <= SHOWN_CODES + 1:
        return ", ".join(codes)
    return ", ".join(codes[:SHOWN_CODES]) + f" và {format_number(len(codes) - SHOWN_CODES)} {noun} khác"


def _and_join(parts: list[str]) -> str:
    return ", ".join(parts[:-1]) + " và " + parts[-1] if len(parts) > 1 else "".join(parts)
