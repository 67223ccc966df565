"""One fixture per rule: break one thing in the good document, exactly that rule fires.

Each case edits the XML of the compliant document from `check_fixtures.good_docx()` and
asserts that the set of rule ids found is exactly the one expected, and where it points.
"""

from __future__ import annotations

import copy
import unicodedata

import pytest
from check_fixtures import (
    EMPTY_PARAGRAPH,
    PAGE_PARAGRAPH,
    PLAN_BASES,
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
    section_pr,
    section_prs,
    set_ppr,
    set_run,
    set_text,
)
from lxml import etree

from reportgen.check import check_docx
from reportgen.check.facts import load_facts

GOOD = good_docx()
PLAN = good_plan_docx()
BODY = "Sở Y tế đã ban hành"  # a body paragraph of the good document


def doc_edit(edit):
    return lambda: break_docx(GOOD, edit)


def text_edit(starts: str, new_text: str):
    return doc_edit(lambda root: set_text(para(root, starts), new_text))


def run_edit(starts: str, **props):
    return doc_edit(lambda root: set_run(para(root, starts), **props))


def ppr_edit(starts: str, child: str, **attrs):
    return doc_edit(lambda root: set_ppr(para(root, starts), child, **attrs))


def drop_border(starts: str):
    return doc_edit(lambda root: remove(para(root, starts).find(f"{W}pPr/{W}pBdr")))


# -- edits that need more than one line -------------------------------------------------


def _page_size(root):
    size = section_pr(root).find(f"{W}pgSz")
    size.set(f"{W}w", "12240")
    size.set(f"{W}h", "15840")


def _landscape_section_without_table(root):
    """Section 1 stays portrait; a new last section is landscape and holds only text."""
    body = root.find(f"{W}body")
    final = section_pr(root)
    closing = etree.SubElement(body, f"{W}p")
    p_pr = etree.SubElement(closing, f"{W}pPr")
    p_pr.append(copy.deepcopy(final))
    text = etree.SubElement(body, f"{W}p")
    r = etree.SubElement(text, f"{W}r")
    etree.SubElement(r, f"{W}t").text = "Ghi chú kèm theo"
    body.remove(final)
    body.append(final)
    size = final.find(f"{W}pgSz")
    size.set(f"{W}w", "16838")
    size.set(f"{W}h", "11906")
    size.set(f"{W}orient", "landscape")
    final.remove(final.find(f"{W}titlePg"))


def _margins(root):
    section_pr(root).find(f"{W}pgMar").set(f"{W}left", "1134")


def _no_title_page(root):
    remove(section_pr(root).find(f"{W}titlePg"))


def _no_page_field():
    part = header_part(GOOD)
    return break_docx(GOOD, lambda root: [remove(f) for f in root.iter(f"{W}fldSimple")], part)


def _page_number_in_footer():
    def move(doc):
        section = doc.sections[0]
        fld = section.header.paragraphs[0]._p.find(f"{W}fldSimple")
        footer_p = section.footer.paragraphs[0]
        footer_p.paragraph_format.alignment = 1
        footer_p._p.append(fld)
    return edit_docx(GOOD, move)


def _page_number_left():
    part = header_part(GOOD)
    return break_docx(GOOD, lambda root: set_ppr(root.find(f".//{W}p"), "jc", val="left"), part)


def _unwrap_page1_table(root):
    """The page-1 block as plain paragraphs, left column then right column."""
    table = root.find(f"{W}body/{W}tbl")
    cells = table.findall(f"{W}tr/{W}tc")
    for tc in cells:
        for p in tc.findall(f"{W}p"):
            table.addprevious(p)
    remove(table)


def _typed_line_under_motto(root):
    motto = para(root, "Độc lập")
    remove(motto.find(f"{W}pPr/{W}pBdr"))
    insert_after(motto, "______________")


def _noi_nhan_without_luu(root):
    set_text(para(root, "- Lưu:"), "- Lưu hồ sơ.")


def _authority_without_deputy(root):
    set_text(para(root, "PHÓ GIÁM ĐỐC"), "GIÁM ĐỐC")


def _nfd_body(root):
    p = para(root, BODY)
    set_text(p, unicodedata.normalize("NFD", "Sở Y tế đã ban hành kế hoạch thực hiện."))


