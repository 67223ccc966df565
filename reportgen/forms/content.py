"""What goes into one body's form for year Y, as plain data (no spreadsheet yet).

The rows come from the plan through `reportgen.model.routing`, never from the plan's raw
`lead` lists, so a 2025 form lists the tasks a successor body inherited in 2025.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ..errors import Problem, ReportgenError
from ..indicator_text import target_text
from ..model import Plan, Registry, Submission
from ..model.form_schema import MAX_CELL_CHARS, ROLE_LEAD, ROLE_PARTNER, MetricColumn
from ..model.plan import Indicator, Task
from ..model.routing import (
    expected_reporters,
    focal_body,
    indicators_of_body,
    reference_day,
    reporting_rule_text,
    successors_text,
    task_bullets,
    tasks_of_body,
)
from ..model.signer import authority_choices, title_choices
from ..vn import short_date, so_ky_hieu


@dataclass(frozen=True)
class TaskRow:
    code: str
    content: str
    role: str                 # ROLE_LEAD or ROLE_PARTNER


@dataclass(frozen=True)
class IndicatorRow:
    code: str
    name: str
    unit: str
    target: str
    kind: str                 # "percent", "number" or "qualitative"
    previous: Decimal | None = None
    previous_final: bool = False   # last year's figure was final: shown locked


@dataclass(frozen=True)
class FormContent:
    """Everything one form shows, decided before any cell is written."""

    plan_code: str
    plan_ref: str             # "Kế hoạch số 68/KH-UBND ngày 08/3/2024 của Ủy ban nhân dân tỉnh Thanh Hóa"
    agency: str
    agency_name: str
    year: int
    target_year: int
    deadline: date
    recipient: str
    rule_text: str
    created: datetime         # document properties: from the inputs, never the clock
    authority_choices: tuple[str, ...] = ()    # how this body may sign (`KT. GIÁM ĐỐC`, `TM. … / KT. …`)
    title_choices: tuple[str, ...] = ()        # its head's, deputy's and acting head's titles
    focal_note: str = ""                       # when the focal body reports on to the province
    tasks: list[TaskRow] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    metrics: list[MetricColumn] = field(default_factory=list)   # the metric columns of the Nhiệm vụ sheet


def bodies_with_forms(plan: Plan, registry: Registry, year: int) -> list[str]:
    """The bodies that get a form in year Y: those expected to report."""
    return expected_reporters(plan, registry, year)


def form_content(plan: Plan, registry: Registry, code: str, year: int,
                 last_year: Iterable[Submission] = ()) -> FormContent:
    """The rows of `code`'s form for year Y; `last_year` gives the pre-filled figures of Y-1.

    Raises ReportgenError when the body is unknown or has nothing to report in year Y.
    """
    problem = assignment_problem(plan, registry, code, year)
    if problem:
        raise ReportgenError(Problem(problem, code="usage.agency.not-assigned"))
    led, supported = tasks_of_body(plan, registry, code, year)
    indicator_codes = indicators_of_body(plan, registry, code, year)
    agency = registry[code]
    order = {t.code: i for i, t in enumerate(plan.tasks)}
    lead_codes = {t.code for t in led}
    tasks = [TaskRow(t.code, clip(task_text(t, task_bullets(plan, registry, t, code, year))),
                     ROLE_LEAD if t.code in lead_codes else ROLE_PARTNER)
             for t in sorted(led + supported, key=lambda t: order[t.code])]
    metrics = metric_columns(plan, [plan.task(t.code) for t in tasks])
    previous = previous_figures(plan, registry, code, year, last_year)
    indicators = []
    for ind_code in indicator_codes:
        ind = plan.indicator(ind_code)
        assert ind is not None
        prev, final = previous.get(ind_code, (None, False))
        indicators.append(IndicatorRow(ind.code, clip(ind.name), ind.unit, clip(target_text(ind, plan_words=True)),
                                       indicator_kind(ind), prev, final))
    focal = focal_body(plan, registry, year)
    return FormContent(
        plan_code=plan.code,
        plan_ref=plan_reference(plan, registry),
        agency=code,
        agency_name=agency.name,
        year=year,
        target_year=plan.target_year,
        deadline=plan.reporting.deadline(year),
        recipient=registry[focal].name if focal else "cơ quan đầu mối tổng hợp",
        rule_text=reporting_rule_text(plan, registry, year),
        created=datetime.combine(plan.date, time()),
        authority_choices=tuple(authority_choices(agency)),
        title_choices=tuple(title_choices(agency)),
        focal_note=focal_note(plan, registry, code, year),
        tasks=tasks,
        indicators=indicators,
        metrics=metrics,
    )


def focal_note(plan: Plan, registry: Registry, code: str, year: int) -> str:
    """When the focal body reports the year's consolidated report on, from the plan's data ("" if not set)."""
    due = plan.reporting.focal_deadline(year)
    focal = focal_body(plan, registry, year)
    if due is None or focal is None:
        return ""
    recipient = registry[plan.reporting.recipient].display_name
    if code == focal:
        return (f"{registry[focal].display_name} là cơ quan đầu mối: tổng hợp báo cáo của các cơ quan, đơn vị, "
                f"báo cáo {recipient} trước ngày {short_date(due)}.")
    return f"{registry[focal].display_name} tổng hợp, báo cáo {recipient} trước ngày {short_date(due)}."


def metric_columns(plan: Plan, tasks: list[Task]) -> list[MetricColumn]:
    """One column per metric of the tasks, in the order first met; each lists the tasks it applies to."""
    found: dict[str, list[str]] = {}
    for task in tasks:
        for metric in plan.task_metrics(task):
            found.setdefault(metric.key, []).append(task.code)
    out = []
    for key, codes in found.items():
        metric = plan.metric(key)
        heading = clip(f"{metric.name[:1].upper()}{metric.name[1:]} ({metric.unit})")
        out.append(MetricColumn(key, heading, tuple(codes), metric.decimals))
    return out


def assignment_problem(plan: Plan, registry: Registry, code: str, year: int) -> str | None:
    """Why `code` cannot get a form for year Y (unknown, or nothing assigned), or None."""
    if code not in registry:
        return f"mã cơ quan «{code}» không có trong danh mục cơ quan"
    led, supported = tasks_of_body(plan, registry, code, year)
    if led or supported or indicators_of_body(plan, registry, code, year):
        return None
    agency = registry[code]
    day = reference_day(plan, year)
    why = "" if agency.exists_on(day) else (
        f" (không còn hoạt động vào kỳ báo cáo; đơn vị kế nhiệm: {successors_text(registry, code, day)})")
    return f"{agency.display_name} ({code}) không được giao nhiệm vụ hay chỉ tiêu nào năm {year}{why}"


def task_text(task: Task, keep: list[int] | None = None) -> str:
    """The task as the plan words it: the lead-in, then one line per bullet (only `keep`'s, for a split task)."""
    content = [c for i, c in enumerate(task.content) if keep is None or i in keep]
    if len(content) == 1:
        return f"{task.heading} {content[0]}" if task.heading else content[0]
    bullets = "\n".join(f"- {c}" for c in content)
    return f"{task.heading}\n{bullets}" if task.heading else bullets


def indicator_kind(ind: Indicator) -> str:
    if ind.is_qualitative:
        return "qualitative"
    return "percent" if ind.is_percent else "number"


def plan_reference(plan: Plan, registry: Registry) -> str:
    """How the form cites the plan: "Kế hoạch số 68/KH-UBND ngày 08/3/2024 của ..."."""
    issuer = registry[plan.issuer] if plan.issuer in registry else None
    try:
        number = so_ky_hieu(plan.number, plan.doc_type, issuer.abbrev if issuer else "UBND")
    except ValueError:
        number = str(plan.number)
    by = f" của {issuer.name}" if issuer else ""
    return f"{plan.doc_type} số {number} ngày {short_date(plan.date)}{by}"


def previous_figures(plan: Plan, registry: Registry, code: str, year: int,
                     last_year: Iterable[Submission]) -> dict[str, tuple[Decimal, bool]]:
    """Indicator → (value, final) of year Y-1 for `code`: its own figure, else its predecessor's.

    A predecessor is a body whose work on the indicator passed to `code` by year Y. When
    several predecessors reported different values the figure is left for the body to fill.
    """
    subs = [s for s in last_year if s.year == year - 1]
    day = reference_day(plan, year)
    out: dict[str, tuple[Decimal, bool]] = {}
    for ind_code in indicators_of_body(plan, registry, code, year):
        ind = plan.indicator(ind_code)
        if ind is None or ind.is_qualitative:
            continue
        own, inherited = [], []
        for sub in subs:
            fig = next((f for f in sub.figures if f.indicator == ind_code and f.value is not None), None)
            if fig is None:
                continue
            if sub.agency == code:
                own.append(fig)
            elif sub.agency in registry and code in registry.successors_on(sub.agency, day, ind.domains):
                inherited.append(fig)
        found = own or inherited
        if found and len({f.value for f in found}) == 1:
            out[ind_code] = (found[0].value, all(not f.estimate for f in found))
    return out


def clip(text: str) -> str:
    """Text as a spreadsheet cell can hold it: no control characters, at most MAX_CELL_CHARS."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text.replace("\r\n", "\n"))
    return text if len(text) <= MAX_CELL_CHARS else text[: MAX_CELL_CHARS - 1] + "…"
