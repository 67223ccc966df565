"""The generated forms, read back: rows per body and year, locks, drop-downs, ranges, print setup."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from lxml import etree
from test_forms_fixture import make_plan, make_registry, syt_submission_data

from reportgen.forms import build_form, form_content, generate_forms
from reportgen.model import Submission
from reportgen.model import form_schema as L
from reportgen.model.form_schema import parse_meta
from reportgen.model.submission import TASK_STATUSES

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@pytest.fixture(scope="module")
def forms_2024() -> dict[str, bytes]:
    return generate_forms(make_plan(), make_registry(), 2024)


@pytest.fixture(scope="module")
def syt(forms_2024) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(forms_2024["SYT-2024.xlsx"]))


def column_values(ws, col: str) -> list:
    return [ws[f"{col}{r}"].value for r in range(L.FIRST_ROW, ws.max_row + 1)]


def sheet_xml(data: bytes, sheet: str) -> etree._Element:
    """The raw XML of a sheet, found by name through workbook.xml and its relationships."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        book = etree.fromstring(zf.read("xl/workbook.xml"))
        rels = etree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
        rid = next(s.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
                   for s in book.iter(f"{MAIN}sheet") if s.get("name") == sheet)
        target = next(r.get("Target") for r in rels if r.get("Id") == rid)
        return etree.fromstring(zf.read("xl/" + target.lstrip("/").removeprefix("xl/")))


def test_one_form_per_expected_reporter_named_by_code_and_year(forms_2024):
    # MTTQ is only "requested" (đề nghị) and UBND_TINH issues the plan: neither gets a form.
    assert sorted(forms_2024) == ["SLDTBXH-2024.xlsx", "SNV-2024.xlsx", "SYT-2024.xlsx",
                                  "UBND_HUYEN_NGA_SON-2024.xlsx"]


def test_sheets_in_order_and_meta_very_hidden(syt):
    assert syt.sheetnames == ["Hướng dẫn", "Thông tin chung", "Nhiệm vụ", "Chỉ tiêu", "_meta"]
    assert syt["_meta"].sheet_state == "veryHidden"
    assert all(syt[n].sheet_state == "visible" for n in syt.sheetnames[:4])
    assert syt.active.title == "Hướng dẫn"
    assert syt.security.lockStructure


def test_task_rows_are_exactly_the_body_tasks_with_role(syt):
    ws = syt["Nhiệm vụ"]
    assert [ws.cell(L.HEADER_ROW, i).value for i in range(1, 8)] == [c.heading for c in L.task_columns()]
    assert column_values(ws, "B") == ["III.1.1", "III.2.1", "III.2.3", "III.2.4"]
    assert column_values(ws, "D") == ["Chủ trì"] * 4
    assert column_values(ws, "A") == [1, 2, 3, 4]
    assert ws["C5"].value == ("Sở Y tế: Chủ trì, phối hợp với các sở, ngành\n- Rà soát chính sách y tế.\n"
                              "- Nâng cao chất lượng khám chữa bệnh.")
    assert ws["C4"].value == "Giám đốc các sở, Chủ tịch UBND các huyện tổ chức tuyên truyền, quán triệt về chính sách xã hội."


def test_supported_task_has_role_phoi_hop():
    wb = openpyxl.load_workbook(io.BytesIO(generate_forms(make_plan(), make_registry(), 2024, ["SLDTBXH"])[
        "SLDTBXH-2024.xlsx"]))
    ws = wb["Nhiệm vụ"]
    assert list(zip(column_values(ws, "B"), column_values(ws, "D"), strict=True)) == [
        ("III.1.1", "Chủ trì"), ("III.2.1", "Phối hợp"), ("III.2.2", "Chủ trì"), ("IV.1", "Chủ trì")]