def _theme_font_defaults():
    """docDefaults through the theme (minorHAnsi = Calibri), no font on Normal: a generator's default."""

    def edit_styles(root):
        fonts = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
        for attr in list(fonts.attrib):
            del fonts.attrib[attr]
        themes = {"asciiTheme": "minorHAnsi", "hAnsiTheme": "minorHAnsi", "cstheme": "minorBidi",
                  "eastAsiaTheme": "minorEastAsia"}
        for attr, theme in themes.items():
            fonts.set(f"{W}{attr}", theme)
        normal = root.find(f"{W}style[@{W}styleId='Normal']/{W}rPr")
        remove(normal.find(f"{W}rFonts"))

    def edit_theme(root):
        a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
        root.find(f".//{a}minorFont/{a}latin").set("typeface", "Calibri")

    data = break_docx(GOOD, edit_styles, "word/styles.xml")
    return break_docx(data, edit_theme, "word/theme/theme1.xml")


def _unset_fonts():
    def edit_styles(root):
        remove(root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts"))
        remove(root.find(f"{W}style[@{W}styleId='Normal']/{W}rPr/{W}rFonts"))
    return break_docx(GOOD, edit_styles, "word/styles.xml")


def _title(text: str, so: str):
    def edit(root):
        set_text(para(root, "BÁO CÁO"), text)
        set_text(para(root, "Số:"), so)
    return doc_edit(edit)


# -- breaking the plan: căn cứ, heading numbers, điểm, notes, text boxes, appendices -----


def plan_edit(edit, part: str = "word/document.xml"):
    return lambda: break_docx(PLAN, edit, part)


DECISION = good_decision_docx()


def decision_edit(edit):
    return lambda: break_docx(DECISION, edit)


def decision_text(starts: str, new_text: str):
    return decision_edit(lambda root: set_text(para(root, starts), new_text))


def plan_text(starts: str, new_text: str, nth: int = 0):
    return plan_edit(lambda root: set_text(para(root, starts, nth), new_text))


def plan_run(starts: str, nth: int = 0, **props):
    return plan_edit(lambda root: set_run(para(root, starts, nth), **props))


def _two_bases_in_one(root):
    first = para(root, "Căn cứ Nghị quyết")
    set_text(first, PLAN_BASES[0] + " " + PLAN_BASES[1])
    remove(para(root, "Căn cứ Kế hoạch"))


def _arial_in_text_box(root):
    for box in root.iter(f"{W}txbxContent"):
        for p in box.iter(f"{W}p"):
            set_run(p, font="Arial")


def _appendix_header(content: str, kind: str = "header"):
    return lambda: add_header(PLAN, 2, content, kind)


_ARIAL_PAGE = PAGE_PARAGRAPH.replace("<w:rPr>", '<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/>')

PLAN_CASES = [
    ("legal-basis-upright", "legal-basis",
     decision_edit(lambda root: set_run(para(root, "Căn cứ Nghị quyết"), i=False)), "Đoạn 3"),
    ("legal-basis-no-semicolon", "legal-basis", decision_text("Căn cứ Nghị quyết", PLAN_BASES[0][:-1] + "."), "Đoạn 3"),
    ("legal-basis-last-semicolon", "legal-basis", decision_text("Căn cứ Kế hoạch", PLAN_BASES[1][:-1] + ";"), "Đoạn 4"),
    ("legal-basis-two-in-one", "legal-basis", decision_edit(_two_bases_in_one), "Đoạn 3"),
    ("heading-arabic-skipped", "heading-numbers", plan_text("2. Yêu cầu", "3. Yêu cầu"), "«3. Yêu cầu»"),
    ("heading-roman-repeated", "heading-numbers", plan_text("II. NHIỆM VỤ", "I. NHIỆM VỤ, GIẢI PHÁP"), "«I. NHIỆM VỤ"),
    ("heading-sub-skipped", "heading-numbers", plan_text("1.2. Nâng cao", "1.3. Nâng cao năng lực"), "«1.3. Nâng cao"),
    ("diem-f", "diem-letters", plan_text("g) Sơ kết", "f) Sơ kết, đánh giá công tác tuyên truyền."), "«f) Sơ kết"),
    ("diem-gap-without-đ", "diem-letters", plan_edit(lambda root: remove(para(root, "đ) Tuyên truyền"))), "«e) Tổ chức"),
    ("diem-d-twice", "diem-letters", plan_text("đ) Tuyên truyền", "d) Tuyên truyền trên hệ thống thông tin cơ sở;"), "«d) Tuyên truyền"),
    ("arial-in-footnote", "font", plan_edit(lambda root: set_run(root.find(f".//{W}footnote[@{W}id='1']/{W}p"), font="Arial"), "word/footnotes.xml"), "Chú thích cuối trang 1"),
    ("arial-in-text-box", "font", plan_edit(_arial_in_text_box), "Hộp văn bản 1 (Đoạn 26)"),
    ("arial-in-appendix-header", "font", _appendix_header(_ARIAL_PAGE), "Đầu trang (header) phần 2"),
    ("appendix-header-without-number", "page-number-missing", _appendix_header(EMPTY_PARAGRAPH), "Phần 2"),
    ("appendix-number-in-footer", "page-number-position",
     lambda: add_header(add_header(PLAN, 2, EMPTY_PARAGRAPH), 2, PAGE_PARAGRAPH, "footer"), "Chân trang (footer) phần 2"),
    ("appendix-number-on-its-page-1", "page-number-appendix",
     plan_edit(lambda root: remove(section_prs(root)[2].find(f"{W}titlePg"))), "Phần 3"),
    ("appendix-label-not-bold", "appendix-heading", plan_run("Phụ lục I", b=False), "«Phụ lục I»"),
    ("appendix-label-upper", "appendix-heading", plan_text("Phụ lục I", "PHỤ LỤC I"), "«PHỤ LỤC I»"),
    ("appendix-arabic-number", "appendix-heading", plan_text("Phụ lục II", "Phụ lục 2"), "«Phụ lục 2»"),
    ("appendix-title-lower", "appendix-heading", plan_text("DANH MỤC", "Danh mục nhiệm vụ thực hiện năm 2024"), "«Danh mục"),
    ("appendix-no-note", "appendix-heading", plan_edit(lambda root: remove(para(root, "(Kèm theo"))), "«DANH MỤC"),
    ("appendix-note-upright", "appendix-heading", plan_run("(Kèm theo", i=False), "«(Kèm theo"),
    ("appendix-note-no-number", "appendix-heading", plan_text("(Kèm theo", "(Kèm theo Kế hoạch của Sở Y tế)"), "«(Kèm theo"),
]

# (case id, rule expected, builder, text expected in the location of every finding)
CASES = [
    ("letter-paper", "page-size", doc_edit(_page_size), "Phần 1"),
    ("landscape-text-section", "orientation", doc_edit(_landscape_section_without_table), "Phần 2"),
    ("left-margin-20mm", "margins", doc_edit(_margins), "Phần 1"),
    ("arial-run", "font", run_edit(BODY, font="Arial"), "Đoạn"),
    ("theme-calibri", "font", _theme_font_defaults, ""),
    ("unset-font", "font", _unset_fonts, ""),
    ("red-text", "font-color", run_edit(BODY, color="FF0000"), "Đoạn"),
    ("nfd-text", "text-nfc", doc_edit(_nfd_body), "Đoạn"),
    ("page-number-on-page-1", "page-number-first-page", doc_edit(_no_title_page), "Đầu trang"),
    ("no-page-number", "page-number-missing", _no_page_field, "Phần 1"),
    ("page-number-in-footer", "page-number-position", _page_number_in_footer, "Chân trang"),
    ("page-number-left", "page-number-format", _page_number_left, "Đầu trang"),
    ("page1-not-a-table", "layout", doc_edit(_unwrap_page1_table), "Trang 1"),
    ("no-quoc-hieu", "missing-element", doc_edit(lambda r: remove(para(r, "CỘNG HÒA"))), "Trang 1"),
    ("quoc-hieu-old-tone", "quoc-hieu-text", text_edit("CỘNG HÒA", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "cột 2"),
    ("quoc-hieu-not-bold", "quoc-hieu-format", run_edit("CỘNG HÒA", b=False), "cột 2"),
    ("tieu-ngu-en-dash", "tieu-ngu-text", text_edit("Độc lập", "Độc lập – Tự do – Hạnh phúc"), "cột 2"),
    ("tieu-ngu-12pt", "tieu-ngu-format", run_edit("Độc lập", sz=12), "cột 2"),
    ("tieu-ngu-no-line", "tieu-ngu-line", drop_border("Độc lập"), "cột 2"),
    ("parent-bold", "parent-agency-format", run_edit("UBND TỈNH", b=True), "cột 1"),
    ("issuer-not-bold", "issuer-format", run_edit("SỞ Y TẾ", b=False), "cột 1"),
    ("issuer-no-line", "issuer-line", drop_border("SỞ Y TẾ"), "cột 1"),
    ("so-with-spaces", "so-ky-hieu-form", text_edit("Số:", "Số: 15/BC - SYT"), "cột 1"),
    ("so-unpadded", "so-ky-hieu-number", text_edit("Số:", "Số: 5/BC-SYT"), "cột 1"),
    ("so-wrong-type", "so-ky-hieu-type", text_edit("Số:", "Số: 15/KH-SYT"), "cột 1"),
    ("so-issuer-lower-case", "so-ky-hieu-case", text_edit("Số:", "Số: 15/BC-SYt"), "cột 1"),
    ("so-italic", "so-ky-hieu-format", run_edit("Số:", i=True), "cột 1"),
    ("day-unpadded", "date-text", text_edit("Thanh Hóa,", "Thanh Hóa, ngày 8 tháng 12 năm 2024"), "cột 2"),
    ("february-30", "date-text", text_edit("Thanh Hóa,", "Thanh Hóa, ngày 30 tháng 02 năm 2024"), "cột 2"),
    ("date-upright", "date-format", run_edit("Thanh Hóa,", i=False), "cột 2"),
    ("title-not-centred", "title-format", ppr_edit("BÁO CÁO", "jc", val="left"), "Đoạn 1"),
    ("trich-yeu-italic", "trich-yeu-format", run_edit("Kết quả thực hiện", i=True), "Đoạn 2"),
    ("trich-yeu-upper", "trich-yeu-case", text_edit("Kết quả thực hiện", "KẾT QUẢ THỰC HIỆN KẾ HOẠCH SỐ 68/KH-UBND NĂM 2024"), "Đoạn 2"),
    ("trich-yeu-no-line", "trich-yeu-line", drop_border("Kết quả thực hiện"), "Đoạn 2"),
    ("kinh-gui-no-colon", "kinh-gui-form", text_edit("Kính gửi", "Kính gửi Ủy ban nhân dân tỉnh Thanh Hóa."), "Đoạn 3"),
    ("kinh-gui-two-on-one-line", "kinh-gui-form", text_edit("Kính gửi", "Kính gửi: Ủy ban nhân dân tỉnh; Sở Tài chính."), "Đoạn 3"),
    ("kinh-gui-italic", "kinh-gui-format", run_edit("Kính gửi", i=True), "Đoạn 3"),
    ("body-12pt", "body-size", run_edit(BODY, sz=12), "Đoạn 7"),
    ("body-left", "body-justify", ppr_edit(BODY, "jc", val="left"), "Đoạn 7"),
    ("body-no-indent", "body-indent", ppr_edit(BODY, "ind", firstLine="0"), "Đoạn 7"),
    ("body-2cm-indent", "body-indent", ppr_edit(BODY, "ind", firstLine="1134"), "Đoạn 7"),
    ("body-no-spacing", "body-spacing", ppr_edit(BODY, "spacing", before="0", after="0", line="276", lineRule="auto"), "Đoạn 7"),
    ("body-double", "body-line-spacing", ppr_edit(BODY, "spacing", after="120", line="480", lineRule="auto"), "Đoạn 7"),
    ("body-exact-too-tight", "body-line-spacing", ppr_edit(BODY, "spacing", after="120", line="220", lineRule="exact"), "Đoạn 7"),
    ("noi-nhan-not-italic", "noi-nhan-label", run_edit("Nơi nhận", i=False), "Bảng 3"),
    ("noi-nhan-no-luu", "noi-nhan-items", doc_edit(_noi_nhan_without_luu), "Bảng 3"),
    ("noi-nhan-no-semicolon", "noi-nhan-items", text_edit("- Sở Nội vụ", "- Sở Nội vụ"), "Bảng 3"),
    ("noi-nhan-no-nhu-tren", "noi-nhan-items", text_edit("- Như trên", "- UBND tỉnh;"), "Bảng 3"),
    ("noi-nhan-items-13pt", "noi-nhan-items-format", run_edit("- Sở Nội vụ", sz=13), "Bảng 3"),
    ("authority-k-slash-t", "authority-text", text_edit("KT. GIÁM ĐỐC", "K/T GIÁM ĐỐC"), "Bảng 3"),
    ("authority-tm-no-dot", "authority-text", text_edit("KT. GIÁM ĐỐC", "TM ỦY BAN NHÂN DÂN"), "Bảng 3"),
    ("authority-no-space", "authority-text", text_edit("KT. GIÁM ĐỐC", "KT.GIÁM ĐỐC"), "Bảng 3"),
    ("authority-kt-without-deputy", "authority-text", doc_edit(_authority_without_deputy), "Bảng 3"),
    ("authority-not-bold", "authority-format", run_edit("KT. GIÁM ĐỐC", b=False), "Bảng 3"),
    ("signer-academic-title", "signer-name", text_edit("Nguyễn Văn An", "TS. Nguyễn Văn An"), "Bảng 3"),
    ("signer-not-bold", "signer-name", run_edit("Nguyễn Văn An", b=False), "Bảng 3"),
    ("typed-line-under-motto", "typed-line", doc_edit(_typed_line_under_motto), "cột 2"),
]

# The mistakes public generators make (nd30-format.md, last section).
MISTAKES = [
    ("month-03-padded", "date-text", text_edit("Thanh Hóa,", "Thanh Hóa, ngày 08 tháng 03 năm 2024"), "cột 2"),
    ("bold-parent-agency", "parent-agency-format", run_edit("UBND TỈNH", b=True), "cột 1"),
    ("underscores-as-lines", "typed-line", doc_edit(_typed_line_under_motto), "cột 2"),
    ("underlined-noi-nhan", "noi-nhan-label", run_edit("Nơi nhận", u="single"), "Bảng 3"),
    ("page-number-on-page-1", "page-number-first-page", doc_edit(_no_title_page), "Đầu trang"),
    ("invented-QCh", "so-ky-hieu-type", _title("QUY CHẾ", "Số: 15/QCh-SYT"), "cột 1"),
    ("invented-DAn", "so-ky-hieu-type", _title("DỰ ÁN", "Số: 15/DAn-SYT"), "cột 1"),
    ("TP-in-place", "place-name", text_edit("Thanh Hóa,", "TP. Thanh Hóa, ngày 08 tháng 12 năm 2024"), "cột 2"),
    ("title-16pt", "title-format", run_edit("BÁO CÁO", sz=16), "Đoạn 1"),
    ("trich-yeu-not-bold", "trich-yeu-format", run_edit("Kết quả thực hiện", b=False), "Đoạn 2"),
]


ALL_CASES = CASES + MISTAKES + PLAN_CASES


def test_the_good_document_has_no_finding():
    assert check_docx(GOOD) == []


def test_the_good_plan_has_no_finding():
    assert check_docx(PLAN) == []


def test_the_plan_as_a_decision_has_no_finding():
    assert check_docx(DECISION) == []


@pytest.mark.parametrize("case,rule,build,where", ALL_CASES, ids=[c[0] for c in ALL_CASES])
def test_breaking_one_thing_fires_exactly_its_rule(case, rule, build, where):
    findings = check_docx(build())
    assert {f.rule_id for f in findings} == {rule}, [str(f) for f in findings]
    info = load_facts().rule(rule)
    for f in findings:
        assert f.severity == info.severity
        assert f.reference == info.reference
        assert where in f.location
        assert f.message and f.message[0].isupper()


def test_every_rule_of_the_catalogue_has_a_fixture():
    covered = {rule for _, rule, _, _ in ALL_CASES}
    assert covered == set(load_facts().rules)


def test_messages_name_what_was_found():
    by_case = {case: build for case, _, build, _ in ALL_CASES}
    [month] = check_docx(by_case["month-03-padded"]())
    assert "ngày 08 tháng 3 năm 2024" in month.message and "tháng 03" in month.message
    [size] = check_docx(by_case["title-16pt"]())
    assert "16" in size.message and "từ 13 đến 14" in size.message
    [invented] = check_docx(by_case["invented-QCh"]())
    assert "«QC»" in invented.message and "«QCh»" in invented.message
    [margin] = check_docx(by_case["left-margin-20mm"]())
    assert "lề trái 20 mm" in margin.message
    [place] = check_docx(by_case["TP-in-place"]())
    assert "TP." in place.message


def test_a_complex_script_font_alone_is_not_a_finding():
    """Vietnamese is Latin text: only the ascii and hAnsi fonts show (issue 11, item 9)."""
    assert check_docx(doc_edit(lambda root: _cs_font(para(root, BODY)))()) == []


def _cs_font(p):
    for r in p.iter(f"{W}r"):
        r_pr = r.find(f"{W}rPr")
        if r_pr is None:
            r_pr = etree.SubElement(r, f"{W}rPr")
        etree.SubElement(r_pr, f"{W}rFonts").set(f"{W}cs", "Arial")
