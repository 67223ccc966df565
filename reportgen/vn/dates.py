"""Dates the way Decree 30/2020 writes them: `ngày 08 tháng 3 năm 2024`.

The decree pads the day to two digits and pads the month only for January and
February (`tháng 01`, `tháng 02`), so that nobody can add a digit to a signed date.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

__all__ = ["deadline_year", "nd30_date", "place_date", "short_date", "parse_date"]


def nd30_date(d: date) -> str:
    """Date in the body of a document: `ngày 08 tháng 3 năm 2024`."""
    return f"ngày {_day(d)} tháng {_month(d)} năm {d.year}"


def place_date(place: str, d: date) -> str:
    """Place-and-date line of page 1: `Thanh Hóa, ngày 08 tháng 3 năm 2024`."""
    return f"{place.strip()}, {nd30_date(d)}"


def short_date(d: date) -> str:
    """Date as documents cite it in running text: `08/3/2024`, `10/01/2024`."""
    return f"{_day(d)}/{_month(d)}/{d.year}"


def parse_date(text: str | date) -> date:
    """Read a date written as ISO, dd/mm/yyyy, dd-mm-yyyy or `ngày .. tháng .. năm ..`.

    Day first for the slash and dash forms (Vietnamese order); raises ValueError
    with a Vietnamese message for anything else or for a day that does not exist.
    """
    if isinstance(text, datetime):
        return text.date()
    if isinstance(text, date):
        return text
    if not isinstance(text, str):
        raise ValueError(f"Không đọc được ngày tháng từ giá trị {text!r}.")
    raw = text
    s = " ".join(unicodedata.normalize("NFC", text).split())
    m = _ISO.fullmatch(s)
    if m:
        year, month, day = (int(g) for g in m.groups())
    else:
        m = _DMY.fullmatch(s) or _WORDS.fullmatch(s.lower())
        if not m:
            raise ValueError(
                f"Không đọc được ngày tháng “{raw}”: hãy viết dạng 08/3/2024, "
                "2024-03-08 hoặc “ngày 08 tháng 3 năm 2024”."
            )
        day, month, year = int(m["d"]), int(m["m"]), int(m["y"])
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(
            f"Ngày “{raw}” không có thật (ngày {day}, tháng {month}, năm {year})."
        ) from None


def deadline_year(text: str) -> int | None:
    """The year a deadline written in words falls in, or None for an ongoing or recurring one.

    `Năm 2025`, `Quý IV/2025`, `trước ngày 31/12/2025`, `2024 - 2025` → 2025 (the last year
    written: a span ends in it); text without a four-digit year (`Thường xuyên`,
    `Hằng năm`) → None.
    """
    years = _YEAR.findall(unicodedata.normalize("NFC", text))
    return int(years[-1]) if years else None


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY = re.compile(r"(?P<d>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4})")
_WORDS = re.compile(r"(?:ngày\s+)?(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s*,?\s+năm\s+(?P<y>\d{4})")


def _day(d: date) -> str:
    return f"{d.day:02d}"


def _month(d: date) -> str:
    return f"{d.month:02d}" if d.month <= 2 else str(d.month)
