"""Recognition is robust: other valid layouts pass, odd documents give findings, not crashes."""

from __future__ import annotations

import io
import unicodedata

import pytest
from check_fixtures import (
    W,
    break_docx,
    edit_docx,
    good_docx,
    header_part,
    insert_after,
    para,
    remove,
    set_run,
    set_text,
)
from docx import Document
from lxml import etree

from reportgen.check import check_docx
from reportgen.check.document import read_document
from reportgen.check.facts import load_facts
from reportgen.check.structure import recognise
from reportgen.ooxml import DocxPackage

GOOD = good_docx()
VML = "urn:schemas-microsoft-com:vml"


def rules(data: bytes) -> set[str]:
    return {f.rule_id for f in check_docx(data)}


def layout_of(data: bytes):
    return recognise(read_document(DocxPackage.open(data)), load_facts())


def _shape_line_after(p: etree._Element) -> None:
    """Replace the border of `p` with an empty paragraph holding a VML line shape."""
    remove(p.find(f"{W}pPr/{W}pBdr"))
    line_p = etree.Element(f"{W}p")
    r = etree.SubElement(line_p, f"{W}r")
    pict = etree.SubElement(r, f"{W}pict")
    etree.SubElement(pict, f"{{{VML}}}line", nsmap={"v": VML})
    p.addnext(line_p)


def test_lines_drawn_as_shapes_are_lines():
    def edit(root):
        for starts in ("SỞ Y TẾ", "Độc lập", "Kết quả thực hiện"):
            _shape_line_after(para(root, starts))
    assert check_docx(break_docx(GOOD, edit)) == []


def test_place_date_in_a_second_row_is_found():
    def edit(root):
        table = root.find(f"{W}body/{W}tbl")
        row = table.find(f"{W}tr")
        new_row = etree.fromstring(etree.tostring(row))
        for tc in new_row.findall(f"{W}tc"):
            for p in tc.findall(f"{W}p")[1:]:
                tc.remove(p)
        row.addnext(new_row)
        date_p = para(root, "Thanh Hóa,")
        left_new, right_new = new_row.findall(f"{W}tc")
        right_new.replace(right_new.find(f"{W}p"), date_p)
        so_p = para(root, "Số:")
        left_new.replace(left_new.find(f"{W}p"), so_p)
    data = break_docx(GOOD, edit)
    layout = layout_of(data)
    assert layout.place_date is not None and layout.so is not None
    assert layout.place_date.para.row == 2
    assert check_docx(data) == []


def test_two_line_peoples_committee_issuer_is_both_bold():
    def edit(root):
        set_text(para(root, "UBND TỈNH"), "ỦY BAN NHÂN DÂN")
        set_run(para(root, "ỦY BAN NHÂN DÂN"), b=True)
        set_text(para(root, "SỞ Y TẾ"), "TỈNH THANH HÓA")
        set_text(para(root, "Số:"), "Số: 15/BC-UBND")
    data = break_docx(GOOD, edit)
    layout = layout_of(data)
    assert [it.text for it in layout.issuer] == ["ỦY BAN NHÂN DÂN", "TỈNH THANH HÓA"]
    assert layout.parent == []
    assert check_docx(data) == []


def test_issuer_without_parent_agency():
    data = break_docx(GOOD, lambda root: remove(para(root, "UBND TỈNH")))
    assert [it.text for it in layout_of(data).issuer] == ["SỞ Y TẾ"]
    assert check_docx(data) == []


