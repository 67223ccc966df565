"""The công văn đôn đốc: to exactly the bodies whose report of year Y has not arrived by a day.

    spec = reminder_document(project, 2025, date(2025, 12, 12))   # None: nobody to remind
    data = Renderer(template_folders(root)).render(spec.template, spec.context, spec.properties)
    # or: reportgen.pipeline.render_specs(root, 2025, [spec], [])   (writes outputs/2025/cong-van/…)

The bodies are those `reportgen status --as-of DAY` lists as `chưa nộp` (the same
`compute.tracking` frame), minus the focal body itself (it does not write to itself).
The letter cites the request for reports (number and date from the `request` block of
`inputs/secretariat/<Y>.yaml`) and gives a new deadline: the reminder's own `deadline` in
that file (the entry of `reminders` whose `as_of` is DAY), the caller's, or
`REMINDER_WORKING_DAYS` working days after DAY. The web intake calls
`reminder_document` too.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ..errors import Problem, ReportgenError
from ..model import Plan, Registry
from ..model.cycle import ReminderLetter, RequestLetter
from ..model.routing import focal_body, indicators_of_body, tasks_of_body
from ..vn import format_number, short_date, so_ky_hieu, vn_upper
from . import DocumentSpec
from .common import (
    document_properties,
    issuer_reference,
    kinh_gui_context,
    plan_citation,
    signature_context,
)
from .letters import (
    CONG_VAN,
    addressee_lines,
    appendix_note,
    cong_van_header,
    drafting_unit,
    letter_recipients,
    level_groups,
    working_days_after,
)

if TYPE_CHECKING:
    from ..load.project import Project

TEMPLATE = "cong-van-don-doc.docx"
KIND = "cong-van-don-doc"
REMINDER_WORKING_DAYS = 5       # default time given by a reminder, in working days
CONTEXT_KEYS = frozenset({
    "header", "vv", "kinh_gui", "intro", "situation", "request", "closing", "signature", "recipients",
    "appendix_ref", "missing", "due_date", "addressed", "as_of", "year",
})


def output_name(year: int, as_of: date) -> str:
    """`cong-van/CV-don-doc-2025-20251212.docx` under `outputs/<Y>/`."""
    return f"cong-van/CV-don-doc-{year}-{as_of:%Y%m%d}.docx"


def missing_bodies(project: Project, year: int, as_of: date) -> tuple[list[str], dict[str, int]]:
    """(bodies `status --as-of` lists as missing, in its order; the status counts) for year Y."""
    missing, counts, _ = _missing(project, year, as_of)
    return missing, counts


def _missing(project: Project, year: int, as_of: date) -> tuple[list[str], dict[str, int], list[str]]:
    from ..compute.tracking import MISSING, tracking_counts, tracking_rows

    plan = project.plan_for(year)
    rows = tracking_rows(plan, project.registry, project.submissions_for(year), year, as_of)   # as `status` does
    return [r.body for r in rows if r.status == MISSING], tracking_counts(r.status for r in rows), [r.body for r in rows]


def reminder_document(project: Project, year: int, as_of: date, *, deadline: date | None = None) -> DocumentSpec | None:
    """The reminder of year Y as of `as_of`, ready to render; None when no report is overdue and missing."""
    plan, registry = project.plan_for(year), project.registry
    focal = focal_body(plan, registry, year)
    if focal is None:
        raise ReportgenError(Problem(f"không xác định được cơ quan đầu mối tổng hợp năm {year}",
                                     file="inputs/plan.yaml"))
    missing, counts, expected = _missing(project, year, as_of)
    missing = [c for c in missing if c != focal]
    if not missing:
        return None
    secretariat = project.secretariat.get(year)
    request = secretariat.request if secretariat else None
    letter = next((r for r in secretariat.reminders if r.as_of == as_of), None) if secretariat else None
    due = deadline or (letter.deadline if letter and letter.deadline else None) \
        or working_days_after(as_of, REMINDER_WORKING_DAYS)
    if due <= as_of:
        raise ReportgenError(Problem(f"hạn mới {short_date(due)} phải sau ngày tính {short_date(as_of)}"))
    context = reminder_context(plan, registry, year, as_of, missing, counts, focal=focal, letter=letter,
                               request=request, deadline=due, expected=[c for c in expected if c != focal])
    warnings = () if request and request.number and request.date else (Problem(
        f"chưa có số, ngày công văn đề nghị báo cáo năm {year} (request.number, request.date); "
        "công văn đôn đốc dẫn quy định của kế hoạch", file=f"inputs/secretariat/{year}.yaml", severity="warning"),)
    return DocumentSpec(
        kind=KIND, agency=focal, template=TEMPLATE, context=context,
        properties=document_properties(context["vv"], registry[focal], letter.date if letter else None,
                                       subject=plan.code, keywords=f"công văn; đôn đốc báo cáo; {year}"),
        filename=output_name(year, as_of), label=f"Công văn đôn đốc báo cáo năm {year} ({short_date(as_of)})",
        warnings=warnings)


def reminder_context(plan: Plan, registry: Registry, year: int, as_of: date, missing: list[str],
                     counts: dict[str, int], *, focal: str, letter: ReminderLetter | None,
                     request: RequestLetter | None, deadline: date,
                     expected: list[str] | None = None) -> dict[str, Any]:
    """The context of `cong-van-don-doc.docx` (keys: `CONTEXT_KEYS`, `templates/README.md`)."""
    agency = registry[focal]
    header = cong_van_header(registry, focal, letter, plan.place, year)
    reference_short = f"{plan.doc_type} số {so_ky_hieu(plan.number, plan.doc_type, registry[plan.issuer].abbrev)}"
    recipient = issuer_reference(registry[plan.reporting.recipient], plan.place)
    # the focal body does not report to itself: the request was sent to `expected`, so count among them
    total = len(expected) if expected is not None else counts["total"]
    submitted = total - len(missing) - counts["not_due"] if expected is not None else counts["on_time"] + counts["late"]
    first_deadline = (request.deadline if request and request.deadline else None) or plan.reporting.deadline(year)
    who = "các cơ quan, đơn vị, địa phương nêu trên" if len(missing) > 1 else registry[missing[0]].display_name
    return {
        "header": header,
        "vv": f"V/v đôn đốc báo cáo kết quả thực hiện {reference_short} năm {year}",
        "kinh_gui": kinh_gui_context(addressee_lines(registry, missing, collective=False, among=expected)),
        "addressed": [registry[c].name for c in missing],
        "intro": _intro(plan, registry, year, focal, request, first_deadline),
        "situation": (f"Tuy nhiên, tính đến ngày {short_date(as_of)}, {agency.display_name} " + (
                      f"đã nhận được báo cáo của {format_number(submitted)}/{format_number(total)} cơ quan, đơn vị; "
                      f"còn {format_number(len(missing))} cơ quan, đơn vị chưa gửi báo cáo" if submitted else
                      "chưa nhận được báo cáo của cơ quan, đơn vị nào") + " (danh sách tại Phụ lục kèm theo)."),
        "request": (f"Để kịp thời tổng hợp, báo cáo {recipient} theo quy định, {agency.display_name} đề nghị {who} "
                    f"khẩn trương hoàn thành báo cáo kết quả thực hiện Kế hoạch năm {year} (kèm biểu mẫu số liệu), "
                    f"gửi về {agency.display_name} trước ngày {short_date(deadline)}."),
        "closing": (f"Quá thời hạn trên, {agency.display_name} sẽ tổng hợp, báo cáo {recipient} danh sách các cơ quan, "
                    "đơn vị chưa gửi báo cáo./."),
        "signature": signature_context(letter.signer if letter else None, agency),
        "recipients": letter_recipients(plan, registry, focal, letter),
        "appendix_ref": appendix_note(header, "Công văn", agency.name),
        "missing": _missing_table(plan, registry, year, as_of, missing, reference_short),
        "due_date": deadline,
        "as_of": as_of,
        "year": year,
    }


def _intro(plan: Plan, registry: Registry, year: int, focal: str, request: RequestLetter | None,
           first_deadline: date) -> str:
    """What the reminder follows: the request (its number and date), or the plan's rule without one."""
    agency = registry[focal]
    if request and request.number and request.date:
        kyhieu = so_ky_hieu(request.number, CONG_VAN, agency.abbrev, drafting_unit(registry, focal, request))
        return (f"Ngày {short_date(request.date)}, {agency.display_name} có Công văn số {kyhieu} đề nghị các cơ quan, "
                f"đơn vị, địa phương báo cáo kết quả thực hiện {plan_citation(plan, registry)} năm {year}, gửi về "
                f"{agency.display_name} trước ngày {short_date(first_deadline)}.")
    return (f"Theo {plan_citation(plan, registry)}, các cơ quan, đơn vị, địa phương được giao nhiệm vụ báo cáo kết quả "
            f"thực hiện Kế hoạch năm {year} gửi {agency.display_name} trước ngày {short_date(first_deadline)}.")


def _missing_table(plan: Plan, registry: Registry, year: int, as_of: date, missing: list[str],
                   reference_short: str) -> dict:
    overdue = max((as_of - plan.reporting.deadline(year)).days, 0)
    groups = []
    number = 0
    for title, codes in level_groups(registry, missing):
        rows = []
        for code in codes:
            number += 1
            led, _ = tasks_of_body(plan, registry, code, year)
            indicators = indicators_of_body(plan, registry, code, year)
            rows.append({"tt": str(number), "name": registry[code].name, "code": code,
                         "days": format_number(overdue), "tasks": format_number(len(led)),
                         "indicators": format_number(len(indicators)) if indicators else "-"})
        groups.append({"title": title, "rows": rows})
    title = (f"Danh sách cơ quan, đơn vị chưa gửi báo cáo kết quả thực hiện {reference_short} năm {year} "
             f"(tính đến ngày {short_date(as_of)})")
    return {"title": vn_upper(title), "groups": groups, "count": number}
