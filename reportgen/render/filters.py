"""The Jinja filters templates use: every Vietnamese form a document prints.

Templates hold no formatting logic; they write `{{ d | nd30_date }}`, `{{ v | percent }}`,
`{{ n | roman }}`, `{{ i | diem }}`, `{{ name | upper }}`, `{{ n | kyhieu("Kế hoạch", "SYT") }}`.
The filters are thin wrappers over `reportgen.vn` so that what a document prints and what
the rest of the tool computes are the same functions. `nd30_rule` and `rule` draw the
decree's solid lines (see `shapes.py`); use them with docxtpl's paragraph tag `{{p ... }}`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from markupsafe import Markup

from ..vn import (
    diem_letter,
    format_number,
    format_percent,
    nd30_date,
    place_date,
    roman,
    short_date,
    so_ky_hieu,
    vn_upper,
)
from .shapes import rule_paragraph_xml, rule_width_cm


def f_nd30_date(value: date) -> str:
    """`ngày 08 tháng 3 năm 2024`."""
    return nd30_date(_date(value))


def f_short_date(value: date) -> str:
    """`08/3/2024`."""
    return short_date(_date(value))


def f_place_date(place: str, value: date) -> str:
    """`Thanh Hóa, ngày 08 tháng 3 năm 2024` (used as `place | place_date(d)`)."""
    return place_date(str(place), _date(value))


def f_number(value: Decimal | int | float | str, places: int | None = None) -> str:
    """`13.787`, `2,5` — a figure in Vietnamese form."""
    return format_number(_number(value), places)


def f_percent(value: Decimal | int | float | str, places: int | None = None) -> str:
    """`95,2%` — the value is already in percent."""
    return format_percent(_number(value), places)


def f_roman(value: int) -> str:
    """`IV`."""
    return roman(int(value))


def f_diem(value: int) -> str:
    """The i-th điểm letter, `a` … `đ` … `y`."""
    return diem_letter(int(value))


def f_upper(value: str) -> str:
    """Upper case with Vietnamese letters intact."""
    return vn_upper(str(value))


def f_kyhieu(number: int | None, doc_type: str, issuer: str, unit: str | None = None) -> str:
    """`05/KH-SYT`, or the draft's blank `      /KH-SYT` when the number is None."""
    return so_ky_hieu(number, doc_type, issuer, unit)


def f_nd30_rule(text: str, column_cm: float, size_pt: float = 13, bold: bool = True,
                fraction: float = 0.4) -> Markup:
    """A paragraph drawing the line under an issuer's name: `fraction` of `text`'s printed width.

    Use as a paragraph tag in the cell the name is in: `{{p header.issuer_rule_text | nd30_rule(7.2) }}`
    (7.2 = the cell's width in cm, so that the line is centred under the name).
    """
    return Markup(rule_paragraph_xml(rule_width_cm(str(text), size_pt, bold, fraction), float(column_cm)))


def f_rule(width_cm: float, column_cm: float) -> Markup:
    """A paragraph drawing a centred line of a fixed width: `{{p 3.5 | rule(15.5) }}`."""
    return Markup(rule_paragraph_xml(float(width_cm), float(column_cm)))


FILTERS: dict[str, Callable[..., Any]] = {
    "nd30_date": f_nd30_date,
    "short_date": f_short_date,
    "place_date": f_place_date,
    "number": f_number,
    "percent": f_percent,
    "roman": f_roman,
    "diem": f_diem,
    "upper": f_upper,
    "vn_upper": f_upper,
    "kyhieu": f_kyhieu,
    "nd30_rule": f_nd30_rule,
    "rule": f_rule,
}


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raise ValueError(f"giá trị «{value}» không phải là ngày tháng")


def _number(value: Any) -> Decimal | int | float:
    if isinstance(value, str):
        from ..vn import parse_number

        return parse_number(value)
    if isinstance(value, bool) or not isinstance(value, (Decimal, int, float)):
        raise ValueError(f"giá trị «{value}» không phải là một số")
    return value
