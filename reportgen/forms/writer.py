"""One body's fill-in form as .xlsx bytes (openpyxl), readable on screen and on A4 paper.

Sheets: Hướng dẫn, Thông tin chung, Nhiệm vụ, Chỉ tiêu, and the hidden `_meta`. Every sheet
is protected without a password: plan text, headings and the identification cannot be
edited; the yellow input cells can. Drop-downs and number ranges guide the sender, but
the reader checks everything again (validation is bypassed by pasting).

Text is always written as text: a value starting with `=`, `+`, `-` or `@` (plan bullets
start with "- ") is stored as a string with the quote-prefix style, never as a formula.
Output is deterministic: document dates come from the plan, and the zip is re-packed with
fixed timestamps.
"""

from __future__ import annotations

import io
import math
import zipfile
from datetime import datetime
from typing import Any

from lxml import etree
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..model.form_schema import (
    ACHIEVED,
    ESTIMATE,
    FINAL,
    FIRST_ROW,
    HEADER_ROW,
    INFO_FIELDS,
    INFO_HEADINGS,
    INFO_LISTS,
    INFO_WIDTHS,
    LIST_ROWS,
    METRIC_PREFIX,
    NOT_ACHIEVED,
    SHEET_FIGURES,
    SHEET_GUIDE,
    SHEET_INFO,
    SHEET_META,
    SHEET_TASKS,
    SUBTITLE_ROW,
    TITLE_ROW,
    Column,
    figure_columns,
    form_filename,
    info_rows,
    list_rows,
    task_columns,
)
from ..model.submission import TASK_STATUSES
from ..ooxml import NS, deterministic_zip
from ..vn import short_date
from .content import FormContent
from .meta import meta_rows

FONT_NAME = "Times New Roman"
FONT_SIZE = 12
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")     # light yellow: fill me in
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")    # light blue headings
LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")    # light grey: from the plan, locked
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FORMULA_STARTS = ("=", "+", "-", "@")
MAX_ROW_HEIGHT = 409          # points; Excel's limit
LINE_HEIGHT = 16.5            # points per line of 12-pt text
STYLE_PREFIX = "reportgen "
GUIDE_WIDTH = 80              # characters of the default font: fits A4 portrait unscaled


def build_form(content: FormContent) -> bytes:
    """The .xlsx bytes of one body's form."""
    wb = Workbook()
    _register_styles(wb)
    guide = wb.active
    guide.title = SHEET_GUIDE
    _guide_sheet(guide, content)
    _info_sheet(wb.create_sheet(SHEET_INFO), content)
    _task_sheet(wb.create_sheet(SHEET_TASKS), content)
    _figure_sheet(wb.create_sheet(SHEET_FIGURES), content)
    _meta_sheet(wb.create_sheet(SHEET_META), content)
    wb.active = 0
    wb.security = WorkbookProtection(lockStructure=True)
    wb.properties.creator = "reportgen"
    wb.properties.title = f"Biểu mẫu báo cáo năm {content.year} — {content.agency_name}"
    wb.properties.subject = content.plan_ref
    buf = io.BytesIO()
    wb.save(buf)
    return _deterministic(buf.getvalue(), content.created)


# --- sheets ----------------------------------------------------------------------------


