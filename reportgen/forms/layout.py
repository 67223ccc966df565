"""Where everything sits in a fill-in form: sheet names, columns, rows, fixed labels.

The writer (`reportgen.forms.writer`) and the reader (`reportgen.load.xlsx`) both use this
module, so a form read back is always read with the layout it was written with. A change
of layout is a new `FORMAT_VERSION`; the reader refuses versions it does not know.
"""

from __future__ import annotations

from dataclasses import dataclass

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
