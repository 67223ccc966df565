"""How a plan's 2030 targets are written in tables (agency reports, forms, the consolidated report).

One function so that every output words a target the same way; it sits outside
`documents/` so that the Excel forms can use it without importing the Word engine.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from .model.plan import Indicator
from .vn import format_number, format_percent


def target_text(indicator: Indicator, *, plan_words: bool = False, unit: bool = True) -> str:
    """A 2030 target as tables print it: `≥ 95%`, `< 109 bé trai/100 bé gái`, `100%`.

    `plan_words` prefers the plan's own wording (`dưới 3%`) when the plan data records it;
    a qualitative target is always its words (`hoàn thành phổ cập`). `unit=False` leaves out
    a unit other than `%`, for a table that has its own unit column (`≥ 33`).
    """
    if plan_words and indicator.target_text:
        return indicator.target_text
    if indicator.is_qualitative or indicator.target is None:
        return indicator.qualitative_target or indicator.target_text or ""
    if indicator.is_percent:
        amount = format_percent(indicator.target)
    else:
        amount = f"{format_number(indicator.target)} {indicator.unit if unit else ''}".strip()
    comparator = indicator.comparator or ""
    return amount if comparator in ("", "=") else f"{comparator} {amount}"


def value_text(indicator: Indicator, value: Decimal) -> str:
    """A figure at the indicator's precision: `4.501` căn, `2,6`, `95,25%` (at most `decimals` places).

    The value is rounded half up to the indicator's `decimals` (from the plan's
    `unit_decimals`), then printed without trailing zeros; with no precision set, as given.
    """
    if indicator.decimals is not None:
        value = value.quantize(Decimal(1).scaleb(-indicator.decimals), rounding=ROUND_HALF_UP)
    return format_percent(value) if indicator.is_percent else format_number(value)


def unit_text(unit: str) -> str:
    """A unit for a narrow table column: a line may break after each `/` (`viên/` `10.000 dân`).

    Word and LibreOffice never break between `/` and a digit, so a narrow column would cut
    `10.000` in two; a zero-width space after the slash gives them a better place to break.
    """
    return unit.replace("/", "/\u200b")
