"""The schema of a fill-in form, shared by the writer (`forms`) and the reader (`load.xlsx`).

Where everything sits — sheet names, columns, rows, fixed labels — and the hidden `_meta`
sheet that says which plan, body and year a form is for. Both sides use this one module, so
a form read back is always read with the layout it was written with, and `load` does not
reach into `forms`. A change of layout is a new `FORMAT_VERSION`; the reader refuses
versions it does not know.

The `_meta` sheet:
It holds a copy of every locked cell of the two tables as written, so the reader can name
the exact cell a sender changed, and a checksum over all of it, so an edited `_meta` is
noticed too. (The checksum protects against accidents, not against a determined forger.)

Rows: `[FORMAT_ID, version]`, then `[key, value]` for plan/agency/year, then one row per
task (`nhiem_vu`, STT, code, content, role) and per indicator (`chi_tieu`, STT, code,
name, unit, target, previous-if-locked), and last `[tong_kiem, sha256]`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl.utils import get_column_letter

FORMAT_ID = "reportgen-bieu-mau"
FORMAT_VERSION = 2                 # 2: task metric columns after the Nhiệm vụ sheet's fixed columns
READABLE_VERSIONS = (1, 2)         # a version 1 form is a version 2 form without metric columns
METRIC_PREFIX = "metric:"          # key of a metric column: `metric:hoi-nghi`

SHEET_GUIDE = "Hướng dẫn"
SHEET_INFO = "Thông tin chung"
SHEET_TASKS = "Nhiệm vụ"
SHEET_FIGURES = "Chỉ tiêu"
SHEET_META = "_meta"

# Rows of the two tables (Nhiệm vụ, Chỉ tiêu): title, subtitle, column headings, data.
TITLE_ROW = 1
SUBTITLE_ROW = 2
HEADER_ROW = 3
FIRST_ROW = 4

ROLE_LEAD = "Chủ trì"
ROLE_PARTNER = "Phối hợp"

ESTIMATE = "Ước thực hiện"
FINAL = "Chính thức"
ACHIEVED = "Đạt"
NOT_ACHIEVED = "Chưa đạt"

# Excel refuses longer text in a cell; longer plan text is cut with an ellipsis.
MAX_CELL_CHARS = 32_000


@dataclass(frozen=True)
class Column:
    """One column of a table: its key in the data, heading, width (characters), input or locked."""

    key: str
    heading: str
    width: float
    is_input: bool = False

    def letter(self, columns: tuple[Column, ...]) -> str:
        return get_column_letter(columns.index(self) + 1)


@dataclass(frozen=True)
class MetricColumn:
    """A task metric with a column of its own on the Nhiệm vụ sheet, and the tasks that report it."""

    key: str
    heading: str                     # "Hội nghị tuyên truyền, quán triệt (hội nghị)"
    tasks: tuple[str, ...]           # codes of the form's tasks whose row takes a figure here
    decimals: int = 0


def task_columns(metrics: tuple[MetricColumn, ...] | list[MetricColumn] = ()) -> tuple[Column, ...]:
    """Columns of the Nhiệm vụ sheet, A to G, then one input column per metric of the form's tasks."""
    return (*_fixed_task_columns(), *(Column(METRIC_PREFIX + m.key, m.heading, 14, True) for m in metrics))


def _fixed_task_columns() -> tuple[Column, ...]:
    return (
        Column("stt", "STT", 5),
        Column("code", "Mã nhiệm vụ", 10),
        Column("content", "Nội dung nhiệm vụ (theo Kế hoạch)", 55),
        Column("role", "Vai trò", 10),
        Column("status", "Tình trạng thực hiện (chọn trong danh sách)", 16, True),
        Column("results", "Kết quả thực hiện (mỗi kết quả một dòng)", 50, True),
        Column("documents", "Văn bản đã ban hành (mỗi văn bản một dòng: số, ký hiệu; ngày; trích yếu)", 40, True),
    )


