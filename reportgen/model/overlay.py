"""A body's own additions to its implementation plan (`inputs/overlays/*.yaml`).

An overlay is for one year: its `year`, or the year of its `date`. An overlay with
neither is used every year, and is then checked against each year it is used in (a
deadline of a past year, a recipient that no longer exists are errors).
"""

from __future__ import annotations

from pydantic import Field, model_validator

from .base import MAX_DOCUMENT_NUMBER, InputModel, VnDate
from .signer import Signer


class TaskAssignment(InputModel):
    """How the body organises one task of the plan: its unit in charge, partners, deadline, product."""

    task: str                        # the plan's task code: "III.6.2"
    lead_unit: str | None = None     # the body's unit in charge ("Phòng Nghiệp vụ Y")
    partner_units: list[str] = Field(default_factory=list)
    deadline: str | None = None      # "Quý IV/2025", "Thường xuyên"
    product: str | None = None       # "Báo cáo kết quả"


class ExtraTask(InputModel):
    """A task the body sets itself, placed under one of the plan's sections."""

    section: str                     # "III.4"
    content: str
    lead_unit: str | None = None     # the body's internal unit that leads it ("Phòng Nghiệp vụ Y")
    deadline: str | None = None
    product: str | None = None


class Overlay(InputModel):
    sample: bool = False             # bundled illustrative data: the plan built from it is marked
    agency: str
    year: int | None = None                            # the plan year it is for (default: the year of `date`)
    number: int | None = Field(default=None, ge=1, le=MAX_DOCUMENT_NUMBER)     # the plan's own number, None for a draft
    date: VnDate | None = None
    signer: Signer | None = None
    internal_deadline_day: int | None = Field(default=None, ge=1, le=31)   # units report to the body before this
    internal_deadline_month: int | None = Field(default=None, ge=1, le=12)
    tasks: list[TaskAssignment] = Field(default_factory=list)
    extra_tasks: list[ExtraTask] = Field(default_factory=list)
    recipients: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self) -> Overlay:
        if self.year is not None and self.date is not None and self.date.year != self.year:
            raise ValueError(f"ngày {self.date:%d/%m/%Y} không thuộc năm {self.year} của phần bổ sung")
        seen: set[str] = set()
        for item in self.tasks:
            if item.task in seen:
                raise ValueError(f"nhiệm vụ {item.task} được ghi hai lần trong tasks")
            seen.add(item.task)
        return self

    @property
    def for_year(self) -> int | None:
        """The plan year this overlay is for; None: every year."""
        return self.year if self.year is not None else (self.date.year if self.date else None)

    def assignment(self, task_code: str) -> TaskAssignment | None:
        return next((t for t in self.tasks if t.task == task_code), None)
