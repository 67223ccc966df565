"""What one body reports for one year: task results, figures, assessments, its report's data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .base import MAX_DOCUMENT_NUMBER, InputModel, VnDate
from .signer import Signer

TaskStatus = Literal["hoàn thành", "đang thực hiện", "chưa thực hiện"]
TASK_STATUSES: tuple[str, ...] = ("hoàn thành", "đang thực hiện", "chưa thực hiện")


def _decimal(v: Any) -> Any:
    """Accept Vietnamese and English number forms; keep Decimal, never float."""
    if v is None or isinstance(v, Decimal):
        return v
    if isinstance(v, bool):
        raise ValueError("giá trị phải là một số")
    if isinstance(v, (int, float, str)):
        from ..vn import parse_number

        if isinstance(v, str) and not v.strip():
            return None
        return parse_number(v)
    raise ValueError("giá trị phải là một số")


def _metric_figure(v: Any) -> Any:
    number = _decimal(v)
    if number is not None and number < 0:
        raise ValueError(f"số liệu không được âm ({v})")
    return number


MetricFigure = Annotated[Decimal, BeforeValidator(_metric_figure)]


class DocumentIssued(InputModel):
    """A document the body issued for the plan (its own plan, a directive...)."""

    number: str                # "123/KH-SYT"
    date: VnDate
    title: str


class TaskResult(InputModel):
    task: str                  # the plan's task code
    status: TaskStatus
    results: list[str] = Field(default_factory=list)
    documents: list[DocumentIssued] = Field(default_factory=list)
    metrics: dict[str, MetricFigure] = Field(default_factory=dict)   # the plan's metric key -> this body's figure

    @field_validator("metrics", mode="before")
    @classmethod
    def _no_empty_figures(cls, v: Any) -> Any:
        """An empty value is no figure (a blank cell), not an error."""
        if not isinstance(v, dict):
            return v
        return {k: x for k, x in v.items() if x is not None and not (isinstance(x, str) and not x.strip())}


class Figure(InputModel):
    indicator: str             # the plan's indicator code
    value: Decimal | None = None       # this year (None: no data)
    previous: Decimal | None = None    # last year
    estimate: bool = False             # "ước thực hiện" rather than final
    achieved: bool | None = None       # for qualitative targets: reached or not
    note: str | None = None

    @field_validator("value", "previous", mode="before")
    @classmethod
    def _numbers(cls, v: Any) -> Any:
        try:
            return _decimal(v)
        except ValueError as exc:   # typed: the problem's code is `submission.figure.not-number`
            raise PydanticCustomError("decimal_parsing", "{detail}", {"detail": str(exc)}) from None

    @model_validator(mode="after")
    def _check(self) -> Figure:
        if self.value is None and self.achieved is None and not self.note:
            raise ValueError("chỉ tiêu không có giá trị (value/achieved) cũng không có ghi chú giải thích")
        return self


class ReportInfo(InputModel):
    """The body's own report: number (None for a draft), date, signer, when it reached the focal body."""

    number: int | None = Field(default=None, ge=1, le=MAX_DOCUMENT_NUMBER)
    date: VnDate
    signer: Signer
    received: VnDate | None = None        # date the focal body received it; defaults to `date`
    title: str | None = None            # its trích yếu, if not the default

    @property
    def received_on(self) -> date:
        return self.received or self.date


class Submission(InputModel):
    """One body's report for one year."""

    sample: bool = False                # bundled illustrative data, not real figures
    agency: str
    year: int
    report: ReportInfo
    tasks: list[TaskResult] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    difficulties: list[str] = Field(default_factory=list)
    causes: list[str] = Field(default_factory=list)
    strengths: list[str] = Field(default_factory=list)
    proposals: list[str] = Field(default_factory=list)
    next_year: list[str] = Field(default_factory=list)
