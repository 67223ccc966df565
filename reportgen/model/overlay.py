"""A body's own additions to its implementation plan (`inputs/overlays/<CODE>.yaml`)."""

from __future__ import annotations

from pydantic import Field

from .base import MAX_DOCUMENT_NUMBER, InputModel, VnDate
from .plan import Signer


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
    number: int | None = Field(default=None, ge=1, le=MAX_DOCUMENT_NUMBER)     # the plan's own number, None for a draft
    date: VnDate | None = None
    signer: Signer | None = None
    internal_deadline_day: int | None = Field(default=None, ge=1, le=31)   # units report to the body before this
    internal_deadline_month: int | None = Field(default=None, ge=1, le=12)
    extra_tasks: list[ExtraTask] = Field(default_factory=list)
    recipients: list[str] = Field(default_factory=list)