def _guide_sheet(ws: Worksheet, c: FormContent) -> None:
    ws.column_dimensions["A"].width = GUIDE_WIDTH
    deadline = f"trước ngày {short_date(c.deadline)}"
    tasks, figures = len(c.tasks), len(c.indicators)
    lines: list[tuple[str, str]] = [
        ("title", f"BIỂU MẪU BÁO CÁO KẾT QUẢ THỰC HIỆN NĂM {c.year}"),
        ("bold", c.plan_ref),
        ("", ""),
        ("bold", f"Cơ quan, đơn vị báo cáo: {c.agency_name} (mã {c.agency})"),
        ("", f"Kỳ báo cáo: năm {c.year}."),
        ("bold", f"Thời hạn gửi: {deadline}."),
        ("bold", f"Nơi nhận: {c.recipient}."),
        *([("", c.focal_note)] if c.focal_note else []),
        ("", f"Quy định của Kế hoạch: {c.rule_text}."),
        ("", ""),
        ("bold", "CÁCH ĐIỀN"),
        ("", "Chỉ điền vào các ô nền vàng. Các ô nền xám (nội dung theo Kế hoạch) và các tiêu đề đã được khóa."),
        ("", f"1. Trang «{SHEET_INFO}»: ghi số, ngày báo cáo và người ký; kết quả nổi bật, khó khăn, vướng mắc, "
             f"nguyên nhân, kiến nghị và nhiệm vụ năm tới, mỗi ý một dòng (tối đa {LIST_ROWS} dòng mỗi mục)."),
        ("", f"2. Trang «{SHEET_TASKS}» ({tasks} nhiệm vụ): chọn tình trạng thực hiện trong danh sách "
             f"({', '.join(TASK_STATUSES)}); ghi kết quả thực hiện, mỗi kết quả một dòng trong ô "
             "(Alt+Enter để xuống dòng); ghi các văn bản đã ban hành, mỗi văn bản một dòng theo dạng "
             "«số, ký hiệu; ngày; trích yếu», ví dụ: 125/KH-SYT; 15/3/2024; Kế hoạch thực hiện năm 2024."),
        *([("", "   Các cột số liệu sau cột Văn bản (hội nghị, lượt người, kinh phí…): ghi con số của đơn vị "
                 "trong năm vào ô nền vàng của nhiệm vụ tương ứng, không ghi đơn vị tính; ô nền xám là số liệu "
                 "không thuộc nhiệm vụ đó. Chưa có số liệu thì để trống.")] if c.metrics else []),
        ("", f"3. Trang «{SHEET_FIGURES}» ({figures} chỉ tiêu): ghi số liệu năm {c.year} bằng con số, ví dụ 95,2 "
             "hoặc 13.787; tỷ lệ phần trăm chỉ ghi số từ 0 đến 100. Không ghi chữ như «khoảng 95» hay «n/a»: "
             "nếu chưa có số liệu, để trống và ghi lý do vào cột Ghi chú. Chọn «Ước thực hiện» nếu là số ước "
             "tính, «Chính thức» nếu là số chính thức (để trống được hiểu là chính thức). Chỉ tiêu định tính "
             f"chọn «{ACHIEVED}» hoặc «{NOT_ACHIEVED}». Cột năm {c.year - 1}: số đã khóa là số chính thức đã "
             "báo cáo; ô còn mở thì ghi số năm trước nếu có, hoặc sửa số ước năm trước thành số chính thức."),
        ("", "4. Không thêm, xóa hoặc đổi chỗ dòng, cột; không đổi tên các trang. Biểu mẫu có dòng bị thêm, "
             "xóa hoặc nội dung khóa bị sửa sẽ bị trả lại."),
        ("", f"5. Lưu tệp dưới dạng Excel (.xlsx), giữ nguyên tên tệp {form_filename(c.agency, c.year)} "
             f"và gửi về {c.recipient} {deadline}."),
        ("", "Nếu dùng công thức trong ô, hãy mở và lưu lại tệp bằng Excel hoặc LibreOffice trước khi gửi để "
             "tệp có sẵn kết quả tính."),
    ]
    for i, (kind, text) in enumerate(lines, start=1):
        _locked(ws.cell(i, 1), text, {"title": "guide-title", "bold": "guide-bold"}.get(kind, "guide"))
        ws.row_dimensions[i].height = _height([(text, GUIDE_WIDTH)])
    _page_setup(ws, landscape=False)
    _protect(ws)