def test_2025_routes_the_split_body_work_to_successors():
    plan, registry = make_plan(), make_registry()
    forms = generate_forms(plan, registry, 2025)
    assert sorted(forms) == ["SNV-2025.xlsx", "SYT-2025.xlsx"]   # SLDTBXH ended, the district too
    ws = openpyxl.load_workbook(io.BytesIO(forms["SNV-2025.xlsx"]))["Nhiệm vụ"]
    assert column_values(ws, "B") == ["III.1.1", "III.2.1", "III.2.2", "IV.1"]
    assert column_values(ws, "D") == ["Chủ trì", "Phối hợp", "Chủ trì", "Chủ trì"]
    guide = openpyxl.load_workbook(io.BytesIO(forms["SNV-2025.xlsx"]))["Hướng dẫn"]
    text = "\n".join(str(c.value) for c in guide["A"] if c.value)
    assert "Thời hạn gửi: trước ngày 10/12/2025." in text
    assert "Nơi nhận: Sở Nội vụ." in text        # the focal body's successor for its lao-dong domain


def test_guide_names_body_deadline_and_recipient(syt):
    text = [c.value for c in syt["Hướng dẫn"]["A"] if c.value]
    assert text[0] == "BIỂU MẪU BÁO CÁO KẾT QUẢ THỰC HIỆN NĂM 2024"
    assert text[1] == "Kế hoạch số 68/KH-UBND ngày 08/3/2024 của Ủy ban nhân dân tỉnh Thanh Hóa"
    assert "Cơ quan, đơn vị báo cáo: Sở Y tế (mã SYT)" in text
    assert "Thời hạn gửi: trước ngày 10/12/2024." in text
    assert "Nơi nhận: Sở Lao động - Thương binh và Xã hội." in text
    assert any("SYT-2024.xlsx" in t for t in text)


def test_info_sheet_labels_inputs_and_list_blocks(syt):
    ws = syt["Thông tin chung"]
    rows = L.info_rows()
    assert ws[f"A{rows['number']}"].value == "Số báo cáo"
    assert ws[f"A{rows['date']}"].value == "Ngày báo cáo"
    head, first = L.list_rows()["difficulties"]
    assert ws[f"A{head}"].value == "Khó khăn, vướng mắc (mỗi ý một dòng)"
    assert [ws[f"A{first + k}"].value for k in range(L.LIST_ROWS)] == list(range(1, L.LIST_ROWS + 1))
    for r in [*rows.values(), *range(first, first + L.LIST_ROWS)]:
        assert ws[f"B{r}"].protection.locked is False
        assert ws[f"A{r}"].protection.locked is True


def test_every_sheet_is_protected_and_only_input_cells_unlocked(syt):
    for name in syt.sheetnames:
        assert syt[name].protection.sheet, name
        assert syt[name].protection.password is None
    ws = syt["Nhiệm vụ"]
    for r in range(L.FIRST_ROW, L.FIRST_ROW + 4):
        assert [ws[f"{c}{r}"].protection.locked for c in "ABCDEFG"] == [True] * 4 + [False] * 3
    fig = syt["Chỉ tiêu"]
    # previous-year cell open (no 2023 figure known); qualitative B03 has no previous cell
    assert [fig[f"{c}4"].protection.locked for c in "ABCDEFGHI"] == [True] * 5 + [False] * 4
    assert [fig[f"{c}6"].protection.locked for c in "ABCDEFGHI"] == [True] * 6 + [False] * 3
    for c in "ABCDEFGHI":
        assert fig[f"{c}{L.HEADER_ROW}"].protection.locked is True


def validations(ws) -> dict[str, tuple]:
    """sqref → (type, operator, formula1, formula2) of every data validation of a sheet."""
    return {str(dv.sqref): (dv.type, dv.operator, dv.formula1, dv.formula2) for dv in ws.data_validations.dataValidation}


def test_status_drop_down_lists_the_three_statuses(syt):
    dv = validations(syt["Nhiệm vụ"])
    assert dv == {"E4:E7": ("list", None, '"hoàn thành,đang thực hiện,chưa thực hiện"', None)}
    assert TASK_STATUSES == ("hoàn thành", "đang thực hiện", "chưa thực hiện")


def test_figure_validations_percent_range_counts_qualitative_and_estimate(syt):
    dv = validations(syt["Chỉ tiêu"])
    assert dv == {
        "F4 G4": ("decimal", "between", "0", "100"),            # B01 %: last year and this year
        "F5 G5": ("decimal", "greaterThanOrEqual", "0", None),  # B02 count
        "G6": ("list", None, '"Đạt,Chưa đạt"', None),          # B03 qualitative
        "H4 H5 H6": ("list", None, '"Ước thực hiện,Chính thức"', None),
    }
    for v in syt["Chỉ tiêu"].data_validations.dataValidation:
        assert v.showErrorMessage and v.allow_blank


