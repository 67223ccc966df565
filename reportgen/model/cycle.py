"""The secretariat's data for the letters and reports of the yearly cycle around the report.

Each block sits in `inputs/secretariat/<year>.yaml` beside the consolidated report's own
writing: the request for reports (`request`), the reminders (`reminders`), the provincial
People's Committee's report upward (`province_report`) and, in the last year a review
covers, the review's own writing (`review`). Every block is optional: without one, the
document is a draft (number and date left blank, the body's head signs).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from importlib import resources

from pydantic import Field, model_validator

from .base import InputModel, VnDate
from .plan import Reporting
from .signer import Signer


class Letter(InputModel):
    """Number, date, signer, drafting unit and extra recipients of one document of the cycle."""

    number: int | None = Field(default=None, ge=1)      # None: a draft (number left blank)
    date: VnDate | None = None
    signer: Signer | None = None
    unit: str | None = None                     # drafting unit of a công văn's ký hiệu (125/SNV-<unit>)
    recipients: list[str] = Field(default_factory=list)   # Nơi nhận besides the addressees and `Lưu`


class RequestLetter(Letter):
    """The focal body's công văn asking every responsible body for its report of the year."""

    deadline: VnDate | None = None              # default: the plan's reporting deadline of the year
    data_from: VnDate | None = None             # default: the plan's data period, else Decree 09/2019
    data_to: VnDate | None = None
    channel: str | None = None                  # how to send ("qua Hệ thống quản lý văn bản và điều hành")

    @model_validator(mode="after")
    def _check(self) -> RequestLetter:
        if self.date and self.deadline and self.deadline <= self.date:
            raise ValueError("hạn gửi báo cáo (deadline) phải sau ngày của công văn (date)")
        if self.data_from and self.data_to and self.data_to < self.data_from:
            raise ValueError("data_to phải sau data_from")
        return self


class ReminderLetter(Letter):
    """One công văn đôn đốc: the day the missing reports are counted, and the new deadline."""

    as_of: VnDate                               # the day `status --as-of` is taken
    deadline: VnDate | None = None              # the new deadline (default: a few working days later)

    @model_validator(mode="after")
    def _check(self) -> ReminderLetter:
        if self.deadline and self.deadline <= self.as_of:
            raise ValueError("hạn mới (deadline) phải sau ngày tính (as_of)")
        if self.date and self.date < self.as_of:
            raise ValueError("ngày công văn (date) trước ngày tính (as_of)")
        return self


class ProvinceReportInput(Letter):
    """The provincial People's Committee's report upward (to the Party Committee or a ministry)."""

    kinh_gui: list[str] = Field(default_factory=list)    # "Ban Thường vụ Tỉnh ủy", "Bộ Nội vụ"
    summary: str | None = None                  # a paragraph of the province's own, opening the results
    next_year: list[str] = Field(default_factory=list)   # the province's own tasks (none: the consolidated report's)
    proposals: list[str] = Field(default_factory=list)   # the province's own proposals upward (none: no part)


class ReviewInput(Letter):
    """The secretariat's own writing for a mid-term or final review ending in this year."""

    kind: str | None = None                     # "so-ket" / "tong-ket"; default from the years covered
    leadership: str | None = None
    strengths: list[str] = Field(default_factory=list)
    shortcomings: list[str] = Field(default_factory=list)
    causes: list[str] = Field(default_factory=list)
    lessons: list[str] = Field(default_factory=list)
    directions: list[str] = Field(default_factory=list)
    proposals: list[str] = Field(default_factory=list)


def data_period(reporting: Reporting, year: int, request: RequestLetter | None = None) -> tuple[date, date, str]:
    """(first day, last day, where the rule comes from) of the data a report of year Y covers.

    The request's own dates first (`request`), then the plan's cut-off (`plan`: a cut-off
    other than the default), else Decree 09/2019's annual period (`decree`: 15/12 of Y-1 to
    14/12 of Y, the model's default cut-off).
    """
    if request is not None and request.data_from and request.data_to:
        return request.data_from, request.data_to, "request"
    start, end = reporting.data_period(year)
    fields = type(reporting).model_fields
    default = (fields["cutoff_day"].default, fields["cutoff_month"].default)   # the decree's 14/12
    return start, end, "decree" if (reporting.cutoff_day, reporting.cutoff_month) == default else "plan"


def regime_source() -> str:
    """The legal source of the default data period, as `reportgen/data/reporting_regime.yaml` names it."""
    return str(_regime()["source"])


@lru_cache(maxsize=1)
def _regime() -> dict:
    import yaml

    text = resources.files("reportgen").joinpath("data/reporting_regime.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)