def _info_sheet(ws: Worksheet, c: FormContent) -> None:
    for i, width in enumerate(INFO_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    _title(ws, f"THÔNG TIN CHUNG VỀ BÁO CÁO NĂM {c.year}", f"{c.agency_name} — {c.plan_ref}", 3)
    for col, heading in enumerate(INFO_HEADINGS, start=1):
        _heading(ws.cell(HEADER_ROW, col), heading)
    rows = info_rows()
    hints = _signer_hints(c)
    for f in INFO_FIELDS:
        r = rows[f.key]
        hint = hints.get(f.key, f.hint)
        _locked(ws.cell(r, 1), f.label, "label")
        cell = _input(ws.cell(r, 2), {"date": "input-date", "int": "input-int"}.get(f.kind, "input"))
        _locked(ws.cell(r, 3), hint, "hint")
        ws.row_dimensions[r].height = _height([(f.label, INFO_WIDTHS[0]), (hint, INFO_WIDTHS[2])])
        if f.key in ("authority", "title"):
            _signer_list(ws, c, f.key, cell.coordinate)
        if f.kind == "int":
            _validate(ws, DataValidation(
                type="whole", operator="greaterThanOrEqual", formula1="1", allow_blank=True, showErrorMessage=True,
                errorTitle="Số báo cáo không hợp lệ", error="Chỉ ghi số của báo cáo (số nguyên từ 1 trở lên)."),
                cell.coordinate)
    for key, title in INFO_LISTS:
        head, first = list_rows()[key]
        _heading(ws.cell(head, 1), f"{title} (mỗi ý một dòng)", "heading-left")
        for col in (2, 3):
            _heading(ws.cell(head, col), "", "heading-left")
        for k in range(LIST_ROWS):
            _locked(ws.cell(first + k, 1), k + 1, "locked-center")
            _input(ws.cell(first + k, 2))
            _locked(ws.cell(first + k, 3), "")
    ws.freeze_panes = ws.cell(FIRST_ROW, 1).coordinate
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    _page_setup(ws)
    _protect(ws)


def _signer_hints(c: FormContent) -> dict[str, str]:
    """The signer cells' hints in this body's own terms (Decree 30/2020, Phụ lục I, II.7)."""
    if not c.authority_choices or not c.title_choices:
        return {}
    head, deputy, acting = c.title_choices
    choices = c.authority_choices
    if choices[0].startswith("TM. "):
        authority = (f"Người đứng đầu ký: {choices[0]}; cấp phó ký thay: {choices[1]}. "
                     f"Ký thừa lệnh, thừa ủy quyền: {choices[2]}, {choices[3]}. Chọn trong danh sách.")
    else:
        authority = (f"Người đứng đầu ký: để trống; cấp phó ký thay: {choices[0]}. "
                     f"Ký thừa lệnh, thừa ủy quyền: {choices[1]}, {choices[2]}. Chọn trong danh sách.")
    title = f"{head} (người đứng đầu), {deputy} (cấp phó ký thay), {acting} (quyền)."
    return {"authority": authority, "title": title}


def _signer_list(ws: Worksheet, c: FormContent, key: str, coordinate: str) -> None:
    """A drop-down of the body's own authorities (strict) or titles (other titles allowed after a warning)."""
    choices = c.authority_choices if key == "authority" else c.title_choices
    if not choices:
        return
    strict = key == "authority"
    _validate(ws, DataValidation(
        type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True, showErrorMessage=True,
        errorStyle="stop" if strict else "warning",
        errorTitle="Thẩm quyền ký không hợp lệ" if strict else "Chức vụ khác",
        error=("Chọn một dòng trong danh sách (để trống nếu người đứng đầu ký)." if strict else
               "Chức vụ này không phải người đứng đầu hay cấp phó; chỉ dùng khi ký thừa lệnh, thừa ủy quyền."),
        showInputMessage=False), coordinate)


def _task_sheet(ws: Worksheet, c: FormContent) -> None:
    cols = task_columns(c.metrics)
    _table_frame(ws, cols, f"BIỂU 1. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM {c.year}", f"{c.agency_name} — {c.plan_ref}")
    letters = {col.key: col.letter(cols) for col in cols}
    metric_tasks = {METRIC_PREFIX + m.key: set(m.tasks) for m in c.metrics}
    status = DataValidation(
        type="list", formula1='"' + ",".join(TASK_STATUSES) + '"', allow_blank=True, showDropDown=False,
        showErrorMessage=True, errorTitle="Tình trạng không hợp lệ",
        error="Chọn một trong: " + ", ".join(TASK_STATUSES) + ".",
        showInputMessage=True, promptTitle="Tình trạng", prompt="Chọn trong danh sách.")
    for i, t in enumerate(c.tasks):
        r = FIRST_ROW + i
        values = {"stt": i + 1, "code": t.code, "content": t.content, "role": t.role}
        for col in cols:
            cell = ws[f"{letters[col.key]}{r}"]
            if col.key.startswith(METRIC_PREFIX) and t.code not in metric_tasks[col.key]:
                _locked(cell, "")           # this task is not counted in this metric
            elif col.is_input:
                _input(cell)
            else:
                _locked(cell, values[col.key], "locked" if col.key == "content" else "locked-center")
        ws.row_dimensions[r].height = _height(
            [(str(values[col.key]), col.width) for col in cols if col.key in values], minimum=2)
    if c.tasks:
        last = FIRST_ROW + len(c.tasks) - 1
        _validate(ws, status, f"{letters['status']}{FIRST_ROW}:{letters['status']}{last}")
    for m in c.metrics:
        cells = [f"{letters[METRIC_PREFIX + m.key]}{FIRST_ROW + i}" for i, t in enumerate(c.tasks) if t.code in m.tasks]
        if cells:
            whole = m.decimals == 0
            _validate(ws, DataValidation(
                type="whole" if whole else "decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                showErrorMessage=True, errorTitle="Số liệu không hợp lệ",
                error="Ghi một số nguyên không âm, ví dụ 125." if whole else "Ghi một số không âm, ví dụ 12,5."),
                " ".join(cells))
    _page_setup(ws)
    _protect(ws)


def _figure_sheet(ws: Worksheet, c: FormContent) -> None:
    cols = figure_columns(c.year, c.target_year)
    _table_frame(ws, cols, f"BIỂU 2. SỐ LIỆU CHỈ TIÊU NĂM {c.year}", f"{c.agency_name} — {c.plan_ref}")
    letters = {col.key: col.letter(cols) for col in cols}
    ranges: dict[str, list[str]] = {"percent": [], "number": [], "qualitative": [], "estimate": []}
    for i, ind in enumerate(c.indicators):
        r = FIRST_ROW + i
        values = {"stt": i + 1, "code": ind.code, "name": ind.name, "unit": ind.unit, "target": ind.target}
        for key in ("stt", "code", "name", "unit", "target"):
            _locked(ws[f"{letters[key]}{r}"], values[key], "locked" if key in ("name", "target") else "locked-center")
        prev = ws[f"{letters['previous']}{r}"]
        if ind.kind == "qualitative":
            _locked(prev, "")
        elif ind.previous is not None and ind.previous_final:
            _locked(prev, ind.previous, "locked-right")
        else:
            _input(prev)
            if ind.previous is not None:
                prev.value = ind.previous          # last year's estimate: the body may correct it
            ranges[ind.kind].append(prev.coordinate)
        value = _input(ws[f"{letters['value']}{r}"])
        ranges[ind.kind].append(value.coordinate)
        for key in ("estimate", "note"):
            _input(ws[f"{letters[key]}{r}"])
        ranges["estimate"].append(f"{letters['estimate']}{r}")
        ws.row_dimensions[r].height = _height(
            [(str(values[col.key]), col.width) for col in cols if col.key in values], minimum=2)
    rules = {
        "percent": DataValidation(type="decimal", operator="between", formula1="0", formula2="100",
                                  errorTitle="Tỷ lệ không hợp lệ", error="Tỷ lệ % là một số từ 0 đến 100, ví dụ 95,2."),
        "number": DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                                 errorTitle="Số liệu không hợp lệ", error="Ghi một con số không âm, ví dụ 13787."),
        "qualitative": DataValidation(type="list", formula1=f'"{ACHIEVED},{NOT_ACHIEVED}"',
                                      errorTitle="Không hợp lệ", error=f"Chọn {ACHIEVED} hoặc {NOT_ACHIEVED}."),
        "estimate": DataValidation(type="list", formula1=f'"{ESTIMATE},{FINAL}"',
                                   errorTitle="Không hợp lệ", error=f"Chọn {ESTIMATE} hoặc {FINAL}."),
    }
    for key, dv in rules.items():
        if ranges[key]:
            dv.allow_blank = True
            dv.showErrorMessage = True
            _validate(ws, dv, " ".join(ranges[key]))
    _page_setup(ws)
    _protect(ws)