def figure_columns(year: int, target_year: int) -> tuple[Column, ...]:
    """Columns of the Chỉ tiêu sheet, A to I; headings name the years."""
    return (
        Column("stt", "STT", 5),
        Column("code", "Mã chỉ tiêu", 9),
        Column("name", "Tên chỉ tiêu", 50),
        Column("unit", "Đơn vị tính", 12),
        Column("target", f"Mục tiêu đến năm {target_year}", 16),
        Column("previous", f"Thực hiện năm {year - 1}", 14),
        Column("value", f"Thực hiện năm {year}", 14, True),
        Column("estimate", "Ước thực hiện / Chính thức", 16, True),
        Column("note", "Ghi chú", 32, True),
    )


def column(columns: tuple[Column, ...], key: str) -> Column:
    return next(c for c in columns if c.key == key)


def letter(columns: tuple[Column, ...], key: str) -> str:
    """The column letter of `key` ("value" → "G")."""
    return column(columns, key).letter(columns)


# --- Thông tin chung ---------------------------------------------------------------------

@dataclass(frozen=True)
class InfoField:
    """One single-value row of Thông tin chung: label in A, input in B, hint in C."""

    key: str            # number, date, authority, title, name, report_title, received
    label: str
    hint: str
    kind: str = "text"  # text, int, date


INFO_FIELDS: tuple[InfoField, ...] = (
    InfoField("number", "Số báo cáo", "Chỉ ghi số, ví dụ 125; để trống nếu là dự thảo chưa có số.", "int"),
    InfoField("date", "Ngày báo cáo", "Ghi ngày/tháng/năm, ví dụ 05/12/2024.", "date"),
    InfoField("authority", "Thẩm quyền ký", "Ví dụ: KT. GIÁM ĐỐC; để trống nếu người đứng đầu ký."),
    InfoField("title", "Chức vụ người ký", "Ví dụ: GIÁM ĐỐC, PHÓ GIÁM ĐỐC."),
    InfoField("name", "Họ và tên người ký", "Ví dụ: Nguyễn Văn A."),
    InfoField("report_title", "Trích yếu báo cáo", "Để trống để dùng trích yếu mặc định."),
    InfoField("received", "Ngày cơ quan tổng hợp nhận", "Do cơ quan tổng hợp ghi khi nhận (ngày/tháng/năm); "
              "cơ quan gửi để trống.", "date"),
)

# Lists of Thông tin chung: one item per row, LIST_ROWS rows each.
INFO_LISTS: tuple[tuple[str, str], ...] = (
    ("strengths", "Kết quả nổi bật, ưu điểm"),
    ("difficulties", "Khó khăn, vướng mắc"),
    ("causes", "Nguyên nhân của khó khăn, vướng mắc"),
    ("proposals", "Kiến nghị, đề xuất"),
    ("next_year", "Nhiệm vụ, giải pháp năm tới"),
)
LIST_ROWS = 12

INFO_HEADINGS = ("Mục", "Nội dung (cơ quan điền)", "Hướng dẫn")
INFO_WIDTHS = (28, 75, 42)


def info_rows() -> dict[str, int]:
    """Row of each single-value field."""
    return {f.key: FIRST_ROW + i for i, f in enumerate(INFO_FIELDS)}


def list_rows() -> dict[str, tuple[int, int]]:
    """(heading row, first item row) of each list; items fill LIST_ROWS rows."""
    out: dict[str, tuple[int, int]] = {}
    row = FIRST_ROW + len(INFO_FIELDS) + 1
    for key, _ in INFO_LISTS:
        out[key] = (row, row + 1)
        row += 1 + LIST_ROWS
    return out


def form_filename(code: str, year: int) -> str:
    """The form's file name: the body's code and the year (`SYT-2024.xlsx`)."""
    return f"{code}-{year}.xlsx"

