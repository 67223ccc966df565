"""The focal body's công văn asking every responsible body for its report of year Y.

`Kính gửi` the bodies that must report in year Y (`model.routing.expected_reporters`),
addressed by level as practice does; what to report, the data period (Decree 09/2019
unless the plan or the request says otherwise), the deadline and how to send; the outline
(Phụ lục I) and every body with the file name of its form (Phụ lục II, the names
`reportgen forms` writes). Number, date, signer and drafting unit come from the `request`
block of `inputs/secretariat/<Y>.yaml`; without it the letter is a draft.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ..errors import Problem, ReportgenError
from ..model import Plan, Registry
from ..model.amendment import amendments_of
from ..model.cycle import RequestLetter, data_period, regime_source
from ..model.form_schema import form_filename
from ..model.routing import expected_reporters, focal_body, indicators_of_body, tasks_of_body
from ..vn import format_number, short_date, so_ky_hieu
from . import DocumentSpec
from .common import (
    document_properties,
    issuer_reference,
    kinh_gui_context,
    plan_citation,
    plan_subject,
    signature_context,
)
from .letters import (
    addressee_lines,
    appendix_note,
    cong_van_header,
    letter_recipients,
    level_groups,
)

if TYPE_CHECKING:
    from ..load.project import Project

TEMPLATE = "cong-van-yeu-cau-bao-cao.docx"
KIND = "cong-van-yeu-cau"
METRICS_SHOWN = 2           # metrics named as examples of a task's figures
CONTEXT_KEYS = frozenset({
    "header", "vv", "kinh_gui", "intro", "year", "next_year", "previous_year", "forms", "amendment_note", "period",
    "deadline_text", "closing", "signature", "recipients", "appendix_ref", "plan", "outline", "bodies", "due_date",
    "addressed",
})


def output_name(year: int) -> str:
    """`cong-van/CV-yeu-cau-bao-cao-2025.docx` under `outputs/<Y>/`."""
    return f"cong-van/CV-yeu-cau-bao-cao-{year}.docx"


def request_document(project: Project, year: int, *, deadline: date | None = None) -> DocumentSpec:
    """The request of year Y, ready to render; `deadline` overrides the request's and the plan's."""
    plan, registry = project.plan_for(year), project.registry
    secretariat = project.secretariat.get(year)
    letter = secretariat.request if secretariat else None
    context = request_context(plan, registry, year, letter, deadline=deadline)
    focal = focal_body(plan, registry, year)
    agency = registry[focal]
    return DocumentSpec(
        kind=KIND, agency=focal, template=TEMPLATE, context=context,
        properties=document_properties(context["vv"], agency, letter.date if letter else None,
                                       subject=plan.code, keywords=f"công văn; đề nghị báo cáo; {year}"),
        filename=output_name(year), label=f"Công văn đề nghị báo cáo năm {year}")


def request_context(plan: Plan, registry: Registry, year: int, letter: RequestLetter | None, *,
                    deadline: date | None = None) -> dict[str, Any]:
    """The context of `cong-van-yeu-cau-bao-cao.docx` (keys: `CONTEXT_KEYS`, `templates/README.md`)."""
    focal = focal_body(plan, registry, year)
    if focal is None:
        raise ReportgenError(Problem(f"không xác định được cơ quan đầu mối tổng hợp năm {year} "
                                     f"(reporting.focal: {plan.reporting.focal})", file="inputs/plan.yaml"))
    agency = registry[focal]
    due = deadline or (letter.deadline if letter and letter.deadline else None) or plan.reporting.deadline(year)
    if letter and letter.date and due <= letter.date:
        raise ReportgenError(Problem(f"hạn gửi báo cáo {short_date(due)} không sau ngày của công văn "
                                     f"({short_date(letter.date)})", file=f"inputs/secretariat/{year}.yaml",
                                     place="request.deadline"))
    bodies = [c for c in expected_reporters(plan, registry, year) if c != focal]
    if not bodies:
        raise ReportgenError(Problem(f"không có cơ quan, đơn vị nào phải báo cáo năm {year}"))
    header = cong_van_header(registry, focal, letter, plan.place, year)
    reference_short = f"{plan.doc_type} số {so_ky_hieu(plan.number, plan.doc_type, registry[plan.issuer].abbrev)}"
    recipient = issuer_reference(registry[plan.reporting.recipient], plan.place)
    groups = level_groups(registry, bodies)
    first = groups[0][1][0]
    return {
        "header": header,
        "vv": f"V/v báo cáo kết quả thực hiện {reference_short} năm {year}",
        "kinh_gui": kinh_gui_context(addressee_lines(registry, bodies, collective=True)),
        "addressed": [registry[c].name for c in bodies],
        "intro": (f"Thực hiện {plan_citation(plan, registry)} {plan_subject(plan)}, {agency.display_name} là cơ quan "
                  f"thường trực tổng hợp kết quả thực hiện Kế hoạch, báo cáo {recipient}. Để có cơ sở tổng hợp, báo cáo "
                  f"kết quả thực hiện năm {year}, {agency.display_name} đề nghị {format_number(len(bodies))} cơ quan, "
                  f"đơn vị, địa phương được giao nhiệm vụ (danh sách tại Phụ lục II) báo cáo kết quả thực hiện "
                  f"Kế hoạch năm {year}, cụ thể như sau:"),
        "year": year,
        "next_year": year + 1,
        "previous_year": year - 1,
        "forms": {"example": f"ví dụ: biểu mẫu của {registry[first].display_name} là tệp {form_filename(first, year)}",
                  "metrics": _metrics_example(plan)},
        "amendment_note": _amendment_note(plan, registry),
        "period": _period(plan, year, letter, due, reference_short),
        "deadline_text": _deadline_text(agency.name, due, letter),
        "closing": f"{agency.display_name} đề nghị các cơ quan, đơn vị, địa phương quan tâm, phối hợp thực hiện./.",
        "signature": signature_context(letter.signer if letter else None, agency),
        "recipients": letter_recipients(plan, registry, focal, letter),
        "appendix_ref": appendix_note(header, "Công văn", agency.name),
        "plan": {"reference_short": reference_short, "target_year": plan.target_year},
        "outline": {"task_example": _task_example(plan, registry, first, year)},
        "bodies": _bodies_table(plan, registry, groups, year),
        "due_date": due,
    }


def _metrics_example(plan: Plan) -> str:
    """` (số hội nghị tuyên truyền, quán triệt; lượt người tham dự; …)`: what a task's figures are, from the
    plan's metrics; '' for a plan without them."""
    if not plan.metrics:
        return ""
    shown = [m.name for m in plan.metrics[:METRICS_SHOWN]]
    return f" (số {'; '.join(shown)}{'; …' if len(plan.metrics) > METRICS_SHOWN else ''})"


