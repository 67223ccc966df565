"""Figures in Vietnamese form: decimal comma, thousands dot (`1.234.567,89`, `95,2%`).

Inputs arrive in either convention (Excel in an English locale, typed text, floats from
openpyxl); everything is kept as Decimal and printed the Vietnamese way.

Reading rule (`parse_number`, convention "auto"):

* spaces (also NBSP, narrow NBSP, thin space) inside the digits group thousands;
  then at most one `.` or `,` may follow, and it is the decimal mark;
* one kind of separator, several times (`1.234.567`, `1,234,567`): thousands grouping;
* one kind, once:
  - `.` followed by exactly 3 digits after a 1–3 digit integer part (`13.787`) is the
    Vietnamese thousands dot → 13787;
  - `,` followed by exactly 3 digits after a 1–3 digit integer part (`1,234`) is
    ambiguous (Vietnamese 1,234 or English 1234): ValueError;
  - anything else is the decimal mark (`95,2`, `95.2`, `0,125`, `1234,567`);
* both kinds (`1.234.567,89`, `1,234.5`): the last one is the decimal mark and the
  other must group the integer part in valid 3-digit groups;
* a trailing `%` is accepted (the value is returned without scaling);
* no letters, no exponent, no words around the number (`khoảng 95`, `95 người`).

Convention "vi" reads text known to be Vietnamese-formatted (for instance what
`format_number` wrote): `.` only groups thousands, `,` is only the decimal mark, so
`1,234` is 1.234 with no ambiguity.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Literal, NamedTuple

__all__ = [
    "ParsedNumber",
    "parse_number",
    "parse_number_with_flags",
    "format_number",
    "format_percent",
    "to_decimal",
]

Convention = Literal["auto", "vi"]
Number = Decimal | int | float


class ParsedNumber(NamedTuple):
    """A figure read from text, and whether it was written with a `%` sign."""

    value: Decimal
    percent: bool


def parse_number(
    text: str | Number,
    *,
    percent: bool | None = None,
    convention: Convention = "auto",
) -> Decimal:
    """Read a figure written either way (`13.787`, `95,2%`, `1,234.5`) as a Decimal.

    `percent=None` accepts the figure with or without a `%` sign, `True` requires
    the sign in text (numbers from a spreadsheet cell pass), `False` forbids it.
    The value is never scaled: `95,2%` → 95.2. Raises ValueError (Vietnamese message).
    """
    parsed = parse_number_with_flags(text, convention=convention)
    if percent is True and not parsed.percent and not _is_number(text):
        raise ValueError(f"Thiếu dấu % ở tỷ lệ “{text}”.")
    if percent is False and parsed.percent:
        raise ValueError(f"Giá trị “{text}” phải là một số, không phải tỷ lệ phần trăm.")
    return parsed.value


def parse_number_with_flags(
    text: str | Number, *, convention: Convention = "auto"
) -> ParsedNumber:
    """Like `parse_number`, also telling whether a `%` sign was written."""
    if _is_number(text):
        return ParsedNumber(to_decimal(text), False)  # type: ignore[arg-type]
    if not isinstance(text, str):
        raise ValueError(f"Không đọc được số từ giá trị {text!r}.")
    s = text.strip()
    if not s:
        raise ValueError("Ô trống: cần một số.")
    is_percent = s.endswith("%")
    if is_percent:
        s = s[:-1].rstrip()
    sign = ""
    if s[:1] in _SIGNS:
        sign = "-" if s[0] != "+" else ""
        s = s[1:].lstrip()
    digits = _read_body(s, convention)
    if digits is None:
        raise ValueError(f"“{text}” không phải là một số.")
    if isinstance(digits, _Ambiguous):
        raise ValueError(
            f"Số “{text}” không rõ là số thập phân hay có dấu phân cách hàng nghìn: hãy bỏ "
            f"dấu phân cách hàng nghìn (viết {digits.whole}{digits.frac}) hoặc ghi rõ phần "
            f"thập phân (viết {digits.whole},{digits.frac}0)."
        )
    value = Decimal(sign + digits)
    if value == 0:
        value = abs(value)
    return ParsedNumber(value, is_percent)


def format_number(value: Number, places: int | None = None) -> str:
    """Vietnamese form of a figure: `13.787`, `2,5`, `1.234.567,89`, `-3`.

    `places=None` keeps the value's own decimals without trailing zeros; an integer
    `places` rounds half up to exactly that many decimals. Never scientific notation.
    """
    d = to_decimal(value)
    if places is not None:
        if isinstance(places, bool) or not isinstance(places, int) or places < 0:
            raise ValueError(f"Số chữ số thập phân phải là số nguyên không âm, không phải {places!r}.")
        d = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        text = format(d, "f")
    else:
        text = format(d.normalize(), "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    negative = text.startswith("-")
    text = text.lstrip("-")
    whole, _, frac = text.partition(".")
    if negative and set(whole + frac) <= {"0"}:
        negative = False  # never print "-0"
    grouped = _group_thousands(whole)
    out = f"{grouped},{frac}" if frac else grouped
    return f"-{out}" if negative else out


def format_percent(value: Number, places: int | None = None) -> str:
    """Vietnamese percentage: 95.2 → `95,2%` (the value is already in percent)."""
    return format_number(value, places) + "%"


def to_decimal(value: Number) -> Decimal:
    """Decimal from a Decimal, int or float; floats via their shortest repr (95.2 stays 95.2)."""
    if isinstance(value, bool):
        raise ValueError(f"Giá trị {value!r} không phải là một số.")
    if isinstance(value, Decimal):
        d = value
    elif isinstance(value, int):
        d = Decimal(value)
    elif isinstance(value, float):
        try:
            d = Decimal(repr(value))
        except InvalidOperation:
            raise ValueError(f"Giá trị {value!r} không phải là một số.") from None
    else:
        raise ValueError(f"Giá trị {value!r} không phải là một số.")
    if not d.is_finite():
        raise ValueError(f"Giá trị {value!r} không phải là một số hữu hạn.")
    return d


# ---------------------------------------------------------------- helpers


class _Ambiguous(NamedTuple):
    """A body that could be read two ways (`1,234`)."""

    whole: str
    frac: str


_SIGNS = {"-", "+", "\u2212", "\u2013"}  # hyphen-minus, plus, minus sign, en dash
_SPACES = re.compile(r"[ \u00a0\u202f\u2009]")
_DIGITS = re.compile(r"[0-9]+")  # ASCII only: \d would accept other scripts' digits
_LEAD_GROUP = re.compile(r"[1-9][0-9]{0,2}|0")
_GROUP = re.compile(r"[0-9]{3}")


def _is_number(value: object) -> bool:
    return isinstance(value, Decimal | int | float) and not isinstance(value, bool)


def _read_body(s: str, convention: Convention) -> str | _Ambiguous | None:
    """Plain `123.45` digits for an unsigned body, `_Ambiguous`, or None when not a number."""
    if not s:
        return None
    if _SPACES.search(s):
        return _read_space_grouped(s)
    if convention == "vi":
        return _read_vi(s)
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        dec = "." if s.rfind(".") > s.rfind(",") else ","
        grp = "," if dec == "." else "."
        if s.count(dec) != 1:
            return None
        whole, frac = s.split(dec)
        return _join(_ungroup(whole, grp), frac)
    if not dots and not commas:
        return s if _DIGITS.fullmatch(s) else None
    sep = "." if dots else ","
    if s.count(sep) > 1:
        return _ungroup(s, sep)
    whole, frac = s.split(sep)
    if len(frac) == 3 and _is_lead_group(whole) and whole != "0":
        return whole + frac if sep == "." else _Ambiguous(whole, frac)
    return _join(whole, frac, allow_empty_whole=True)


def _read_vi(s: str) -> str | None:
    if s.count(",") > 1:
        return None
    whole, _, frac = s.partition(",")
    if "," in s and not frac:
        return None
    return _join(_ungroup(whole, ".") if "." in whole else whole, frac or None)


def _read_space_grouped(s: str) -> str | None:
    marks = re.split(r"[.,]", s)
    if len(marks) > 2:
        return None
    whole, frac = (marks[0], marks[1]) if len(marks) == 2 else (s, None)
    parts = _SPACES.split(whole)
    if not _is_lead_group(parts[0]) or not all(_GROUP.fullmatch(p) for p in parts[1:]):
        return None
    return _join("".join(parts), frac)


def _ungroup(whole: str | None, sep: str) -> str | None:
    """`1.234.567` → `1234567` when every group after the first has 3 digits."""
    if whole is None:
        return None
    parts = whole.split(sep)
    if not _is_lead_group(parts[0]) or not all(_GROUP.fullmatch(p) for p in parts[1:]):
        return None
    return "".join(parts)


def _join(whole: str | None, frac: str | None, *, allow_empty_whole: bool = False) -> str | None:
    if whole is None:
        return None
    if whole == "" and not (allow_empty_whole and frac):
        return None
    if whole and not _DIGITS.fullmatch(whole):
        return None
    if frac is None:
        return whole
    if not _DIGITS.fullmatch(frac):
        return None
    return f"{whole or '0'}.{frac}"


def _is_lead_group(part: str) -> bool:
    return bool(_LEAD_GROUP.fullmatch(part))


def _group_thousands(digits: str) -> str:
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return ".".join(groups)