def test_lines_within_one_paragraph_are_elements():
    """Quốc hiệu and tiêu ngữ in one paragraph split by a line break, typed line after."""
    def edit(root):
        qh = para(root, "CỘNG HÒA")
        motto = para(root, "Độc lập")
        set_text(qh, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n__________")
        set_run(qh, sz=13)
        remove(motto)
    found = check_docx(break_docx(GOOD, edit))
    assert {f.rule_id for f in found} == {"typed-line"}


def test_caps_property_shows_quoc_hieu_in_capitals():
    def edit(root):
        qh = para(root, "CỘNG HÒA")
        set_text(qh, "Cộng hòa xã hội chủ nghĩa Việt Nam")
        set_run(qh, caps=True)
    assert check_docx(break_docx(GOOD, edit)) == []


@pytest.mark.parametrize("lines", [
    ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
    ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
    ["Q. GIÁM ĐỐC"],
    ["TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"],
    ["TUQ. GIÁM ĐỐC", "TRƯỞNG PHÒNG TỔ CHỨC CÁN BỘ"],
    ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"],
    ["GIÁM ĐỐC"],
])
def test_valid_authority_forms(lines):
    def edit(root):
        kt = para(root, "KT. GIÁM ĐỐC")
        remove(para(root, "PHÓ GIÁM ĐỐC"))
        set_text(kt, lines[0])
        previous = kt
        for line in lines[1:]:
            previous = insert_after(previous, line)
    assert check_docx(break_docx(GOOD, edit)) == []


def test_draft_number_and_date_left_blank_are_accepted():
    def edit(root):
        set_text(para(root, "Số:"), "Số:      /BC-SYT")
        set_text(para(root, "Thanh Hóa,"), "Thanh Hóa, ngày      tháng      năm 2024")
    assert check_docx(break_docx(GOOD, edit)) == []


def test_cong_van_with_v_v_and_no_title():
    def edit(root):
        so = para(root, "Số:")
        set_text(so, "Số: 12/SYT-NVY")
        vv = insert_after(so, "V/v báo cáo kết quả thực hiện Kế hoạch số 68/KH-UBND")
        set_run(vv, sz=12)
        for starts in ("BÁO CÁO", "Kết quả thực hiện"):
            remove(para(root, starts))
    data = break_docx(GOOD, edit)
    layout = layout_of(data)
    assert layout.title is None and layout.vv is not None
    assert check_docx(data) == []


def test_wrong_month_padding_in_months_over_two():
    data = break_docx(GOOD, lambda r: set_text(para(r, "Thanh Hóa,"), "Thanh Hóa, ngày 08 tháng 1 năm 2024"))
    [f] = check_docx(data)
    assert f.rule_id == "date-text" and "tháng 01" in f.message


def test_document_without_tables_reports_missing_layout_and_does_not_crash():
    doc = Document()
    for text in ("SỞ Y TẾ", "Số: 15/BC-SYT", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "Độc lập - Tự do - Hạnh phúc", "Thanh Hóa, ngày 08 tháng 12 năm 2024", "BÁO CÁO",
                 "Kết quả năm 2024", "Nội dung báo cáo.", "Nơi nhận:", "- Lưu: VT, NVY."):
        doc.add_paragraph(text)
    buf = io.BytesIO()
    doc.save(buf)
    found = rules(buf.getvalue())
    assert {"layout", "page-size", "font", "issuer-line", "tieu-ngu-line"} <= found
    layout = layout_of(buf.getvalue())
    assert layout.so is not None and layout.title is not None and layout.noi_nhan is not None


def test_empty_document_reports_every_missing_element():
    doc = Document()
    buf = io.BytesIO()
    doc.save(buf)
    found = check_docx(buf.getvalue())
    missing = [f.message for f in found if f.rule_id == "missing-element"]
    assert any("quốc hiệu" in m for m in missing)
    assert any("tiêu ngữ" in m for m in missing)
    assert any("số, ký hiệu" in m for m in missing)
    assert any("Nơi nhận" in m for m in missing)
    assert any("tên loại văn bản" in m for m in missing)


def test_body_findings_point_at_every_paragraph():
    def edit(root):
        for p in root.iter(f"{W}p"):
            text = "".join(t.text or "" for t in p.iter(f"{W}t"))
            if text.startswith(("Sở Y tế đã", "- Tổ chức", "- Lồng ghép", "Tỷ lệ dân số")):
                set_run(p, sz=12)
    found = check_docx(break_docx(GOOD, edit))
    assert [f.location.split(":")[0] for f in found] == ["Đoạn 7", "Đoạn 8", "Đoạn 9", "Đoạn 11"]
    assert {f.message for f in found} == {"Nội dung: cỡ chữ phải từ 13 đến 14 pt (đang là 12 pt)."}


def _complex_page_field(root):
    """Replace the header's simple PAGE field by a complex one (begin, instrText, separate, end)."""
    fld = root.find(f".//{W}fldSimple")
    p = fld.getparent()
    p.remove(fld)
    for kind, text in (("begin", None), (None, " PA"), (None, "GE "), ("separate", None), (None, "2"), ("end", None)):
        r = etree.SubElement(p, f"{W}r")
        if kind:
            etree.SubElement(r, f"{W}fldChar").set(f"{W}fldCharType", kind)
        elif text == "2":
            etree.SubElement(r, f"{W}t").text = text
        else:
            etree.SubElement(r, f"{W}instrText").text = text


def test_complex_page_field_counts_as_a_page_number():
    part = header_part(GOOD)
    data = break_docx(GOOD, _complex_page_field, part)
    assert check_docx(data) == []
    no_title_page = break_docx(data, lambda r: remove(r.find(f".//{W}sectPr/{W}titlePg")))
    assert rules(no_title_page) == {"page-number-first-page"}


def test_page_number_in_a_first_page_header_is_shown_on_page_1():
    def add_first(doc):
        section = doc.sections[0]
        fld = section.header.paragraphs[0]._p.find(f"{W}fldSimple")
        section.first_page_header.paragraphs[0]._p.append(etree.fromstring(etree.tostring(fld)))
    [f] = check_docx(edit_docx(GOOD, add_first))
    assert f.rule_id == "page-number-first-page"
    assert f.location.startswith("Đầu trang (header) trang đầu phần 1")


def test_page_field_in_a_header_text_box_is_found():
    def into_text_box(root):
        fld = root.find(f".//{W}fldSimple")
        p = fld.getparent()
        p.remove(fld)
        r = etree.SubElement(p, f"{W}r")
        pict = etree.SubElement(r, f"{W}pict")
        shape = etree.SubElement(pict, f"{{{VML}}}shape", nsmap={"v": VML})
        box = etree.SubElement(shape, f"{{{VML}}}textbox")
        content = etree.SubElement(box, f"{W}txbxContent")
        inner = etree.SubElement(content, f"{W}p")
        inner.append(fld)
    data = break_docx(GOOD, into_text_box, header_part(GOOD))
    assert "page-number-missing" not in rules(data)


def test_decomposed_text_is_one_finding_per_paragraph_not_a_cascade():
    """NFD text (macOS) breaks the NFC rule only; elements are still recognised."""
    def to_nfd(root):
        for t in root.iter(f"{W}t"):
            t.text = unicodedata.normalize("NFD", t.text or "")
    found = check_docx(break_docx(GOOD, to_nfd))
    assert {f.rule_id for f in found} == {"text-nfc"}
    assert any("Số: 15/BC-SYT" in f.location for f in found)


def test_line_drawn_as_the_top_border_of_an_empty_paragraph():
    """A 1 pt empty paragraph with a top border under the element (how our templates draw it)."""
    def edit(root):
        for starts in ("SỞ Y TẾ", "Độc lập", "Kết quả thực hiện"):
            p = para(root, starts)
            remove(p.find(f"{W}pPr/{W}pBdr"))
            line_p = etree.SubElement(p.getparent(), f"{W}p")
            p.addnext(line_p)
            p_pr = etree.SubElement(line_p, f"{W}pPr")
            top = etree.SubElement(etree.SubElement(p_pr, f"{W}pBdr"), f"{W}top")
            top.set(f"{W}val", "single")
    assert check_docx(break_docx(GOOD, edit)) == []


def test_a_draft_may_leave_the_signer_name_blank_but_an_issued_document_may_not():
    def unsigned(root):
        remove(para(root, "Nguyễn Văn An"))
    assert rules(break_docx(GOOD, unsigned)) == {"missing-element"}

    def unsigned_draft(root):
        unsigned(root)
        set_text(para(root, "Số:"), "Số:      /BC-SYT")
    assert check_docx(break_docx(GOOD, unsigned_draft)) == []
