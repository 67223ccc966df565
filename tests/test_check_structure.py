"""Recognition is robust: other valid layouts pass, odd documents give findings, not crashes."""

from __future__ import annotations

import io
import unicodedata

import pytest
from check_fixtures import (
    EMPTY_PARAGRAPH,
    FOOTNOTE_TEXT,
    PAGE_PARAGRAPH,
    PLAN_BASES,
    TEXT_BOX_TEXT,
    W,
    add_header,
    break_docx,
    edit_docx,
    good_decision_docx,
    good_docx,
    good_plan_docx,
    header_part,
    insert_after,
    para,
    remove,
    section_prs,
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


# -- căn cứ, outline, appendices, notes and text boxes, sections (the plan fixture) --------

PLAN = good_plan_docx()
DECISION = good_decision_docx()


def test_the_plan_is_read_as_planned():
    layout = layout_of(PLAN)
    assert layout.legal_bases == []  # a Kế hoạch (Mẫu 1.4) has no căn cứ block
    assert [p.stripped for p in layout_of(DECISION).legal_bases] == PLAN_BASES
    assert layout.proposal is None
    assert [(a.label.text, a.number, len(a.title), a.note is not None) for a in layout.appendices] == [
        ("Phụ lục I", "I", 1, True), ("Phụ lục II", "II", 1, True),
    ]
    doc = read_document(DocxPackage.open(PLAN))
    assert [p.stripped for p in doc.notes] == [FOOTNOTE_TEXT]
    # The text box is saved twice (DrawingML and its VML fallback) and read once.
    assert [p.stripped for p in doc.text_boxes] == [TEXT_BOX_TEXT]
    assert [(s.index, s.page_start, s.headers) for s in doc.sections] == [
        (1, None, {"default": "word/header1.xml"}),
        (2, 1, {"default": "word/header1.xml"}),
        (3, 1, {"default": "word/header1.xml"}),
    ]


@pytest.mark.parametrize("opening", [
    "Căn cứ Kế hoạch số 68/KH-UBND ngày 08/3/2024 của Ủy ban nhân dân tỉnh, Sở Y tế báo cáo kết quả "
    "thực hiện năm 2024 như sau:",
    "Căn cứ Kế hoạch số 68/KH-UBND ngày 08/3/2024 của Ủy ban nhân dân tỉnh, Sở Y tế báo cáo kết quả "
    "thực hiện năm 2024.",
])
def test_an_opening_sentence_starting_with_can_cu_is_not_a_legal_basis(opening):
    data = break_docx(GOOD, lambda root: set_text(para(root, "Thực hiện Kế hoạch số 68"), opening))
    assert layout_of(data).legal_bases == []
    assert check_docx(data) == []


@pytest.mark.parametrize("last_end", [",", ";"])
def test_legal_bases_closed_by_a_proposal_line(last_end):
    proposal = "Theo đề nghị của Trưởng phòng Nghiệp vụ Y."

    def edit(root):
        last = para(root, "Căn cứ Kế hoạch")
        set_text(last, PLAN_BASES[1][:-1] + last_end)
        insert_after(last, proposal)
    data = break_docx(DECISION, edit)
    layout = layout_of(data)
    assert layout.proposal is not None and layout.proposal.stripped == proposal
    assert check_docx(data) == []
    upright = break_docx(data, lambda root: set_run(para(root, "Theo đề nghị"), i=False))
    [f] = check_docx(upright)
    assert f.rule_id == "legal-basis" and "Theo đề nghị" in f.message and "in nghiêng" in f.message


def test_a_numbered_list_inside_the_text_is_not_the_outline():
    """`1. …;` `3. …` in plain type with closing punctuation are list items, not headings."""
    def edit(root):
        last = para(root, "Các phòng chuyên môn")
        item = insert_after(last, "1. Văn phòng Sở tổng hợp, báo cáo kết quả thực hiện;")
        insert_after(item, "3. Các đơn vị trực thuộc báo cáo trước ngày 30/11 hằng năm.")
    assert check_docx(break_docx(PLAN, edit)) == []


def test_a_run_of_diem_may_start_again_at_a():
    def edit(root):
        last = para(root, "b) Kiểm tra việc")
        again = insert_after(last, "a) Hướng dẫn các đơn vị thực hiện chính sách;")
        insert_after(again, "b) Tổng hợp kết quả thực hiện.")
    assert check_docx(break_docx(PLAN, edit)) == []


def test_one_wrong_heading_number_is_one_finding():
    """`I.` typed for `II.`: `III.` after it still fits, so the mistake is reported once."""
    data = break_docx(PLAN, lambda root: set_text(para(root, "II. NHIỆM VỤ"), "I. NHIỆM VỤ, GIẢI PHÁP"))
    assert [f.rule_id for f in check_docx(data)] == ["heading-numbers"]


def test_a_heading_under_the_wrong_parent_is_named():
    data = break_docx(PLAN, lambda root: set_text(para(root, "1.2. Nâng cao"), "2.2. Nâng cao năng lực"))
    [f] = check_docx(data)
    assert f.rule_id == "heading-numbers" and "«2.2.»" in f.message and "«1.2.»" in f.message


def test_a_section_shows_the_headers_of_the_section_before_it():
    """Section 2 gets a header without a number; section 3, naming none, shows it too: one finding."""
    data = add_header(PLAN, 2, EMPTY_PARAGRAPH)
    doc = read_document(DocxPackage.open(data))
    assert doc.sections[2].headers["default"] == doc.sections[1].headers["default"] != "word/header1.xml"
    [f] = check_docx(data)
    assert f.rule_id == "page-number-missing" and f.location == "Phần 2 (section)"
    assert check_docx(add_header(PLAN, 2, PAGE_PARAGRAPH)) == []


def test_a_continuing_section_without_number_is_told_so():
    """A section that does not restart its numbering and shows no number at all."""
    def continuing(root):
        for sect in section_prs(root)[1:]:
            remove(sect.find(f"{W}pgNumType"))
    data = add_header(break_docx(PLAN, continuing), 2, EMPTY_PARAGRAPH)
    [f] = check_docx(data)
    assert f.rule_id == "page-number-missing" and "phần 2 không có trường số trang" in f.message


def test_notes_are_numbered_as_shown_and_unreferenced_ones_are_not_read():
    def second_reference_first(root):
        """A second footnote, referenced before the first one."""
        note = root.find(f"{W}footnote[@{W}id='1']")
        new = etree.fromstring(etree.tostring(note))
        new.set(f"{W}id", "2")
        set_text(new.find(f"{W}p"), "Chú thích thứ hai")
        set_run(new.find(f"{W}p"), font="Arial")
        note.addnext(new)
        orphan = etree.fromstring(etree.tostring(new))
        orphan.set(f"{W}id", "3")
        note.addnext(orphan)

    def reference(root):
        first = para(root, "Sở Y tế đã ban hành")
        run = etree.SubElement(first, f"{W}r")
        etree.SubElement(run, f"{W}footnoteReference").set(f"{W}id", "2")
    data = break_docx(break_docx(PLAN, second_reference_first, "word/footnotes.xml"), reference)
    doc = read_document(DocxPackage.open(data))
    assert [p.place for p in doc.notes] == ["Chú thích cuối trang 1", "Chú thích cuối trang 2"]
    [f] = check_docx(data)
    assert f.rule_id == "font" and f.location.startswith("Chú thích cuối trang 1: «Chú thích thứ hai")


def _under_part_two(items: list[str], bold: bool) -> bytes:
    """The good report with `items` (`2.`, `1.1.`, `c)`…) as paragraphs after `II. PHƯƠNG HƯỚNG`."""
    def edit(root):
        previous = para(root, "Tiếp tục thực hiện")
        for item in items:
            previous = insert_after(previous, f"{item} Nội dung của đề mục")
            set_run(previous, b=bold)
    return break_docx(GOOD, edit)


@pytest.mark.parametrize("numbers, wrong", [
    (["1.", "2.", "3."], []),
    (["1.", "3.", "4."], ["3."]),  # skipped
    (["1.", "3.", "3.", "4."], ["3."]),  # `3.` typed for `2.`
    (["1.", "1.", "3."], ["1."]),  # `1.` typed for `2.`
    (["1.", "2.", "2.", "3."], ["2."]),  # repeated
    (["2.", "3."], ["2."]),  # not starting at 1
    (["1.", "1.1.", "1.2.", "2.", "2.1."], []),
    (["1.", "1.1.", "1.3.", "2."], ["1.3."]),
    (["1.", "1.1.", "2.2.", "1.3.", "2."], ["2.2."]),  # `2.2.` typed for `1.2.`
    (["1.", "1.1.1.", "2."], []),  # a level skipped is not judged
    (["1.", "IV.", "1.", "V."], ["IV."]),  # after `II.` of the report: `III.` skipped
])
def test_heading_number_sequences(numbers, wrong):
    found = check_docx(_under_part_two(numbers, bold=True))
    assert {f.rule_id for f in found} <= {"heading-numbers"}
    assert [f.location.split("«")[1].split()[0] for f in found] == wrong


@pytest.mark.parametrize("letters, wrong", [
    (["a)", "b)", "c)", "d)", "đ)", "e)", "g)", "h)", "i)", "k)"], []),
    (["a)", "c)", "d)"], ["c)"]),
    (["a)", "b)", "d)", "e)", "g)"], ["d)"]),  # one finding per run
    (["b)", "c)"], ["b)"]),
    (["a)", "b)", "a)", "b)"], []),  # a new run
    (["a)", "b)", "j)"], ["j)"]),
    ([*(f"{c})" for c in "a b c d đ e g h i k l m n o p q r s t u v x y".split()), "z)"], ["z)"]),
])
def test_diem_letter_sequences(letters, wrong):
    found = check_docx(_under_part_two(letters, bold=False))
    assert {f.rule_id for f in found} <= {"diem-letters"}
    assert [f.location.split("«")[1].split()[0] for f in found] == wrong


def test_numbered_lines_in_plain_type_are_not_headings_but_short_ones_are():
    """`3. Nội dung của đề mục` with no closing punctuation looks like a heading even upright."""
    assert [f.rule_id for f in check_docx(_under_part_two(["1.", "3."], bold=False))] == ["heading-numbers"]
    ended = break_docx(GOOD, lambda root: insert_after(para(root, "Tiếp tục thực hiện"), "3. Nội dung đã nêu."))
    assert check_docx(ended) == []


def test_can_cuoc_does_not_start_a_legal_basis():
    """`Căn cước công dân …` folds to `CAN CUOC`: a whole word `Căn cứ` is needed."""
    def edit(root):
        set_text(para(root, "Căn cứ Nghị quyết"), "Căn cước công dân được cấp cho 95% dân số;")
        set_run(para(root, "Căn cước"), i=False)
        remove(para(root, "Căn cứ Kế hoạch"))
    data = break_docx(DECISION, edit)
    assert layout_of(data).legal_bases == []
    assert check_docx(data) == []


def test_can_cu_used_as_a_verb_inside_the_opening_sentence():
    opening = ("Căn cứ Kế hoạch số 68/KH-UBND ngày 08/3/2024 của Ủy ban nhân dân tỉnh, căn cứ tình hình "
               "thực tế, Sở Y tế báo cáo kết quả thực hiện năm 2024.")
    data = break_docx(GOOD, lambda root: set_text(para(root, "Thực hiện Kế hoạch số 68"), opening))
    assert layout_of(data).legal_bases == []


def test_text_box_in_a_header_is_read_with_its_place():
    def add_box(root):
        p = root.find(f".//{W}p")
        r = etree.SubElement(p, f"{W}r")
        shape = etree.SubElement(etree.SubElement(r, f"{W}pict"), f"{{{VML}}}shape", nsmap={"v": VML})
        content = etree.SubElement(etree.SubElement(shape, f"{{{VML}}}textbox"), f"{W}txbxContent")
        inner = etree.SubElement(etree.SubElement(content, f"{W}p"), f"{W}r")
        etree.SubElement(inner, f"{W}t").text = "DỰ THẢO"
        set_run(content.find(f"{W}p"), font="Arial")
    [f] = check_docx(break_docx(GOOD, add_box, header_part(GOOD)))
    assert f.rule_id == "font"
    assert f.location == "Hộp văn bản 1 (Đầu trang (header) phần 1): «DỰ THẢO»"
