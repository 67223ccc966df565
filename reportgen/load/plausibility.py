"""Is what a body wrote possible? Dates in the right order, figures of a sane size.

`validate` is the place a mistake is caught; these checks catch the ones a type cannot:
- dates: a document issued before the plan it implements, or before (after) the body that
  issued it existed; a report signed outside its body's life; a document listed in a
  report but dated after the report was signed;
- figures: a value beyond what its unit allows (a rate per 10.000 people above 10.000, an
  age above 150; percentages and negative values are checked in `project`), a value 10×
  or more away from both last year's figure and the target (an error: a typo such as a
  missing decimal comma), a value that jumps by `JUMP_FACTOR` or more from last year (a
  warning: possible, worth a second look).
Every problem names the file and the line (or the sheet and cell of a form).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from ..errors import Problem
from ..model import Agency, Indicator, Plan, Submission
from ..vn import format_number
from .source import SourceDoc

FAR_FACTOR = Decimal(10)            # this far from every reference value: an error
FAR_FACTOR_TARGET_ONLY = Decimal(1000)   # with no last year to compare, the target alone (early cumulative counts)
JUMP_FACTOR = Decimal(3)            # this far from last year: a warning
# Upper bounds of units whose meaning fixes them (Vietnamese unit words, not any plan's data).
UNIT_MAXIMUM = {"tuổi": Decimal(150), "năm": Decimal(150), "‰": Decimal(1000)}
_PER_POPULATION = re.compile(r"/\s*([\d.]+)\s*dân\s*$")   # "bác sĩ/10.000 dân": at most 10.000

Add = Callable[[Problem], None]


def check_submission_dates(doc: SourceDoc, sub: Submission, plan: Plan, agency: Agency, add: Add) -> None:
    """The report and the documents it lists, against the plan's date and the body's life."""
    name = agency.display_name
    signed = sub.report.date
    if agency.valid_from and signed < agency.valid_from:
        add(doc.problem(f"ngày ký báo cáo {_d(signed)} trước ngày {name} bắt đầu hoạt động ({_d(agency.valid_from)})",
                        ("report", "date"), code="submission.report.date-implausible"))
    if agency.valid_to and signed > agency.valid_to:
        add(doc.problem(f"ngày ký báo cáo {_d(signed)} sau ngày {name} kết thúc hoạt động ({_d(agency.valid_to)})",
                        ("report", "date"), code="submission.report.date-implausible"))
    for i, task in enumerate(sub.tasks):
        for j, issued in enumerate(task.documents):
            where = ("tasks", i, "documents", j, "date")
            day = issued.date
            if day < plan.date:
                add(doc.problem(f"văn bản {issued.number} ngày {_d(day)} ban hành trước {_plan_name(plan)} "
                                f"({_d(plan.date)}) mà văn bản đó thực hiện", where, code="submission.task.document-date"))
            if agency.valid_from and day < agency.valid_from:
                add(doc.problem(f"văn bản {issued.number} ngày {_d(day)} ban hành trước ngày {name} bắt đầu "
                                f"hoạt động ({_d(agency.valid_from)})", where, code="submission.task.document-date"))
            if agency.valid_to and day > agency.valid_to:
                add(doc.problem(f"văn bản {issued.number} ngày {_d(day)} ban hành sau ngày {name} kết thúc "
                                f"hoạt động ({_d(agency.valid_to)})", where, code="submission.task.document-date"))
            if day > signed and signed.year == sub.year:   # a report date of another year is reported already
                add(doc.problem(f"văn bản {issued.number} ngày {_d(day)} muộn hơn ngày ký báo cáo ({_d(signed)}) "
                                "có nêu văn bản đó", where, code="submission.task.document-date"))


def check_issued_date(doc: SourceDoc, day: date | None, plan: Plan, agency: Agency | None, path: tuple,
                      what: str, add: Add) -> None:
    """A document that implements the plan (a body's own plan, the consolidated report): not before the plan
    nor outside its issuer's life."""
    if day is None:
        return
    if day < plan.date:
        add(doc.problem(f"ngày {what} {_d(day)} trước ngày ban hành {_plan_name(plan)} ({_d(plan.date)})", path, code="input.date-implausible"))
    if agency is None:
        return
    if agency.valid_from and day < agency.valid_from:
        add(doc.problem(f"ngày {what} {_d(day)} trước ngày {agency.display_name} bắt đầu hoạt động "
                        f"({_d(agency.valid_from)})", path, code="input.date-implausible"))
    if agency.valid_to and day > agency.valid_to:
        add(doc.problem(f"ngày {what} {_d(day)} sau ngày {agency.display_name} kết thúc hoạt động "
                        f"({_d(agency.valid_to)})", path, code="input.date-implausible"))


def check_figure(doc: SourceDoc, ind: Indicator, index: int, key: str, value: Decimal,
                 last_year: Decimal | None, add: Add) -> None:
    """One figure (`value` or `previous`) against its unit, and this year's against last year and the target."""
    where = ("figures", index, key)
    shown = f"{_n(value)}{'%' if ind.is_percent else ''}"
    maximum = unit_maximum(ind.unit)
    if maximum is not None and value > maximum:
        add(doc.problem(f"giá trị {shown} của chỉ tiêu {ind.code} vượt quá mức đơn vị «{ind.unit}» cho phép "
                        f"(tối đa {_n(maximum)})", where, code="submission.figure.implausible"))
        return
    if key != "value" or ind.is_qualitative or value == 0:
        return
    references = {"năm trước": last_year, "mục tiêu": ind.target}
    known = {k: v for k, v in references.items() if v is not None and v != 0}
    if not known:
        return
    factor = FAR_FACTOR if len(known) == len(references) else FAR_FACTOR_TARGET_ONLY
    if all(_ratio(value, ref) >= factor for ref in known.values()):
        refs = "; ".join(f"{k}: {_n(v)}" for k, v in known.items())
        add(doc.problem(f"giá trị {shown} của chỉ tiêu {ind.code} khác từ {_n(factor)} lần trở lên so với "
                        f"{' và '.join(known)} ({refs}); kiểm tra lại (gõ nhầm dấu thập phân, thừa chữ số?)", where, code="submission.figure.implausible"))
        return
    if last_year is not None and last_year != 0 and _ratio(value, last_year) >= JUMP_FACTOR:
        add(doc.problem(f"giá trị {shown} của chỉ tiêu {ind.code} thay đổi lớn so với năm trước ({_n(last_year)}); "
                        "kiểm tra lại số liệu", where, severity="warning", code="submission.figure.implausible"))


def unit_maximum(unit: str) -> Decimal | None:
    """The largest value a unit allows, when its meaning fixes one (`tuổi`, `/10.000 dân`); else None."""
    unit = unit.strip()
    if unit in UNIT_MAXIMUM:
        return UNIT_MAXIMUM[unit]
    m = _PER_POPULATION.search(unit)
    if m:
        digits = m.group(1).replace(".", "")
        return Decimal(digits) if digits.isdigit() else None
    return None


def _ratio(a: Decimal, b: Decimal) -> Decimal:
    """How many times bigger the larger magnitude is than the smaller (signs differing: infinitely far)."""
    if (a < 0) != (b < 0):
        return Decimal("Infinity")
    x, y = abs(a), abs(b)
    low, high = min(x, y), max(x, y)
    return Decimal("Infinity") if low == 0 else high / low


def _plan_name(plan: Plan) -> str:
    return f"{plan.doc_type} số {plan.number}"


def _d(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def _n(value: Decimal) -> str:
    try:
        return format_number(value)
    except (ValueError, ArithmeticError):
        return str(value)
