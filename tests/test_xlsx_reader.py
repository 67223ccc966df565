"""Reading filled forms back: what people type is accepted, every mistake named by sheet and cell.

Layout of the fixture's SYT 2024 form: Nhiệm vụ rows 4–7 (III.1.1, III.2.1, III.2.3, III.2.4;
status E, results F, documents G); Chỉ tiêu rows 4–6 (B01 %, B02 count, B03 qualitative;
last year F, value G, estimate H, note I); Thông tin chung: number B4, date B5, signer B6–B8.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from lxml import etree
from openpyxl.styles import Font
from test_forms_fixture import (
    fill_form,
    in_plan_order,
    make_plan,
    make_registry,
    plan_data,
    set_text,
    syt_submission_data,
    write_project,
)

from reportgen.cli.common import exit_code_for
from reportgen.errors import Problem, UnreadableFileError
from reportgen.forms import generate_forms
from reportgen.load import load_project
from reportgen.load.validation import validate
from reportgen.load.xlsx import read_submission_xlsx
from reportgen.model import Plan, Submission
from reportgen.vn import encode_legacy

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PLAN, REGISTRY = make_plan(), make_registry()
SUB = Submission.model_validate(syt_submission_data())
FORM = generate_forms(PLAN, REGISTRY, 2024, ["SYT"])["SYT-2024.xlsx"]
FILLED = fill_form(FORM, SUB, PLAN)
Edit = Callable[[openpyxl.Workbook], None]


def make_file(tmp_path: Path, edit: Edit | None = None, *, name: str = "SYT-2024.xlsx", folder: str = "2024",
              data: bytes = FILLED) -> Path:
    """The filled SYT form, changed by `edit` (as a sender would in Excel), saved under tmp_path/folder/name."""
    if edit is not None:
        wb = openpyxl.load_workbook(io.BytesIO(data))
        edit(wb)
        buf = io.BytesIO()
        wb.save(buf)
        data = buf.getvalue()
    path = tmp_path / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def read(path: Path, plan: Plan = PLAN) -> tuple[object, list[Problem]]:
    return read_submission_xlsx(path, path.name, plan, REGISTRY)


def errors(path: Path, plan: Plan = PLAN) -> list[str]:
    return [str(p) for p in read(path, plan)[1] if p.severity == "error"]


def put(sheet: str, ref: str, value, **attrs) -> Edit:
    def edit(wb: openpyxl.Workbook) -> None:
        cell = wb[sheet][ref]
        set_text(cell, value)
        for k, v in attrs.items():
            setattr(cell, k, v)
    return edit


def model(path: Path) -> Submission:
    doc, problems = read(path)
    assert [p for p in problems if p.severity == "error"] == []
    sub, problems = validate(Submission, doc)
    assert problems == []
    return sub


def patch_cell(data: bytes, sheet_part: str, ref: str, xml: str) -> bytes:
    """Replace one `<c>` of a sheet part with raw XML (for formulas with or without a cached value)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    root = etree.fromstring(parts[sheet_part])
    old = next(c for c in root.iter(f"{{{MAIN}}}c") if c.get("r") == ref)
    new = etree.fromstring(f'<c xmlns="{MAIN}" r="{ref}" {xml}')
    old.getparent().replace(old, new)
    parts[sheet_part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in parts.items():
            zf.writestr(name, content)
    return buf.getvalue()


FIGURES_PART = "xl/worksheets/sheet4.xml"   # Chỉ tiêu is the fourth sheet openpyxl writes


# --- round trip ---------------------------------------------------------------------------


def test_filled_form_reads_back_equal_to_the_yaml_submission(tmp_path):
    doc, problems = read(make_file(tmp_path))
    assert [str(p) for p in problems] == [
        "Cảnh báo: SYT-2024.xlsx, Nhiệm vụ!E7: 1 nhiệm vụ chưa được báo cáo (chưa chọn tình trạng): III.2.4"]
    sub, _ = validate(Submission, doc)
    assert in_plan_order(sub, PLAN) == in_plan_order(SUB, PLAN)
    assert "sample" not in doc.data
    # text that starts like a formula stays text
    assert sub.tasks[1].results[1:] == ["-5% chi phí khám bệnh (giảm so với năm trước)", "=Đạt yêu cầu"]
    assert sub.difficulties[1] == "@Kinh phí hạn chế" and sub.proposals == ["+ Bổ sung biên chế cho tuyến xã."]


def test_places_map_data_paths_to_cells(tmp_path):
    doc, _ = read(make_file(tmp_path))
    assert doc.place_of(("figures", 0, "value")) == "Chỉ tiêu!G4"
    assert doc.place_of(("figures", 1, "previous")) == "Chỉ tiêu!F5"
    assert doc.place_of(("figures", 2, "achieved")) == "Chỉ tiêu!G6"
    assert doc.place_of(("tasks", 1, "status")) == "Nhiệm vụ!E5"
    assert doc.place_of(("tasks", 1, "documents", 1, "date")) == "Nhiệm vụ!G5 (dòng 2)"
    assert doc.place_of(("report", "signer", "name")) == "Thông tin chung!B8"
    assert doc.place_of(("difficulties", 1)) == "Thông tin chung!B27"
    assert doc.problem("x", ("report", "date")).place == "Thông tin chung!B5"


# --- numbers as people type them --------------------------------------------------------


@pytest.mark.parametrize(("ref", "value", "expected"), [
    ("G4", "95,2", Decimal("95.2")),
    ("G4", "95.2", Decimal("95.2")),
    ("G4", "95,2%", Decimal("95.2")),
    ("G4", " 95,2 ", Decimal("95.2")),
    ("G4", 95.2, Decimal("95.2")),
    ("G5", "13.787", Decimal("13787")),
    ("G5", "13 787", Decimal("13787")),
    ("G5", "13787", Decimal("13787")),        # a number stored as text
    ("G5", "1.234.567,5", Decimal("1234567.5")),
])
def test_numbers_typed_either_way_are_accepted(tmp_path, ref, value, expected):
    sub = model(make_file(tmp_path, put("Chỉ tiêu", ref, value)))
    fig = next(f for f in sub.figures if f.indicator == {"G4": "B01", "G5": "B02"}[ref])
    assert fig.value == expected


def test_zero_is_a_figure(tmp_path):
    """Just inside the limit: 0 is accepted (the lower bound of every figure)."""
    sub = model(make_file(tmp_path, put("Chỉ tiêu", "G5", 0)))
    assert next(f for f in sub.figures if f.indicator == "B02").value == Decimal(0)


@pytest.mark.parametrize(("typed", "estimate"), [("Ước thực hiện", True), ("Chính thức", False), (None, False)])
def test_the_estimate_column(tmp_path, typed, estimate):
    """A figure is an estimate only when the sender says so: a blank Ước/Chính thức cell is final."""
    sub = model(make_file(tmp_path, put("Chỉ tiêu", "H4", typed)))
    assert next(f for f in sub.figures if f.indicator == "B01").estimate is estimate


def test_a_percent_formatted_cell_on_an_indicator_that_is_no_percentage_is_an_error(tmp_path):
    """Excel stores 0,52 shown as 52%: on «giường bệnh/10.000 dân» that is an error, never 52 taken silently."""
    assert errors(make_file(tmp_path, put("Chỉ tiêu", "G5", 0.52, number_format="0%"))) == [
        "Lỗi: SYT-2024.xlsx, Chỉ tiêu!G5: chỉ tiêu B02 tính bằng «giường bệnh/10.000 dân», không phải tỷ lệ %: bỏ dấu %"]


def test_percent_formatted_cell_is_read_as_percent(tmp_path):
    sub = model(make_file(tmp_path, put("Chỉ tiêu", "G4", 0.952, number_format="0.0%")))
    assert sub.figures[0].value == Decimal("95.2")


def test_formula_uses_its_cached_value(tmp_path):
    data = patch_cell(FILLED, FIGURES_PART, "G4", '><f>90+5.2</f><v>95.2</v></c>')
    assert model(make_file(tmp_path, data=data)).figures[0].value == Decimal("95.2")


@pytest.mark.parametrize(("ref", "value", "message"), [
    ("G4", "khoảng 95", "«khoảng 95» không phải là một số: chỉ ghi con số (ví dụ 95,2 hoặc 13.787); "
                        "nếu chưa có số liệu, để trống và ghi lý do vào cột Ghi chú"),
    ("G4", "n/a", "«n/a» không phải là một số: chỉ ghi con số (ví dụ 95,2 hoặc 13.787); "
                  "nếu chưa có số liệu, để trống và ghi lý do vào cột Ghi chú"),
    ("G4", "101", "tỷ lệ 101% của chỉ tiêu B01 nằm ngoài khoảng 0–100%"),
    ("G4", 100.5, "tỷ lệ 100,5% của chỉ tiêu B01 nằm ngoài khoảng 0–100%"),
    ("G5", "-5", "giá trị âm (-5) không hợp lệ cho chỉ tiêu B02"),
    ("G5", "-1", "giá trị âm (-1) không hợp lệ cho chỉ tiêu B02"),
    ("G5", "-0,5", "giá trị âm (-0,5) không hợp lệ cho chỉ tiêu B02"),   # just below zero
    ("G5", "31,2%", "chỉ tiêu B02 tính bằng «giường bệnh/10.000 dân», không phải tỷ lệ %: bỏ dấu %"),
    ("G5", "1,234", "số “1,234” không rõ là số thập phân hay có dấu phân cách hàng nghìn: hãy bỏ dấu phân "
                    "cách hàng nghìn (viết 1234) hoặc ghi rõ phần thập phân (viết 1,2340)"),
    ("G5", datetime(2024, 12, 10), "ô đang chứa ngày tháng (10/12/2024), không phải số; hãy định dạng ô là số "
                                   "(Number/General) rồi ghi lại con số"),
    ("G5", True, "«True» không phải là một số"),
    ("F5", "ba mươi", "«ba mươi» không phải là một số: chỉ ghi con số (ví dụ 95,2 hoặc 13.787); "
                      "nếu chưa có số liệu, để trống và ghi lý do vào cột Ghi chú"),
    ("G6", "có", "chỉ tiêu định tính: «có» không hợp lệ; chọn «Đạt» hoặc «Chưa đạt»"),
    ("H4", "tạm tính", "«tạm tính» không hợp lệ; chọn «Ước thực hiện» hoặc «Chính thức»"),
])
def test_bad_figures_are_rejected_at_their_cell(tmp_path, ref, value, message):
    assert errors(make_file(tmp_path, put("Chỉ tiêu", ref, value))) == [
        f"Lỗi: SYT-2024.xlsx, Chỉ tiêu!{ref}: {message}"]


def test_formula_without_cached_value_is_an_error(tmp_path):
    data = patch_cell(FILLED, FIGURES_PART, "G4", '><f>90+5.2</f></c>')
    assert errors(make_file(tmp_path, data=data)) == [
        "Lỗi: SYT-2024.xlsx, Chỉ tiêu!G4: ô có công thức nhưng chưa có giá trị tính sẵn; hãy mở tệp bằng Excel "
        "hoặc LibreOffice rồi lưu lại, hoặc ghi thẳng giá trị"]


def test_formula_error_value_is_an_error(tmp_path):
    data = patch_cell(FILLED, FIGURES_PART, "G5", 't="e"><f>1/0</f><v>#DIV/0!</v></c>')
    assert errors(make_file(tmp_path, data=data)) == [
        "Lỗi: SYT-2024.xlsx, Chỉ tiêu!G5: ô có lỗi công thức «#DIV/0!»; hãy sửa công thức hoặc ghi thẳng giá trị"]


def test_every_error_is_reported_in_one_run_with_model_errors(tmp_path):
    def edit(wb):
        put("Chỉ tiêu", "G4", "n/a")(wb)
        put("Thông tin chung", "B8", None)(wb)   # signer's name missing
        put("Nhiệm vụ", "E4", "xong")(wb)
    assert errors(make_file(tmp_path, edit)) == [
        "Lỗi: SYT-2024.xlsx, Thông tin chung!B8: chưa ghi «Họ và tên người ký»",
        "Lỗi: SYT-2024.xlsx, Nhiệm vụ!E4: tình trạng «xong» không hợp lệ; chọn một trong: hoàn thành, "
        "đang thực hiện, chưa thực hiện",
        "Lỗi: SYT-2024.xlsx, Chỉ tiêu!G4: «n/a» không phải là một số: chỉ ghi con số (ví dụ 95,2 hoặc 13.787); "
        "nếu chưa có số liệu, để trống và ghi lý do vào cột Ghi chú"]


# --- tasks and general information --------------------------------------------------------


@pytest.mark.parametrize(("sheet", "ref", "value", "message"), [
    ("Nhiệm vụ", "E4", None, "E4: chưa chọn tình trạng thực hiện của nhiệm vụ III.1.1 (đã ghi kết quả, số liệu hoặc văn bản)"),
    ("Nhiệm vụ", "G4", "125/KH-SYT 15/3/2024 Kế hoạch",
     "G4 (dòng 1): văn bản «125/KH-SYT 15/3/2024 Kế hoạch» phải ghi theo dạng «số, ký hiệu; ngày; trích yếu», "
     "ví dụ: 125/KH-SYT; 15/3/2024; Kế hoạch thực hiện năm 2024"),
    ("Thông tin chung", "B4", "một trăm", "B4: số báo cáo «một trăm» không hợp lệ: chỉ ghi số, ví dụ 125"),
    ("Thông tin chung", "B5", "hôm qua", "B5: không đọc được ngày tháng “hôm qua”: hãy viết dạng 08/3/2024, "
                                         "2024-03-08 hoặc “ngày 08 tháng 3 năm 2024”"),
    ("Thông tin chung", "B5", None, "B5: chưa ghi «Ngày báo cáo»"),
    ("Thông tin chung", "B7", None, "B7: chưa ghi «Chức vụ người ký»"),
])
def test_bad_task_and_report_cells(tmp_path, sheet, ref, value, message):
    assert errors(make_file(tmp_path, put(sheet, ref, value))) == [f"Lỗi: SYT-2024.xlsx, {sheet}!{message}"]


def test_document_date_error_names_the_line_in_the_cell(tmp_path):
    text = "125/KH-SYT; 15/3/2024; Kế hoạch\n12/QĐ-SYT; 31/02/2024; Quyết định"
    assert errors(make_file(tmp_path, put("Nhiệm vụ", "G4", text))) == [
        "Lỗi: SYT-2024.xlsx, Nhiệm vụ!G4 (dòng 2): ngày ban hành văn bản 12/QĐ-SYT: ngày “31/02/2024” "
        "không có thật (ngày 31, tháng 2, năm 2024)"]


def test_report_number_and_dates_as_people_write_them(tmp_path):
    def edit(wb):
        put("Thông tin chung", "B4", "125/BC-SYT")(wb)
        put("Thông tin chung", "B5", "05/12/2024")(wb)       # a date stored as text
        put("Thông tin chung", "B10", 45635)(wb)              # a date serial that lost its format
    sub = model(make_file(tmp_path, edit))
    assert (sub.report.number, sub.report.date, sub.report.received) == (125, date(2024, 12, 5), date(2024, 12, 9))


def test_results_one_per_line_bullets_dropped(tmp_path):
    sub = model(make_file(tmp_path, put("Nhiệm vụ", "F4", "- Kết quả một\n\n+ Kết quả hai\r\nKết quả ba")))
    assert sub.tasks[0].results == ["Kết quả một", "Kết quả hai", "Kết quả ba"]


def test_empty_rows_are_warned_not_invented(tmp_path):
    def edit(wb):
        for ref in ("G6", "H4", "H5", "H6", "I4"):
            put("Chỉ tiêu", ref, None)(wb)
    doc, problems = read(make_file(tmp_path, edit))
    assert [f["indicator"] for f in doc.data["figures"]] == ["B01", "B02"]
    assert "Cảnh báo: SYT-2024.xlsx, Chỉ tiêu!G6: 1 chỉ tiêu chưa có số liệu hoặc ghi chú: B03" in map(str, problems)


# --- legacy encodings ------------------------------------------------------------------------


def test_tcvn3_text_in_a_vntime_cell_is_converted_with_a_warning(tmp_path):
    text = encode_legacy("Thiếu nhân lực y tế cơ sở", "tcvn3")
    doc, problems = read(make_file(tmp_path, put("Thông tin chung", "B26", text, font=Font(name=".VnTime"))))
    assert doc.data["difficulties"][0] == "Thiếu nhân lực y tế cơ sở"
    assert [str(p) for p in problems if "bảng mã" in p.message] == [
        "Cảnh báo: SYT-2024.xlsx, Thông tin chung!B26: văn bản gõ bằng bảng mã cũ TCVN3 (ABC) đã được chuyển "
        "sang Unicode: «Thiếu nhân lực y tế cơ sở»"]


def test_tcvn3_capitals_font_gives_capitals(tmp_path):
    text = encode_legacy("phó giám đốc", "tcvn3")
    doc, _ = read(make_file(tmp_path, put("Thông tin chung", "B7", text, font=Font(name=".VnTimeH"))))
    assert doc.data["report"]["signer"]["title"] == "PHÓ GIÁM ĐỐC"


def test_vni_text_is_converted_with_a_warning(tmp_path):
    text = encode_legacy("Kinh phí còn hạn chế", "vni")
    doc, problems = read(make_file(tmp_path, put("Nhiệm vụ", "F4", text, font=Font(name="VNI-Times"))))
    assert doc.data["tasks"][0]["results"] == ["Kinh phí còn hạn chế"]
    assert any(p.place == "Nhiệm vụ!F4" and "VNI-Windows" in p.message and p.severity == "warning"
               for p in problems)


# --- the wrong form ---------------------------------------------------------------------------


def test_form_of_another_year_is_rejected(tmp_path):
    assert errors(make_file(tmp_path, folder="2025")) == [
        "Lỗi: SYT-2024.xlsx: đây là biểu mẫu năm 2024 của Sở Y tế, không dùng cho báo cáo năm 2025 "
        "(tệp nằm trong thư mục 2025/)"]


def test_form_of_another_body_is_rejected(tmp_path):
    assert errors(make_file(tmp_path, name="SNV-2024.xlsx")) == [
        "Lỗi: SNV-2024.xlsx: tệp mang tên của Sở Nội vụ năm 2024 nhưng là biểu mẫu của Sở Y tế (SYT) năm 2024; "
        "hãy kiểm tra lại tệp được gửi"]


def test_form_of_another_plan_is_rejected(tmp_path):
    other = Plan.model_validate({**plan_data(), "code": "KH-KHAC-2024"})
    assert errors(make_file(tmp_path), other) == [
        "Lỗi: SYT-2024.xlsx: biểu mẫu của kế hoạch «KH-TEST-2024», không phải kế hoạch đang dùng «KH-KHAC-2024»"]


def test_form_of_a_body_with_nothing_assigned_is_rejected(tmp_path):
    data = plan_data()
    data["tasks"] = [t for t in data["tasks"] if not {"SYT", "@so-nganh"} & set(t["lead"])]
    data["indicators"] = [i for i in data["indicators"] if i["supplier"] != "SYT"]
    assert errors(make_file(tmp_path), Plan.model_validate(data)) == [
        "Lỗi: SYT-2024.xlsx: năm 2024, Sở Y tế không được giao nhiệm vụ hay chỉ tiêu nào theo kế hoạch; "
        "biểu mẫu này không dùng được"]


def test_row_no_longer_in_the_plan_is_an_error(tmp_path):
    data = plan_data()
    data["indicators"] = [i for i in data["indicators"] if i["code"] != "B02"]
    assert errors(make_file(tmp_path), Plan.model_validate(data)) == [
        "Lỗi: SYT-2024.xlsx, Chỉ tiêu!B5: mã chỉ tiêu «B02» không còn trong kế hoạch (kế hoạch đã thay đổi sau "
        "khi tạo biểu mẫu?)"]


def test_plan_changed_since_the_form_gives_a_warning(tmp_path):
    data = plan_data()
    data["indicators"].append({"code": "B04", "group": "b", "name": "Tỷ lệ mới", "unit": "%", "comparator": "≥",
                               "target": 50, "supplier": "SYT"})
    doc, problems = read(make_file(tmp_path), Plan.model_validate(data))
    assert "Cảnh báo: SYT-2024.xlsx: kế hoạch hiện giao thêm chỉ tiêu B04 mà biểu mẫu không có (biểu mẫu tạo " \
           "trước khi kế hoạch thay đổi?); hãy tạo lại biểu mẫu và gửi bổ sung" in map(str, problems)


def test_workbook_that_is_not_a_form_is_rejected(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Báo cáo"
    buf = io.BytesIO()
    wb.save(buf)
    assert errors(make_file(tmp_path, data=buf.getvalue())) == [
        "Lỗi: SYT-2024.xlsx: không phải biểu mẫu do reportgen tạo (không có trang ẩn «_meta»); hãy điền vào "
        "biểu mẫu đã được gửi (tạo bằng lệnh «reportgen forms»)"]


def test_edited_meta_is_rejected(tmp_path):
    assert errors(make_file(tmp_path, put("_meta", "B4", "2025"))) == [
        "Lỗi: SYT-2024.xlsx: phần nhận dạng ẩn của biểu mẫu (trang «_meta») đã bị sửa; hãy điền lại vào biểu "
        "mẫu gốc"]


# --- rows and columns changed -----------------------------------------------------------------


def test_row_deleted_is_rejected(tmp_path):
    assert errors(make_file(tmp_path, lambda wb: wb["Nhiệm vụ"].delete_rows(5))) == [
        "Lỗi: SYT-2024.xlsx, Nhiệm vụ!B5: dòng của nhiệm vụ III.2.1 đã bị xóa khỏi biểu mẫu; không được xóa dòng"]


def test_row_added_is_rejected(tmp_path):
    def edit(wb):
        ws = wb["Chỉ tiêu"]
        ws.insert_rows(6)
        ws["B6"], ws["C6"], ws["G6"] = "B09", "Chỉ tiêu tự thêm", 12
    assert errors(make_file(tmp_path, edit)) == [
        "Lỗi: SYT-2024.xlsx, Chỉ tiêu!B6: dòng thêm vào có mã «B09» không có trong biểu mẫu gốc; không được thêm dòng"]


def test_row_added_below_the_table_is_rejected(tmp_path):
    assert errors(make_file(tmp_path, put("Nhiệm vụ", "F9", "Thêm một kết quả"))) == [
        "Lỗi: SYT-2024.xlsx, Nhiệm vụ!A9: có dữ liệu ở dòng không thuộc biểu mẫu (dòng thêm vào?); "
        "không được thêm dòng"]


def test_blank_row_inserted_is_rejected(tmp_path):
    assert errors(make_file(tmp_path, lambda wb: wb["Nhiệm vụ"].insert_rows(5))) == [
        "Lỗi: SYT-2024.xlsx, Nhiệm vụ!B5: các dòng đã bị chèn, xóa hoặc đổi chỗ: ô này phải là mã «III.2.1»"]


def test_rows_swapped_are_rejected(tmp_path):
    def edit(wb):
        ws = wb["Chỉ tiêu"]
        for col in "ABCDEFGHI":
            ws[f"{col}4"].value, ws[f"{col}5"].value = ws[f"{col}5"].value, ws[f"{col}4"].value
    assert errors(make_file(tmp_path, edit)) == [
        "Lỗi: SYT-2024.xlsx, Chỉ tiêu!B4: các dòng đã bị chèn, xóa hoặc đổi chỗ: ô này phải là mã «B01»"]


def test_locked_text_edited_is_rejected_at_its_cell(tmp_path):
    assert errors(make_file(tmp_path, put("Chỉ tiêu", "E4", "trên 90%"))) == [
        "Lỗi: SYT-2024.xlsx, Chỉ tiêu!E4: ô bị khóa đã bị sửa; nội dung phải giữ như biểu mẫu gốc: «trên 95%»"]


def test_column_inserted_is_rejected(tmp_path):
    assert errors(make_file(tmp_path, lambda wb: wb["Nhiệm vụ"].insert_cols(5))) == [
        "Lỗi: SYT-2024.xlsx, Nhiệm vụ!E3: tiêu đề cột phải là «Tình trạng thực hiện (chọn trong danh sách)»: "
        "cột đã bị thêm, xóa hoặc sửa; hãy dùng lại biểu mẫu gốc"]


def test_sheet_removed_is_rejected(tmp_path):
    def edit(wb):
        del wb["Chỉ tiêu"]
    assert errors(make_file(tmp_path, edit)) == [
        "Lỗi: SYT-2024.xlsx: thiếu trang «Chỉ tiêu» (đã bị xóa hoặc đổi tên); hãy dùng lại biểu mẫu gốc"]


def test_info_row_inserted_is_rejected(tmp_path):
    problems = errors(make_file(tmp_path, lambda wb: wb["Thông tin chung"].insert_rows(6)))
    assert problems[0] == ("Lỗi: SYT-2024.xlsx, Thông tin chung!A6: nhãn «Thẩm quyền ký» không còn ở ô này: "
                           "dòng đã bị thêm, xóa hoặc sửa; hãy dùng lại biểu mẫu gốc")


# --- unreadable and hostile files -------------------------------------------------------------


def zip_bytes(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in parts.items():
            zf.writestr(name, content)
    return buf.getvalue()


@pytest.mark.parametrize(("data", "message"), [
    (b"not a zip at all", "SYT-2024.xlsx: không phải tệp Excel .xlsx hợp lệ (tệp hỏng, có mật khẩu hoặc là tệp "
                          ".xls cũ); hãy mở bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx."),
    (zip_bytes({"word/document.xml": b"<w/>"}),
     "SYT-2024.xlsx: không đọc được tệp Excel (KeyError); hãy mở bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx."),
    (zip_bytes({"[Content_Types].xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'}),
     "SYT-2024.xlsx: tệp chứa khai báo DOCTYPE/ENTITY, không được chấp nhận (có thể là tệp độc hại)."),
    (zip_bytes({"xl/huge.bin": bytes(65 * 1024 * 1024)}),
     "SYT-2024.xlsx: phần xl/huge.bin giải nén quá lớn, nghi là tệp độc hại."),
])
def test_unreadable_file_raises_exit_2(tmp_path, data, message):
    path = make_file(tmp_path, data=data)
    with pytest.raises(UnreadableFileError) as err:
        read(path)
    assert exit_code_for(err.value) == 2      # the CLI maps an unreadable file to exit 2
    assert str(err.value.problems[0]) == f"Lỗi: {message}"


def test_no_plan_means_no_reading(tmp_path):
    doc, problems = read_submission_xlsx(make_file(tmp_path), "SYT-2024.xlsx", None, None)
    assert [str(p) for p in problems] == [
        "Lỗi: SYT-2024.xlsx: không đọc được biểu mẫu vì kế hoạch hoặc danh mục cơ quan đang có lỗi"]


# --- through the project loader: checks after the model name cells too ------------------------


def test_project_checks_name_the_cell(tmp_path):
    root = write_project(tmp_path / "proj")
    make_file(root / "inputs" / "submissions", put("Thông tin chung", "B5", date(2023, 12, 5)))
    project = load_project(root)
    assert [str(p) for p in project.errors] == [
        "Lỗi: inputs/submissions/2024/SYT-2024.xlsx, Thông tin chung!B5: ngày báo cáo 05/12/2023 không thuộc "
        "năm báo cáo 2024"]


def test_xlsx_and_yaml_of_the_same_body_are_duplicates(tmp_path):
    root = write_project(tmp_path / "proj", {"2024/SYT.yaml": {**syt_submission_data(), "sample": True}})
    make_file(root / "inputs" / "submissions")
    project = load_project(root)
    assert [str(p) for p in project.errors] == [
        "Lỗi: inputs/submissions/2024/SYT.yaml, dòng 1, agency: SYT đã có báo cáo năm 2024 trong tệp "
        "inputs/submissions/2024/SYT-2024.xlsx; mỗi cơ quan chỉ một báo cáo mỗi năm"]
    xlsx, yaml_sub = project.submissions[2024][0].submission, SUB
    assert in_plan_order(xlsx, PLAN) == in_plan_order(yaml_sub, PLAN)
