"""Plan revisions as data: a dated amendment changes targets, task texts and assignments.

A province revises a running plan by a later document ("Kế hoạch số 8456/KH-UBND ngày
29/6/2025 điều chỉnh một số nội dung Kế hoạch số 8839/KH-UBND"). Here such a document is
`inputs/amendments/<name>.yaml`: its identity (number, date, issuer, trích yếu), the day
it takes effect, and the items it changes. `plan_as_of(plan, amendments, day)` gives the
plan as amended on `day`; every document of year Y uses the plan as amended on the
reporting deadline of Y (`reference_day`), and cites the amendments that made it
(`amendments_of`).

Only what is written in a change is changed: a task change with `lead` and no `content`
reassigns the task and keeps its text. Amendments apply in order of effective date, then
of issue date; a later amendment changing the same item wins. Two amendments changing the
same item on the same effective date are an error (`overlaps`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from pydantic import Field, field_validator, model_validator

from .base import InputModel, VnDate, VnDecimal
from .plan import ASCII_COMPARATORS, COMPARATORS, Plan, TaskMode


class IndicatorChange(InputModel):
    """New values for some fields of one indicator (the others keep the plan's)."""

    indicator: str                              # the indicator's code: "C01"
    name: str | None = None
    unit: str | None = None
    comparator: str | None = None
    target: VnDecimal | None = None
    tolerance: VnDecimal | None = None
    qualitative_target: str | None = None
    target_text: str | None = None
    supplier: str | None = None
    domains: list[str] | None = None
    reason: str | None = None                   # why, as the amendment says it (not printed in the plan)

    @field_validator("comparator", mode="before")
    @classmethod
    def _comparator(cls, v: object) -> object:
        v = ASCII_COMPARATORS.get(v, v) if isinstance(v, str) else v
        if v is not None and v not in COMPARATORS:
            raise ValueError(f"phép so sánh «{v}» không hợp lệ; dùng một trong {' '.join(COMPARATORS)}")
        return v


class TaskChange(InputModel):
    """New values for some fields of one task: its text, its assignment, or both."""

    task: str                                   # the task's code: "III.6.4"
    lead: list[str] | None = None               # agency codes or "@group" keys
    partners: list[str] | None = None
    mode: TaskMode | None = None
    domains: list[str] | None = None
    heading: str | None = None
    addressee: str | None = None                # the words of heading/content naming whom it is given to
    content: list[str] | None = None            # new bullets (any per-bullet domains of the old text are dropped)
    deadline: str | None = None
    product: str | None = None
    reason: str | None = None

    @field_validator("lead", "partners", "content", mode="before")
    @classmethod
    def _as_list(cls, v: object) -> object:
        return [v] if isinstance(v, str) else v

    @model_validator(mode="after")
    def _check(self) -> TaskChange:
        if self.lead is not None and not self.lead:
            raise ValueError("lead không được để trống: nhiệm vụ phải có cơ quan chủ trì")
        if self.content is not None and not self.content:
            raise ValueError("content không được để trống")
        return self


class ReportingChange(InputModel):
    """A new focal body or reporting rule text (the deadline itself is not amendable here)."""

    focal: str | None = None
    focal_domains: list[str] | None = None
    recipient: str | None = None
    rule_text: str | None = None


class Amendment(InputModel):
    """One revising document and what it changes, from its effective date on."""

    sample: bool = False                        # bundled demonstration data only
    number: int = Field(ge=1)
    doc_type: str = "Kế hoạch"
    issuer: str                                 # agency code of the revising body
    date: VnDate                                # the day it was signed
    effective: VnDate | None = None             # the day it takes effect (default: its date)
    title: str                                  # its trích yếu: "Điều chỉnh một số nội dung Kế hoạch số 68/KH-UBND …"
    indicators: list[IndicatorChange] = Field(default_factory=list)
    tasks: list[TaskChange] = Field(default_factory=list)
    reporting: ReportingChange | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _check(self) -> Amendment:
        if self.effective is not None and self.effective < self.date:
            raise ValueError("ngày hiệu lực (effective) trước ngày ký (date)")
        seen: set[str] = set()
        for change in self.indicators:
            if change.indicator in seen:
                raise ValueError(f"chỉ tiêu {change.indicator} được điều chỉnh hai lần trong cùng văn bản")
            seen.add(change.indicator)
        seen = set()
        for change in self.tasks:
            if change.task in seen:
                raise ValueError(f"nhiệm vụ {change.task} được điều chỉnh hai lần trong cùng văn bản")
            seen.add(change.task)
        return self

    @property
    def effective_on(self) -> date:
        return self.effective or self.date

    def items(self) -> list[str]:
        """The items it changes, as keys: `indicator:C01`, `task:III.6.4`, `reporting:focal`."""
        out = [f"indicator:{c.indicator}" for c in self.indicators]
        out += [f"task:{c.task}" for c in self.tasks]
        if self.reporting is not None:
            out += [f"reporting:{k}" for k, v in self.reporting if v is not None]
        return out


@dataclass(frozen=True)
class AppliedAmendment:
    """An amendment in force in a plan: what documents cite (`Kế hoạch số 187/KH-UBND ngày 15/7/2025`)."""

    number: int
    doc_type: str
    issuer: str
    date: date
    effective: date
    title: str
    changed: tuple[str, ...]        # items changed (see `Amendment.items`)
    sample: bool = False            # bundled demonstration data: documents of the plan it amends are marked


class AmendedPlan(Plan):
    """A plan with the amendments in force applied; `amended_by` lists them, oldest first."""

    amended_by: tuple[AppliedAmendment, ...] = ()


def plan_as_of(plan: Plan, amendments: Iterable[Amendment], day: date) -> Plan:
    """The plan as amended on `day`: every amendment in effect by then, applied in order.

    Returns `plan` itself when no amendment is in effect, so an unamended year keeps the
    very object loaded (and everything cached on it).
    """
    in_force = sorted((a for a in amendments if a.effective_on <= day), key=lambda a: (a.effective_on, a.date, a.number))
    if not in_force:
        return plan
    data = plan.model_dump()
    indicators = {i["code"]: i for i in data["indicators"]}
    tasks = {t["code"]: t for t in data["tasks"]}
    for amendment in in_force:
        for change in amendment.indicators:
            if change.indicator in indicators:
                indicators[change.indicator].update(_set_fields(change, "indicator"))
        for change in amendment.tasks:
            if change.task in tasks:
                fields = _set_fields(change, "task")
                if "content" in fields:
                    fields.setdefault("bullet_domains", [])   # the old text's per-bullet domains no longer fit
                tasks[change.task].update(fields)
        if amendment.reporting is not None:
            data["reporting"].update(_set_fields(amendment.reporting, None))
    applied = tuple(AppliedAmendment(a.number, a.doc_type, a.issuer, a.date, a.effective_on, a.title,
                                     tuple(a.items()), a.sample) for a in in_force)
    return AmendedPlan.model_validate({**data, "amended_by": applied})


def amendments_of(plan: Plan) -> tuple[AppliedAmendment, ...]:
    """The amendments in force in `plan` (empty for the plan as first issued)."""
    return getattr(plan, "amended_by", ())


def amended_by_sample(plan: Plan) -> bool:
    """True when an amendment in force in `plan` is sample data: every document built on it is marked."""
    return any(a.sample for a in amendments_of(plan))


def overlaps(amendments: Sequence[tuple[str, Amendment]]) -> list[tuple[str, str, str, date]]:
    """(file, other file, item, effective date) for each item two amendments change on the same date."""
    first: dict[tuple[str, date], str] = {}
    out = []
    for file, amendment in amendments:
        for item in amendment.items():
            key = (item, amendment.effective_on)
            if key in first and first[key] != file:
                out.append((file, first[key], item, amendment.effective_on))
            first.setdefault(key, file)
    return out


def _set_fields(change: InputModel, key: str | None) -> dict:
    """The fields a change writes: those given in its file, minus its key and its reason."""
    skip = {key, "reason"}
    return {name: getattr(change, name) for name in change.model_fields_set if name not in skip}