def _meta_sheet(ws: Worksheet, c: FormContent) -> None:
    for r, row in enumerate(meta_rows(c), start=1):
        for col, value in enumerate(row, start=1):
            put_text(ws.cell(r, col), value)
    ws.sheet_state = "veryHidden"
    _protect(ws)


# --- cells -----------------------------------------------------------------------------


def put_text(cell: Cell, value: Any) -> Cell:
    """Write a value; text is always stored as a string, never as a formula."""
    if not isinstance(value, str):
        cell.value = value
        return cell
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    if not text:
        cell.value = None     # an empty cell, not an empty inline string
        return cell
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True   # Excel and Calc keep it text when the cell is edited
    return cell


def _locked(cell: Cell, value: Any, style: str = "locked") -> Cell:
    cell.style = STYLE_PREFIX + style      # first: a named style resets quotePrefix
    return put_text(cell, value)


def _input(cell: Cell, style: str = "input") -> Cell:
    cell.style = STYLE_PREFIX + style
    return cell


def _heading(cell: Cell, text: str, style: str = "heading") -> None:
    cell.style = STYLE_PREFIX + style
    put_text(cell, text)


def _title(ws: Worksheet, title: str, subtitle: str, ncols: int) -> None:
    """Title and subtitle centred across the table ("center across selection", not merged cells)."""
    for row, text, style in ((TITLE_ROW, title, "title"), (SUBTITLE_ROW, subtitle, "subtitle")):
        _locked(ws.cell(row, 1), text, style)
        for col in range(2, ncols + 1):
            ws.cell(row, col).style = STYLE_PREFIX + style
    ws.row_dimensions[TITLE_ROW].height = 24
    ws.row_dimensions[SUBTITLE_ROW].height = 20


