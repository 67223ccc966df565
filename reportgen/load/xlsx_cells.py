"""Reading single cells of a filled form: what a cell shows, as text, number, date or choice.

Every way a cell can be wrong is reported at the cell (`Chỉ tiêu!G7`) and the value
becomes `BAD`, so the form reader knows the problem has been said already.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from ..errors import Problem
from ..model import form_schema as L
from ..vn import (
    fix_legacy_text,
    format_number,
    normalized_key,
    parse_date,
    parse_number_with_flags,
    short_date,
)
from ..vn.numbers import to_decimal
from .source import SourceDoc

BAD = object()                          # a cell whose problem has already been reported
_LEGACY = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI-Windows"}
_NOT_NUMBER = re.compile(r"[^\d\s.,%+\-\u2212\u2013\u00a0\u202f\u2009]")


class CellReader:
    """Cells of one workbook read into values; the problems found, each at its cell."""

    def __init__(self, doc: SourceDoc, wb: Any, formulas: dict[str, set[str]]):
        self.doc, self.wb, self.formulas = doc, wb, formulas
        self.problems: list[Problem] = []

    def _add(self, message: str, place: str | None = None, severity: str = "error", code: str = "xlsx.invalid") -> None:
        self.problems.append(Problem(message, file=self.doc.file, place=place, severity=severity,  # type: ignore[arg-type]
                                     code=code))

    def _estimate(self, sheet: str, coord: str) -> Any:
        text = self._text(sheet, coord)
        if not isinstance(text, str):
            return text
        key = normalized_key(text)
        if key.startswith("ước"):
            return True
        if key == normalized_key(L.FINAL):
            return False
        self._add(f"«{text}» không hợp lệ; chọn «{L.ESTIMATE}» hoặc «{L.FINAL}»", f"{sheet}!{coord}", code="xlsx.figure.estimate")
        return BAD

    def _achieved(self, sheet: str, coord: str) -> Any:
        text = self._text(sheet, coord)
        if not isinstance(text, str):
            return text
        key = normalized_key(text)
        if key == normalized_key(L.ACHIEVED):
            return True
        if key in (normalized_key(L.NOT_ACHIEVED), "không đạt"):
            return False
        self._add(f"chỉ tiêu định tính: «{text}» không hợp lệ; chọn «{L.ACHIEVED}» hoặc «{L.NOT_ACHIEVED}»",
                  f"{sheet}!{coord}", code="xlsx.figure.qualitative")
        return BAD

    def _number(self, sheet: str, coord: str, code: str, unit: str, is_percent: bool, *, what: str = "") -> Any:
        """A figure as a Decimal (None when empty); every way it can be wrong is reported at the cell.

        `what` names the figure in messages (default: `chỉ tiêu <code>`).
        """
        what = what or f"chỉ tiêu {code}"
        where = f"{sheet}!{coord}"
        raw = self._raw(sheet, coord)
        if raw is None or raw is BAD:
            return raw
        percent = False
        if isinstance(raw, bool):
            self._add(f"«{raw}» không phải là một số", where, code="xlsx.figure.not-number")
            return BAD
        if isinstance(raw, datetime | date | time):
            self._add(f"ô đang chứa ngày tháng ({date_text(raw)}), không phải số; hãy định dạng ô là số "
                      "(Number/General) rồi ghi lại con số", where, code="xlsx.figure.not-number")
            return BAD
        if isinstance(raw, int | float | Decimal):
            value = to_decimal(raw)
            if "%" in (self.wb[sheet][coord].number_format or ""):
                value, percent = value * 100, True   # Excel stores 95,2% as 0.952
        else:
            text = self._text(sheet, coord)
            if not isinstance(text, str):
                return text
            try:
                value, percent = parse_number_with_flags(text)
            except ValueError as exc:
                if _NOT_NUMBER.search(text) or not re.search(r"\d", text):
                    self._add(f"«{short_text(text)}» không phải là một số: chỉ ghi con số (ví dụ 95,2 hoặc 13.787); "
                              "nếu chưa có số liệu, để trống và ghi lý do vào cột Ghi chú", where, code="xlsx.figure.not-number")
                else:
                    self._add(lower_first(str(exc)), where, code="xlsx.figure.not-number")
                return BAD
        if percent and not is_percent:
            unit_text = f" tính bằng «{unit}»" if unit else ""
            self._add(f"{what}{unit_text}, không phải tỷ lệ %: bỏ dấu %", where, code="xlsx.figure.unit")
            return BAD
        if is_percent and not Decimal(0) <= value <= Decimal(100):
            self._add(f"tỷ lệ {format_number(value)}% của {what} nằm ngoài khoảng 0–100%", where, code="xlsx.figure.out-of-range")
            return BAD
        if value < 0:
            self._add(f"giá trị âm ({format_number(value)}) không hợp lệ cho {what}", where, code="xlsx.figure.negative")
            return BAD
        return value

    # --- single cells

    def _raw(self, sheet: str, coord: str) -> Any:
        """The value a cell shows: a formula's cached value; `BAD` when it has none or is an error."""
        cell = self.wb[sheet][coord]
        value = cell.value
        where = f"{sheet}!{coord}"
        if coord in self.formulas.get(sheet, ()) and value is None:
            self._add("ô có công thức nhưng chưa có giá trị tính sẵn; hãy mở tệp bằng Excel hoặc LibreOffice "
                      "rồi lưu lại, hoặc ghi thẳng giá trị", where, code="xlsx.formula")
            return BAD
        if cell.data_type == "e":
            self._add(f"ô có lỗi công thức «{value}»; hãy sửa công thức hoặc ghi thẳng giá trị", where, code="xlsx.formula")
            return BAD
        if isinstance(value, str) and not value.strip():
            return None
        return value

    def _text(self, sheet: str, coord: str) -> Any:
        """A cell as text (None when empty); legacy-encoded text converted with a warning."""
        raw = self._raw(sheet, coord)
        if raw is None or raw is BAD:
            return raw
        if isinstance(raw, datetime | date | time):
            text = date_text(raw)
        elif isinstance(raw, int | float | Decimal) and not isinstance(raw, bool):
            text = str(to_decimal(raw))
        else:
            text = str(raw)
        text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
        font = self.wb[sheet][coord].font
        fixed, encoding = fix_legacy_text(text, font.name if font is not None else None)
        where = f"{sheet}!{coord}"
        if encoding in _LEGACY:
            self._add(f"văn bản gõ bằng bảng mã cũ {_LEGACY[encoding]} đã được chuyển sang Unicode: «{short_text(fixed)}»",
                      where, severity="warning", code="input.legacy-text")
            text = fixed
        elif encoding == "unknown":
            self._add(f"văn bản có vẻ dùng bảng mã cũ nhưng không xác định được (TCVN3 hay VNI): «{short_text(text)}»; "
                      "hãy gõ lại bằng Unicode", where, code="input.legacy-text")
            return BAD
        return text or None

    def _int(self, sheet: str, coord: str) -> Any:
        raw = self._raw(sheet, coord)
        if raw is None or raw is BAD:
            return raw
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        if isinstance(raw, float) and raw.is_integer():
            return int(raw)
        text = self._text(sheet, coord)
        if not isinstance(text, str):
            return text
        m = re.fullmatch(r"(?:số\s*:?\s*)?0*(\d{1,6})(?:\s*/.*)?", text, re.IGNORECASE | re.DOTALL)
        if m:
            return int(m[1])
        self._add(f"số báo cáo «{short_text(text)}» không hợp lệ: chỉ ghi số, ví dụ 125", f"{sheet}!{coord}", code="xlsx.report.number")
        return BAD

    def _date(self, sheet: str, coord: str) -> Any:
        raw = self._raw(sheet, coord)
        if raw is None or raw is BAD:
            return raw
        if isinstance(raw, datetime):
            return raw.date()
        if isinstance(raw, date):
            return raw
        if isinstance(raw, int | float) and not isinstance(raw, bool) and 36_526 <= raw <= 73_050:
            from openpyxl.utils.datetime import from_excel

            return from_excel(raw).date()   # a date serial in a cell that lost its date format
        text = self._text(sheet, coord)
        if not isinstance(text, str):
            return text
        try:
            return parse_date(text)
        except ValueError as exc:
            self._add(lower_first(str(exc)), f"{sheet}!{coord}")
            return BAD


def date_text(value: datetime | date | time) -> str:
    if isinstance(value, datetime):
        value = value.date()
    return short_date(value) if isinstance(value, date) else value.isoformat()


def short_text(text: str, n: int = 60) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= n else text[: n - 1] + "…"


def lower_first(text: str) -> str:
    text = text.rstrip(".")
    return text[:1].lower() + text[1:] if text else text
