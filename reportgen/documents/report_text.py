"""Small wording helpers shared by the parts of the consolidated report (names, numbers, lists).

Everything here is a pure function of its arguments; the parts of the report
(`synthesis`, `indicator_rows`, `results_by_body`, `overview`) build sentences with them.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from ..compute.bodies import LOCAL_KINDS
from ..compute.metrics import LEVEL_PROVINCIAL
from ..model import Plan, Registry
from ..vn import format_number, short_date, to_decimal

if TYPE_CHECKING:
    from ..compute import Consolidation

# How a level is named where a total is split ("sở, ban, ngành 210; cấp xã 1.035") and
# where bodies are counted ("166 UBND cấp xã").
LEVEL_SPLIT = {LEVEL_PROVINCIAL: "sở, ban, ngành", "ubnd-huyen": "cấp huyện", "ubnd-xa": "cấp xã"}
LEVEL_BODIES = {LEVEL_PROVINCIAL: "cơ quan, đơn vị cấp tỉnh", "ubnd-huyen": "UBND cấp huyện",
                "ubnd-xa": "UBND cấp xã"}


class Names:
    """Short names, kinds and list order of bodies (order: `Consolidation.bodies`)."""

    def __init__(self, registry: Registry, order: dict[str, int] | None = None):
        self._registry = registry
        self._order = order or {}

    def in_list_order(self, codes: list[str]) -> list[str]:
        """`codes` provincial first, then local, each in Vietnamese A–Z (unknown codes last)."""
        return sorted(codes, key=lambda c: self._order.get(c, len(self._order)))

    def short(self, code: str) -> str:
        agency = self._registry.agencies.get(code)
        return agency.display_name if agency else code

    def full(self, code: str) -> str:
        agency = self._registry.agencies.get(code)
        return agency.name if agency else code

    def kind(self, code: str) -> str:
        agency = self._registry.agencies.get(code)
        return agency.kind if agency else ""

    def level(self, code: str) -> str:
        kind = self.kind(code)
        return kind if kind in LOCAL_KINDS else LEVEL_PROVINCIAL

    def all_names(self) -> list[str]:
        """Every name and short name of the registry (for tests that mask names)."""
        out = set()
        for agency in self._registry.agencies.values():
            out.update({agency.name, agency.display_name})
        return sorted(out, key=len, reverse=True)


def amount(value: Decimal, places: int = 0) -> str:
    """A figure at its precision: rounded half up to `places`, printed without trailing zeros
    (`4.501`, `2,58`, `2,6`), as `indicator_text.value_text` prints indicator figures."""
    rounded = to_decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return format_number(rounded)


def count(n: int) -> str:
    return format_number(n)


def padded(n: int) -> str:
    """A count in a `13/26 vượt, 03/26 không đạt` sentence: below 10 with a leading 0, as reports write it."""
    return f"{n:02d}" if 0 <= n < 10 else format_number(n)


def percent_change(change_pct: Decimal | None) -> str:
    """`tăng 12,4%`, `giảm 3,1%`, `không đổi`; '' when unknown."""
    if change_pct is None:
        return ""
    rounded = change_pct.quantize(Decimal("0.1"))
    if rounded == 0:
        return "không đổi"
    return f"{'tăng' if rounded > 0 else 'giảm'} {format_number(abs(rounded), 1)}%"


def point_change(change: Decimal | None, places: int) -> str:
    """A change of a percentage in points: `tăng 0,7 điểm %`, `giảm 1,25 điểm %`, `không đổi`."""
    if change is None:
        return ""
    rounded = change.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if rounded == 0:
        return "không đổi"
    return f"{'tăng' if rounded > 0 else 'giảm'} {amount(abs(rounded), places)} điểm %"


def and_join(parts: list[str]) -> str:
    """`a`, `a và b`, `a, b và c`."""
    parts = [p for p in parts if p]
    return ", ".join(parts[:-1]) + " và " + parts[-1] if len(parts) > 1 else "".join(parts)


def sentence_end(text: str, end: str = ".") -> str:
    text = " ".join(str(text).split()).rstrip(" ;,.")
    return text + end


def capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def plain(text: str) -> str:
    """`text` on one line: an indicator's name as the plan words it, whole."""
    return " ".join(str(text).split())


def phrase(text: str, limit: int) -> str:
    """A name or task as a report quotes it: whole words, never cut with "…".

    The first clause (to `;` or the end of the first sentence); when that is longer than
    `limit`, it ends at the last comma before `limit`, so the words kept still read as a
    phrase of the plan (`Bảo đảm nhu cầu thiết yếu về nước sạch sinh hoạt theo quy chuẩn
    cho người dân`). With no comma to end at, the clause is kept whole.
    """
    text = " ".join(str(text).split())
    clause = re.split(r";\s|\.\s", text, maxsplit=1)[0].rstrip(" .;,:")
    if len(clause) <= limit:
        return clause
    head = clause[:limit]
    cut = head.rfind(", ")
    return clause[:cut].rstrip(" ,;:") if cut >= limit // 3 else clause


def period_sentence(plan: Plan, result: Consolidation, *, appendix: str = "Phụ lục I") -> str:
    """`Số liệu trong báo cáo tính từ ngày 15/12/2024 đến ngày 14/12/2025; …` (the plan's rule, else Decree
    09/2019's); `appendix` is where the estimates are marked."""
    start, end = plan.reporting.data_period(result.year)
    text = f"Số liệu trong báo cáo tính từ ngày {short_date(start)} đến ngày {short_date(end)}"
    progress = result.progress
    if bool((progress["estimate"] & progress["value"].notna()).any()):
        text += f"; số liệu chưa đủ cả kỳ là số ước thực hiện cả năm {result.year}, được ghi “(ước)” tại {appendix}"
    return text + "."