def test_info_number_validated_dates_typed_as_text(syt):
    rows = L.info_rows()
    ws = syt["Thông tin chung"]
    assert validations(ws) == {
        f"B{rows['number']}": ("whole", "greaterThanOrEqual", "1", None),
        # the signer cells list how this body signs (Decree 30/2020, Phụ lục I, II.7)
        f"B{rows['authority']}": ("list", None, '"KT. GIÁM ĐỐC,TL. GIÁM ĐỐC,TUQ. GIÁM ĐỐC"', None),
        f"B{rows['title']}": ("list", None, '"GIÁM ĐỐC,PHÓ GIÁM ĐỐC,Q. GIÁM ĐỐC"', None),
    }
    strict = {str(v.sqref): v.errorStyle for v in ws.data_validations.dataValidation}
    assert strict[f"B{rows['authority']}"] in (None, "stop") and strict[f"B{rows['title']}"] == "warning"
    hints = {ws[f"A{r}"].value: ws[f"C{r}"].value for r in (rows["authority"], rows["title"])}
    assert "cấp phó ký thay: KT. GIÁM ĐỐC" in hints["Thẩm quyền ký"]
    # text cells: "05/12/2024" stays what was typed and is read day first, whatever Excel's locale
    assert ws[f"B{rows['date']}"].number_format == "@" and ws[f"B{rows['received']}"].number_format == "@"


def test_figure_rows_name_unit_target(syt):
    ws = syt["Chỉ tiêu"]
    assert [ws.cell(L.HEADER_ROW, i).value for i in range(1, 10)] == [
        "STT", "Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị tính", "Mục tiêu đến năm 2030", "Thực hiện năm 2023",
        "Thực hiện năm 2024", "Ước thực hiện / Chính thức", "Ghi chú"]
    assert [[ws.cell(r, c).value for c in range(2, 6)] for r in (4, 5, 6)] == [
        ["B01", "Tỷ lệ dân số tham gia bảo hiểm y tế", "%", "trên 95%"],
        ["B02", "Số giường bệnh trên 10.000 dân", "giường bệnh/10.000 dân", "≥ 32 giường bệnh/10.000 dân"],
        ["B03", "Phổ cập chăm sóc sức khỏe ban đầu", None, "hoàn thành"]]


def test_last_year_figures_prefilled_locked_when_final_open_when_estimate():
    plan, registry = make_plan(), make_registry()
    last = Submission.model_validate({
        "agency": "SLDTBXH", "year": 2024,
        "report": {"date": "2024-12-05", "signer": {"title": "GIÁM ĐỐC", "name": "A"}},
        "figures": [{"indicator": "A01", "value": "2,4"}, {"indicator": "A02", "value": 41000, "estimate": True}]})
    own = Submission.model_validate({**syt_submission_data(), "figures": [{"indicator": "B01", "value": 93.4}]})
    content = form_content(plan, registry, "SNV", 2025, [last, own])
    assert [(i.code, i.previous, i.previous_final) for i in content.indicators] == [
        ("A01", Decimal("2.4"), True), ("A02", Decimal("41000"), False)]
    ws = openpyxl.load_workbook(io.BytesIO(build_form(content)))["Chỉ tiêu"]
    assert (ws["F4"].value, ws["F4"].protection.locked) == (2.4, True)     # predecessor's final figure
    assert (ws["F5"].value, ws["F5"].protection.locked) == (41000, False)  # an estimate: may be corrected
    syt_content = form_content(plan, registry, "SYT", 2025, [last, own])
    assert syt_content.indicators[0].previous == Decimal("93.4")