TASK_KEY = "nhiem_vu"
INDICATOR_KEY = "chi_tieu"
METRIC_KEY = "so_lieu"
CHECKSUM_KEY = "tong_kiem"


@dataclass
class FormMeta:
    """What `_meta` says about a form."""

    version: int
    plan: str
    agency: str
    year: int
    tasks: list[list[str]] = field(default_factory=list)        # [stt, code, content, role]
    indicators: list[list[str]] = field(default_factory=list)   # [stt, code, name, unit, target, previous]
    metrics: list[MetricColumn] = field(default_factory=list)   # the Nhiệm vụ sheet's metric columns

    @property
    def task_codes(self) -> list[str]:
        return [row[1] for row in self.tasks]

    @property
    def indicator_codes(self) -> list[str]:
        return [row[1] for row in self.indicators]

    def locked_previous(self, i: int) -> Decimal | None:
        text = self.indicators[i][5]
        return Decimal(text) if text else None


class MetaError(ValueError):
    """`_meta` is missing, of an unknown version, or altered (message in Vietnamese)."""


def checksum(rows: list[list[Any]]) -> str:
    """SHA-256 of the rows (everything between the header row and the checksum row)."""
    text = json.dumps([_trim([("" if v is None else str(v)) for v in row]) for row in rows], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_meta(raw_rows: list[list[Any]]) -> FormMeta:
    """Read `_meta` rows back; raises MetaError with the reason in Vietnamese."""
    rows = [[("" if v is None else str(v)) for v in row] for row in raw_rows]
    rows = [_trim(r) for r in rows if any(v != "" for v in r)]
    if not rows or rows[0][:1] != [FORMAT_ID]:
        raise MetaError("không phải biểu mẫu do reportgen tạo (trang ẩn «_meta» không đúng)")
    version = rows[0][1] if len(rows[0]) > 1 else ""
    if version not in {str(v) for v in READABLE_VERSIONS}:
        raise MetaError(f"biểu mẫu phiên bản «{version}», phiên bản reportgen này chỉ đọc được phiên bản "
                        f"{', '.join(str(v) for v in READABLE_VERSIONS)}")
    body, last = rows[1:-1], rows[-1] if len(rows) > 1 else []
    if last[:1] != [CHECKSUM_KEY] or len(last) < 2 or last[1] != checksum(body):
        raise MetaError("phần nhận dạng ẩn của biểu mẫu (trang «_meta») đã bị sửa; hãy điền lại vào biểu mẫu gốc")
    keys = {r[0]: r[1] for r in body if len(r) >= 2 and r[0] in ("ke_hoach", "co_quan", "nam")}
    try:
        meta = FormMeta(int(version), keys["ke_hoach"], keys["co_quan"], int(keys["nam"]))
    except (KeyError, ValueError):
        raise MetaError("phần nhận dạng ẩn của biểu mẫu thiếu kế hoạch, cơ quan hoặc năm") from None
    for r in body:
        if r[0] == TASK_KEY:
            meta.tasks.append(_pad(r[1:], 4))
        elif r[0] == INDICATOR_KEY:
            meta.indicators.append(_pad(r[1:], 6))
        elif r[0] == METRIC_KEY:
            key, heading, tasks, decimals = _pad(r[1:], 4)
            meta.metrics.append(MetricColumn(key, heading, tuple(t for t in tasks.split(",") if t),
                                             int(decimals) if decimals.isdigit() else 0))
    try:
        for i in range(len(meta.indicators)):
            meta.locked_previous(i)
    except InvalidOperation:
        raise MetaError("phần nhận dạng ẩn của biểu mẫu có số liệu năm trước không đọc được") from None
    return meta


def _trim(row: list[str]) -> list[str]:
    while row and row[-1] == "":
        row = row[:-1]
    return row


def _pad(row: list[str], n: int) -> list[str]:
    return (row + [""] * n)[:n]