def _register_styles(wb: Workbook) -> None:
    """Named styles, set once per workbook: one style assignment per cell keeps writing fast."""
    font = Font(name=FONT_NAME, size=FONT_SIZE)
    # The default font sets the unit of column widths in Excel and Calc. openpyxl's Calibri
    # is missing on many Linux desktops, where a wider fallback font pushes pages off the
    # paper; openpyxl has no public setter for the default font, hence the private fields.
    wb._fonts = IndexedList([font])
    wb._named_styles["Normal"].font = font
    bold = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
    top_left = Alignment(wrap_text=True, vertical="top", horizontal="left")
    centered = Alignment(wrap_text=True, vertical="center", horizontal="center")
    across = Alignment(vertical="center", horizontal="centerContinuous")
    locked, unlocked = Protection(locked=True), Protection(locked=False)

    def cell_style(name: str, **kw: Any) -> NamedStyle:
        base = {"font": font, "alignment": top_left, "protection": locked}
        return NamedStyle(name=STYLE_PREFIX + name, **{**base, **kw})

    boxed = {"border": BORDER, "fill": LOCKED_FILL}
    entry = {"border": BORDER, "fill": INPUT_FILL, "protection": unlocked}
    styles = [
        cell_style("locked", **boxed),
        cell_style("locked-center", alignment=Alignment(wrap_text=True, vertical="top", horizontal="center"), **boxed),
        cell_style("locked-right", alignment=Alignment(wrap_text=True, vertical="top", horizontal="right"), **boxed),
        cell_style("label", font=bold, **boxed),
        cell_style("hint", font=Font(name=FONT_NAME, size=FONT_SIZE, italic=True), **boxed),
        cell_style("input", **entry),
        # Dates are typed as text (05/12/2024) and read day first: a date cell would let an
        # English-locale Excel turn 05/12 into 12 May without a word.
        cell_style("input-date", number_format="@", **entry),
        cell_style("input-int", number_format="0", **entry),
        cell_style("heading", font=bold, alignment=centered, border=BORDER, fill=HEADER_FILL),
        cell_style("heading-left", font=bold, border=Border(top=THIN, bottom=THIN), fill=HEADER_FILL,
                   alignment=Alignment(vertical="center", horizontal="left")),
        cell_style("title", font=Font(name=FONT_NAME, size=14, bold=True), alignment=across),
        cell_style("subtitle", font=Font(name=FONT_NAME, size=FONT_SIZE, italic=True), alignment=across),
        cell_style("guide"),
        cell_style("guide-bold", font=bold),
        cell_style("guide-title", font=Font(name=FONT_NAME, size=14, bold=True), alignment=centered),
    ]
    for style in styles:
        wb.add_named_style(style)


