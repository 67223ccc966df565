"""Shared pydantic configuration: unknown keys are errors, text is normalised on the way in."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, model_validator
from pydantic_core import PydanticCustomError


def _normalize(value: Any) -> Any:
    from ..vn.text import normalize_text

    if isinstance(value, str):
        return normalize_text(value)
    if isinstance(value, list):
        return [_normalize(v) for v in value]
    if isinstance(value, dict):
        return {k: _normalize(v) for k, v in value.items()}
    return value


class InputModel(BaseModel):
    """Base of every input model: forbid unknown keys, NFC + tone-placement on all text."""

    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _normalize_text(cls, data: Any) -> Any:
        return _normalize(data)


# A document's number (số) restarts each year at 01; an office issues a few thousand a year.
# Anything above this is a typo, not a number, and would not fit the page-1 header.
MAX_DOCUMENT_NUMBER = 99_999


def _parse_date(value: Any) -> Any:
    """Dates as people type them (`08/3/2024`, `2024-03-08`) as well as YAML dates."""
    if isinstance(value, str):
        from ..vn.dates import parse_date

        try:
            return parse_date(value)
        except ValueError as exc:   # typed, so the problem gets its code (`…not-date`) and keeps the words
            raise PydanticCustomError("date_parsing", "{detail}", {"detail": str(exc)}) from None
    return value


VnDate = Annotated[date, BeforeValidator(_parse_date)]


def _parse_decimal(value: Any) -> Any:
    """Numbers in plan data may be typed the Vietnamese way too (`0,5`, `13.787`)."""
    if isinstance(value, str):
        from ..vn.numbers import parse_number

        try:
            return parse_number(value)
        except ValueError as exc:   # typed, so the problem gets its code (`…not-number`) and keeps the words
            raise PydanticCustomError("decimal_parsing", "{detail}", {"detail": str(exc)}) from None
    return value


VnDecimal = Annotated[Decimal, BeforeValidator(_parse_decimal)]
