"""The focal body's own writing for the consolidated report of one year.

The secretariat edits this file, not the Word output: a synthesis per task section, the
figures to quote, assessments that override the computed ones (with a reason), and the
report's own recipients (Nơi nhận) besides `Như trên` and `Lưu`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import MAX_DOCUMENT_NUMBER, InputModel, VnDate, VnDecimal
from .cycle import ProvinceReportInput, ReminderLetter, RequestLetter, ReviewInput
from .plan import Signer

Assessment = Literal["đã đạt", "chưa đạt", "không có số liệu", "vượt", "đạt", "cơ bản đạt", "không đạt"]


class SectionSynthesis(InputModel):
    section: str                                 # "III.4"
    synthesis: str | None = None                 # a paragraph that leads the section
    highlights: list[str] = Field(default_factory=list)
    quote_indicators: list[str] = Field(default_factory=list)   # indicator codes whose figures to cite


class TaskSynthesis(InputModel):
    """The secretariat's own sentences on one task, printed before the computed synthesis."""

    task: str                                    # "III.4.5"
    synthesis: str


class YearTarget(InputModel):
    """The province's own target of this year for an indicator (kế hoạch năm), with where it is set."""

    indicator: str
    target: VnDecimal
    source: str | None = None                    # "Nghị quyết số 25/NQ-HĐND ngày ..."


class AssessmentOverride(InputModel):
    indicator: str
    assessment: Assessment
    reason: str


class SecretariatInput(InputModel):
    sample: bool = False                         # bundled illustrative data: the report built from it is marked
    year: int
    number: int | None = Field(default=None, ge=1, le=MAX_DOCUMENT_NUMBER)      # the consolidated report's number (None: draft)
    date: VnDate | None = None
    signer: Signer | None = None
    leadership: str | None = None                # opening paragraph of part I
    sections: list[SectionSynthesis] = Field(default_factory=list)
    tasks: list[TaskSynthesis] = Field(default_factory=list)
    targets: list[YearTarget] = Field(default_factory=list)
    overrides: list[AssessmentOverride] = Field(default_factory=list)
    strengths: list[str] = Field(default_factory=list)
    shortcomings: list[str] = Field(default_factory=list)
    causes: list[str] = Field(default_factory=list)
    next_year: list[str] = Field(default_factory=list)
    proposals: list[str] = Field(default_factory=list)
    recipients: list[str] = Field(default_factory=list)  # Nơi nhận between `- Như trên;` and `- Lưu: ...`
    # the other documents of the year's cycle (model/cycle.py)
    request: RequestLetter | None = None
    reminders: list[ReminderLetter] = Field(default_factory=list)
    province_report: ProvinceReportInput | None = None
    review: ReviewInput | None = None