def _table_frame(ws: Worksheet, cols: tuple[Column, ...], title: str, subtitle: str) -> None:
    for col in cols:
        ws.column_dimensions[col.letter(cols)].width = col.width
    _title(ws, title, subtitle, len(cols))
    for i, col in enumerate(cols, start=1):
        _heading(ws.cell(HEADER_ROW, i), col.heading)
    ws.row_dimensions[HEADER_ROW].height = _height([(c.heading, c.width) for c in cols])
    ws.freeze_panes = ws.cell(FIRST_ROW, 1).coordinate
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"


def _validate(ws: Worksheet, dv: DataValidation, sqref: str) -> None:
    for ref in sqref.split():
        dv.add(ref)
    ws.add_data_validation(dv)


def _height(cells: list[tuple[str, float]], minimum: int = 1) -> float:
    """Row height (points) for wrapped text: the most lines any cell needs at its width."""
    lines = minimum
    for text, width in cells:
        per_line = max(int(width * 0.95) - 1, 1)   # Times 12 pt is about one width unit per character
        n = sum(max(1, math.ceil(len(par) / per_line)) for par in str(text).split("\n"))
        lines = max(lines, n)
    return min(MAX_ROW_HEIGHT, round(lines * LINE_HEIGHT + 4, 1))


def _page_setup(ws: Worksheet, *, landscape: bool = True) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = landscape   # Calc clips a centred portrait page
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "Trang &P/&N"


def _protect(ws: Worksheet) -> None:
    """Protect without a password: locked cells are read-only, input cells stay editable."""
    p = ws.protection
    p.sheet = True
    p.formatColumns = False    # False = allowed: the sender may widen columns and rows
    p.formatRows = False
    p.selectLockedCells = False
    p.selectUnlockedCells = False


# --- determinism -----------------------------------------------------------------------


def _deterministic(data: bytes, when: datetime) -> bytes:
    """Fix the document dates openpyxl takes from the clock, and re-pack with fixed zip dates."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist() if not i.is_dir()}
    core = "docProps/core.xml"
    if core in parts:
        root = etree.fromstring(parts[core])
        stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        for tag in ("created", "modified"):
            el = root.find(f"{{{NS['dcterms']}}}{tag}")
            if el is not None:
                el.text = stamp
        parts[core] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return deterministic_zip(parts)
