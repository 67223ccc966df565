"""How a plan's 2030 targets are written in tables (agency reports, forms, the consolidated report).

One function so that every output words a target the same way; it sits outside
`documents/` so that the Excel forms can use it without importing the Word engine.
"""

from __future__ import annotations

from .model.plan import Indicator
from .vn import format_number, format_percent


def target_text(indicator: Indicator, *, plan_words: bool = False) -> str:
    """A 2030 target as tables print it: `≥ 95%`, `< 109 bé trai/100 bé gái`, `100%`.

    `plan_words` prefers the plan's own wording (`dưới 3%`) when the plan data records it;
    a qualitative target is always its words (`hoàn thành phổ cập`).
    """
    if plan_words and indicator.target_text:
        return indicator.target_text
    if indicator.is_qualitative or indicator.target is None:
        return indicator.qualitative_target or indicator.target_text or ""
    if indicator.is_percent:
        amount = format_percent(indicator.target)
    else:
        amount = f"{format_number(indicator.target)} {indicator.unit}".strip()
    comparator = indicator.comparator or ""
    return amount if comparator in ("", "=") else f"{comparator} {amount}"