def _amendment_note(plan: Plan, registry: Registry) -> str:
    """One sentence naming the amendments in force and what they changed; "" for an unamended plan."""
    amended = amendments_of(plan)
    if not amended:
        return ""
    parts = []
    for a in amended:
        kyhieu = so_ky_hieu(a.number, a.doc_type, registry[a.issuer].abbrev)
        changed = _changed_text(a.changed)
        parts.append(f"{a.doc_type} số {kyhieu} ngày {short_date(a.date)}" + (f" ({changed})" if changed else ""))
    return (f"Kế hoạch đã được điều chỉnh tại {'; '.join(parts)}; các cơ quan, đơn vị báo cáo theo nhiệm vụ, "
            "chỉ tiêu đã điều chỉnh.")


def _changed_text(items: tuple[str, ...]) -> str:
    """`chỉ tiêu C01; nhiệm vụ III.6.4, IV.1; cơ quan thường trực` from `indicator:C01`, `task:III.6.4`, ..."""
    indicators = [i.split(":", 1)[1] for i in items if i.startswith("indicator:")]
    tasks = [i.split(":", 1)[1] for i in items if i.startswith("task:")]
    parts = []
    if indicators:
        parts.append("chỉ tiêu " + ", ".join(indicators))
    if tasks:
        parts.append("nhiệm vụ " + ", ".join(tasks))
    if "reporting:focal" in items:
        parts.append("cơ quan thường trực")
    return "; ".join(parts)


def _period(plan: Plan, year: int, letter: RequestLetter | None, due: date, reference_short: str) -> dict:
    """The data period and the sentence stating it (figures after the deadline are estimates)."""
    start, end, source = data_period(plan.reporting, year, letter)
    basis = {"decree": f" (theo quy định tại {regime_source()})", "plan": f" (theo {reference_short})",
             "request": ""}[source]
    text = f"Số liệu báo cáo tính từ ngày {short_date(start)} đến ngày {short_date(end)}{basis}."
    if due <= end:
        text += (f" Báo cáo gửi trước ngày {short_date(due)} nên số liệu từ ngày gửi báo cáo đến ngày "
                 f"{short_date(end)} là số ước thực hiện, ghi rõ «ước thực hiện».")
    return {"start": short_date(start), "end": short_date(end), "text": text}


def _deadline_text(focal_name: str, due: date, letter: RequestLetter | None) -> str:
    text = (f"Báo cáo bằng văn bản (có chữ ký, đóng dấu) và tệp biểu mẫu số liệu gửi về {focal_name} "
            f"trước ngày {short_date(due)}")
    if letter and letter.channel:
        text += f"; đồng thời gửi bản điện tử {letter.channel.rstrip('.')}"
    return text + "."


def _task_example(plan: Plan, registry: Registry, code: str, year: int) -> str:
    led, supported = tasks_of_body(plan, registry, code, year)
    task = next((t for t in led + supported if t.numbered), None)
    return task.code if task else (plan.tasks[0].code if plan.tasks else "")


def _bodies_table(plan: Plan, registry: Registry, groups: list[tuple[str, list[str]]], year: int) -> dict:
    """Phụ lục II: each body with how many tasks it leads / supports, its indicators and its form's file name."""
    out = []
    number = 0
    for title, codes in groups:
        rows = []
        for code in codes:
            number += 1
            led, supported = tasks_of_body(plan, registry, code, year)
            indicators = indicators_of_body(plan, registry, code, year)
            rows.append({"tt": str(number), "name": registry[code].name, "code": code,
                         "tasks": f"{len(led)} / {len(supported)}",
                         "indicators": format_number(len(indicators)) if indicators else "-",
                         "form": form_filename(code, year)})
        out.append({"title": title, "rows": rows})
    return {"groups": out, "count": number,
            "note": ("Cột «Nhiệm vụ chủ trì / phối hợp»: số nhiệm vụ cơ quan, đơn vị được giao chủ trì / phối hợp "
                     f"thực hiện năm {year}; cột «Chỉ tiêu báo cáo»: số chỉ tiêu được giao theo dõi, báo cáo số liệu.")}