def test_print_setup_freeze_and_widths(syt):
    for name in ("Thông tin chung", "Nhiệm vụ", "Chỉ tiêu"):
        ws = syt[name]
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == 9                       # A4
        assert (int(ws.page_setup.fitToWidth), int(ws.page_setup.fitToHeight)) == (1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.freeze_panes == "A4"
        assert ws.print_title_rows == "$3:$3"
    assert syt["Hướng dẫn"].page_setup.orientation == "portrait"
    ws = syt["Nhiệm vụ"]
    assert [ws.column_dimensions[c].width for c in "ABCDEFG"] == [c.width for c in L.task_columns()]
    assert ws["C5"].alignment.wrap_text and ws["F5"].alignment.wrap_text
    assert ws.row_dimensions[5].height >= 3 * 16   # three lines of plan text fit


def test_default_font_is_times_new_roman_so_widths_match_on_every_desktop(forms_2024):
    with zipfile.ZipFile(io.BytesIO(forms_2024["SYT-2024.xlsx"])) as zf:
        styles = etree.fromstring(zf.read("xl/styles.xml"))
    first = styles.find(f"{MAIN}fonts/{MAIN}font")
    assert first.find(f"{MAIN}name").get("val") == "Times New Roman"
    assert first.find(f"{MAIN}sz").get("val") == "12"


def test_plan_text_starting_like_a_formula_is_stored_as_text_never_as_formula(forms_2024):
    data = forms_2024["SLDTBXH-2024.xlsx"]
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb["Nhiệm vụ"]["C6"].value.startswith("- Tạo việc làm")           # bullets without a heading
    syt = forms_2024["SYT-2024.xlsx"]
    for name, payload in (("Nhiệm vụ", data), ("Nhiệm vụ", syt), ("_meta", syt)):
        root = sheet_xml(payload, name)
        assert root.find(f".//{MAIN}f") is None, name
    root = sheet_xml(syt, "Nhiệm vụ")
    cells = {c.get("r"): c for c in root.iter(f"{MAIN}c")}
    for ref, start in (("C6", "=SUM(A1:A2)"), ("C7", "+84")):
        assert cells[ref].get("t") == "inlineStr"
        assert "".join(cells[ref].itertext()).startswith(start)
    wb = openpyxl.load_workbook(io.BytesIO(syt))
    assert wb["Nhiệm vụ"]["C6"].quotePrefix and wb["Nhiệm vụ"]["C7"].quotePrefix
    assert wb["Nhiệm vụ"]["C6"].data_type == "s"


def test_meta_identifies_plan_body_year_and_rows(syt):
    meta = parse_meta([[c.value for c in row] for row in syt["_meta"].iter_rows()])
    assert (meta.plan, meta.agency, meta.year) == ("KH-TEST-2024", "SYT", 2024)
    assert meta.task_codes == ["III.1.1", "III.2.1", "III.2.3", "III.2.4"]
    assert meta.indicator_codes == ["B01", "B02", "B03"]


def test_output_is_deterministic_and_dated_from_the_plan(forms_2024):
    again = generate_forms(make_plan(), make_registry(), 2024, ["SYT"])
    assert again["SYT-2024.xlsx"] == forms_2024["SYT-2024.xlsx"]
    with zipfile.ZipFile(io.BytesIO(forms_2024["SYT-2024.xlsx"])) as zf:
        core = zf.read("docProps/core.xml").decode()
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert zf.namelist()[0] == "[Content_Types].xml"
    assert re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]+)<", core) == ["2024-03-08T00:00:00Z"] * 2


def test_no_empty_inline_strings_that_excel_would_repair(forms_2024):
    for payload in forms_2024.values():
        for name in ("Hướng dẫn", "Thông tin chung", "Nhiệm vụ", "Chỉ tiêu", "_meta"):
            for c in sheet_xml(payload, name).iter(f"{MAIN}c"):
                if c.get("t") == "inlineStr":
                    assert c.find(f"{MAIN}is") is not None, (name, c.get("r"))


def test_unknown_or_unassigned_body_is_refused():
    from reportgen.errors import ReportgenError

    with pytest.raises(ReportgenError, match="không có trong danh mục"):
        form_content(make_plan(), make_registry(), "XYZ", 2024)
    with pytest.raises(ReportgenError) as err:
        form_content(make_plan(), make_registry(), "SLDTBXH", 2025)
    assert str(err.value.problems[0].message) == (
        "Sở Lao động - Thương binh và Xã hội (SLDTBXH) không được giao nhiệm vụ hay chỉ tiêu nào năm 2025 "
        "(không còn hoạt động vào kỳ báo cáo; đơn vị kế nhiệm: Sở Nội vụ)")
