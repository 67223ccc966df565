"""Every limit a rule enforces, just inside and just outside (tables of tiny cases).

Each row edits one thing of the compliant document (`check_fixtures.good_docx()`) and
names the rule that must fire, or None when nothing may. An edit just inside a limit
gives no finding at all; one just outside gives exactly that rule. Several rows exist to
make a loosened limit fail (issue 15's mutations: margins ± 5 mm, spacing below half
the minimum, no lower bound on the indent, line spacing + 0.4, size tolerance 0.5,
"010" as a number).
"""

from __future__ import annotations

import pytest
from check_fixtures import (
    PAGE_PARAGRAPH,
    PLAN_BASES,
    W_NS,
    W,
    appendix_file_docx,
    break_docx,
    good_docx,
    good_plan_docx,
    header_part,
    insert_after,
    one_page_letter_docx,
    para,
    remove,
    section_pr,
    set_ppr,
    set_run,
    set_text,
)
from lxml import etree

from reportgen.check import check_docx

GOOD = good_docx()
BODY = "Sở Y tế đã ban hành"  # a body paragraph; the next one is "- Tổ chức quán triệt"
NEXT = "- Tổ chức quán triệt"
TWIPS_PER_MM = 1440 / 25.4


def rules_of(data: bytes) -> set[str]:
    return {f.rule_id for f in check_docx(data)}


def assert_fires(data: bytes, rule: str | None) -> None:
    findings = check_docx(data)
    if rule is None:
        assert findings == [], [f"{f.rule_id}: {f.message} ({f.location})" for f in findings]
    else:
        assert {f.rule_id for f in findings} == {rule}, [f"{f.rule_id}: {f.message}" for f in findings]


def edit(fn):
    return break_docx(GOOD, fn)


def _twips(mm: float) -> str:
    return str(round(mm * TWIPS_PER_MM))


# -- page: paper size and margins (± tolerance of nd30_rules.yaml) -------------------------


def _page_size(w_mm: float, h_mm: float):
    def fn(root):
        size = section_pr(root).find(f"{W}pgSz")
        size.set(f"{W}w", _twips(w_mm))
        size.set(f"{W}h", _twips(h_mm))
    return fn


PAPER = [
    ("a4", 210, 297, None),
    ("width-210.9", 210.9, 297, None),
    ("width-211.2", 211.2, 297, "page-size"),
    ("width-209.1", 209.1, 297, None),
    ("width-208.8", 208.8, 297, "page-size"),
    ("height-297.9", 210, 297.9, None),
    ("height-298.2", 210, 298.2, "page-size"),
]


@pytest.mark.parametrize("case,w,h,rule", PAPER, ids=[c[0] for c in PAPER])
def test_paper_size(case, w, h, rule):
    assert_fires(edit(_page_size(w, h)), rule)


# (side, value in mm, rule): the ranges are 20-25, 20-25, 30-35, 15-20 mm, ± 0.3 mm.
MARGINS = [
    (side, mm, rule)
    for side, lo, hi in (("top", 20, 25), ("bottom", 20, 25), ("left", 30, 35), ("right", 15, 20))
    for mm, rule in ((lo, None), (hi, None), (lo - 0.2, None), (hi + 0.2, None),
                     (lo - 0.4, "margins"), (hi + 0.4, "margins"))
]


@pytest.mark.parametrize("side,mm,rule", MARGINS, ids=[f"{s}-{mm:g}" for s, mm, _ in MARGINS])
def test_margins(side, mm, rule):
    assert_fires(edit(lambda root: section_pr(root).find(f"{W}pgMar").set(f"{W}{side}", _twips(mm))), rule)


# -- font sizes of every element (pt; the ranges of nd30_rules.yaml, sizes_pt) -------------

# (element, a paragraph starting so, rule, allowed range)
SIZED = [
    ("quoc-hieu", "CỘNG HÒA", "quoc-hieu-format", (12, 13)),
    ("tieu-ngu", "Độc lập", "tieu-ngu-format", (13, 14)),
    ("parent", "UBND TỈNH", "parent-agency-format", (12, 13)),
    ("issuer", "SỞ Y TẾ", "issuer-format", (12, 13)),
    ("so", "Số:", "so-ky-hieu-format", (13, 13)),
    ("date", "Thanh Hóa,", "date-format", (13, 14)),
    ("title", "BÁO CÁO", "title-format", (13, 14)),
    ("trich-yeu", "Kết quả thực hiện", "trich-yeu-format", (13, 14)),
    ("kinh-gui", "Kính gửi", "kinh-gui-format", (13, 14)),
    ("body", BODY, "body-size", (13, 14)),
    ("noi-nhan", "Nơi nhận", "noi-nhan-label", (12, 12)),
    ("noi-nhan-items", "- Sở Nội vụ", "noi-nhan-items-format", (11, 11)),
    ("authority", "KT. GIÁM ĐỐC", "authority-format", (13, 14)),
    ("signer", "Nguyễn Văn An", "signer-name", (13, 14)),
]
SIZES = [
    (name, starts, size, rule if not lo <= size <= hi else None)
    for name, starts, rule, (lo, hi) in SIZED
    for size in (lo, hi, lo - 0.5, hi + 0.5)
]


@pytest.mark.parametrize("name,starts,size,rule", SIZES, ids=[f"{n}-{s:g}" for n, _, s, _ in SIZES])
def test_font_sizes(name, starts, size, rule):
    assert_fires(edit(lambda root: set_run(para(root, starts), sz=size)), rule)


@pytest.mark.parametrize("size,rule", [(13, None), (14, None), (12.5, "page-number-format"),
                                       (14.5, "page-number-format")])
def test_page_number_size(size, rule):
    data = break_docx(GOOD, lambda root: set_run(root.find(f".//{W}p"), sz=size), header_part(GOOD))
    assert_fires(data, rule)


# -- body: first-line indent 1-1.27 cm (± 0.05), spacing ≥ 6 pt, line spacing 1-1.5 -------

INDENTS = [
    ("1cm", {"firstLine": "567"}, None),
    ("1.27cm", {"firstLine": "720"}, None),
    ("0.95cm", {"firstLine": "539"}, None),
    ("0.94cm", {"firstLine": "533"}, "body-indent"),
    ("0.5cm", {"firstLine": "284"}, "body-indent"),
    ("1.32cm", {"firstLine": "748"}, None),
    ("1.33cm", {"firstLine": "754"}, "body-indent"),
    ("none", {"firstLine": "0"}, "body-indent"),
    ("hanging", {"hanging": "567"}, "body-indent"),
    ("block-1.27cm", {"left": "720", "firstLine": "0"}, None),
    ("block-0.5cm-plus-0.5cm", {"left": "284", "firstLine": "284"}, None),
]


@pytest.mark.parametrize("case,attrs,rule", INDENTS, ids=[c[0] for c in INDENTS])
def test_first_line_indent(case, attrs, rule):
    assert_fires(edit(lambda root: set_ppr(para(root, BODY), "ind", **attrs)), rule)


def _tab_indent(tab_stop_twips: int | None = None, default_stop: int | None = None):
    """The body paragraph with no indent and its text after a typed tab."""
    def fn(root):
        p = para(root, BODY)
        set_ppr(p, "ind", firstLine="0")
        if tab_stop_twips is not None:
            tabs = etree.SubElement(p.find(f"{W}pPr"), f"{W}tabs")
            tab = etree.SubElement(tabs, f"{W}tab")
            tab.set(f"{W}val", "left")
            tab.set(f"{W}pos", str(tab_stop_twips))
        set_text(p, "\tSở Y tế đã ban hành kế hoạch thực hiện, phân công nhiệm vụ cụ thể cho các phòng.")
        t = p.find(f".//{W}t")
        r = t.getparent()
        r.remove(t)
        r.insert(len(r), etree.Element(f"{W}tab"))
        new_t = etree.SubElement(r, f"{W}t")
        new_t.text = "Sở Y tế đã ban hành kế hoạch thực hiện, phân công nhiệm vụ cụ thể cho các phòng."
    data = break_docx(GOOD, fn)
    if default_stop is not None:
        data = break_docx(data, lambda root: _default_tab_stop(root, default_stop), "word/settings.xml")
    return data


def _default_tab_stop(root, twips: int) -> None:
    el = root.find(f"{W}defaultTabStop")
    if el is None:
        el = etree.SubElement(root, f"{W}defaultTabStop")
    el.set(f"{W}val", str(twips))


TABS = [
    ("default-stop-1.27cm", None, 720, None),
    ("default-stop-1cm", None, 567, None),
    ("default-stop-2cm", None, 1134, "body-indent"),
    ("custom-stop-1cm", 567, 1134, None),
    ("custom-stop-0.5cm", 284, 1134, "body-indent"),
]


@pytest.mark.parametrize("case,stop,default,rule", TABS, ids=[c[0] for c in TABS])
def test_first_line_indent_typed_as_a_tab(case, stop, default, rule):
    """Issue 11, item 9: a first-line indent typed as a tab reaches the next tab stop."""
    assert_fires(_tab_indent(stop, default), rule)


def _gap(after: int | None, before: int | None, *, after_auto: bool = False):
    def fn(root):
        attrs = {"after": str(after)} if after is not None else {}
        if after_auto:
            attrs["afterAutospacing"] = "1"
        set_ppr(para(root, BODY), "spacing", **attrs)
        if before is not None:
            set_ppr(para(root, NEXT), "spacing", before=str(before))
    return edit(fn)


GAPS = [
    ("6pt-after", 120, 0, None),
    ("5.95pt-after", 119, 0, "body-spacing"),
    ("3pt-after", 60, 0, "body-spacing"),
    ("3+3pt", 60, 60, None),
    ("3+2.95pt", 60, 59, "body-spacing"),
    ("6pt-before-next", 0, 120, None),
    ("none", 0, 0, "body-spacing"),
]


@pytest.mark.parametrize("case,after,before,rule", GAPS, ids=[c[0] for c in GAPS])
def test_space_between_paragraphs(case, after, before, rule):
    """The gap between two paragraphs is the space after the first plus before the second."""
    assert_fires(_gap(after, before), rule)


def test_auto_spacing_counts_as_14_pt():
    assert_fires(_gap(0, 0, after_auto=True), None)


def test_the_spacing_message_names_after_and_before_apart():
    [f] = check_docx(_gap(60, 40))
    assert "5 pt" in f.message and "sau đoạn này 3 pt" in f.message and "trước đoạn sau 2 pt" in f.message


LINE_SPACING = [
    ("single", "240", "auto", None),
    ("0.9875", "237", "auto", "body-line-spacing"),
    ("1.5", "360", "auto", None),
    ("1.5125", "363", "auto", "body-line-spacing"),
    ("1.6", "384", "auto", "body-line-spacing"),
    ("exact-14pt", "280", "exact", None),
    ("exact-13.5pt", "270", "exact", "body-line-spacing"),
    ("exact-24.15pt", "483", "exact", None),
    ("exact-24.35pt", "487", "exact", "body-line-spacing"),
    ("at-least-10pt", "200", "atLeast", None),
    ("at-least-24.15pt", "483", "atLeast", None),
    ("at-least-24.35pt", "487", "atLeast", "body-line-spacing"),
]


@pytest.mark.parametrize("case,line,line_rule,rule", LINE_SPACING, ids=[c[0] for c in LINE_SPACING])
def test_line_spacing(case, line, line_rule, rule):
    """Single (1.15 × 14 pt = 16.1 pt a line) to 1.5 lines; "at least" is never below single."""
    assert_fires(edit(lambda root: set_ppr(para(root, BODY), "spacing", after="120", line=line,
                                           lineRule=line_rule)), rule)


# -- số, ký hiệu: numbers 01-09 padded, 10 and over not; capitals --------------------------

NUMBERS = [
    ("01", None), ("1", "so-ky-hieu-number"), ("09", None), ("9", "so-ky-hieu-number"),
    ("10", None), ("010", "so-ky-hieu-number"), ("001", "so-ky-hieu-number"), ("99", None),
    ("100", None), ("0100", "so-ky-hieu-number"),
]


@pytest.mark.parametrize("number,rule", NUMBERS, ids=[n for n, _ in NUMBERS])
def test_document_numbers(number, rule):
    assert_fires(edit(lambda root: set_text(para(root, "Số:"), f"Số: {number}/BC-SYT")), rule)


def _titled(title: str, so: str):
    def fn(root):
        set_text(para(root, "BÁO CÁO"), title)
        set_text(para(root, "Số:"), so)
    return edit(fn)


KY_HIEU = [
    ("issuer-capitals", "BÁO CÁO", "Số: 264/BC-SNGV", None),
    ("issuer-mixed-case", "BÁO CÁO", "Số: 264/BC-SNgV", "so-ky-hieu-case"),
    ("issuer-TTR", "BÁO CÁO", "Số: 174/BC-TTR", None),
    ("tờ-trình-as-issuer", "BÁO CÁO", "Số: 174/BC-TTr", "so-ky-hieu-case"),
    ("unit-capitals", "BÁO CÁO", "Số: 15/BC-SYT-VP", None),
    ("unit-lower-case", "BÁO CÁO", "Số: 15/BC-SYT-vp", "so-ky-hieu-case"),
    ("issuer-with-đ", "BÁO CÁO", "Số: 15/BC-BCĐ", None),
    ("TTr-type", "TỜ TRÌNH", "Số: 15/TTr-SNV", None),
    ("TTR-type", "TỜ TRÌNH", "Số: 15/TTR-SNV", "so-ky-hieu-type"),
    ("QyĐ-type", "QUY ĐỊNH", "Số: 15/QyĐ-UBND", None),
    ("CTr-type", "CHƯƠNG TRÌNH", "Số: 15/CTr-UBND", None),
    ("CTr-as-issuer", "BÁO CÁO", "Số: 15/BC-CTr", "so-ky-hieu-case"),
]


@pytest.mark.parametrize("case,title,so,rule", KY_HIEU, ids=[c[0] for c in KY_HIEU])
def test_ky_hieu_in_capitals(case, title, so, rule):
    """Issue 11, item 2: the issuer part is in capitals; only Phụ lục III's types keep their case."""
    assert_fires(_titled(title, so), rule)


def _cong_van(so: str):
    """The report turned into a công văn: no type name, `V/v …` under the number."""
    def fn(root):
        remove(para(root, "BÁO CÁO"))
        remove(para(root, "Kết quả thực hiện"))
        so_p = para(root, "Số:")
        set_text(so_p, so)
        set_run(insert_after(so_p, "V/v báo cáo kết quả thực hiện năm 2024"), sz=12)
    return edit(fn)


@pytest.mark.parametrize("so,rule", [("Số: 12/SYT-NVY", None), ("Số: 12/SYT-NVy", "so-ky-hieu-case"),
                                     ("Số: 12/SNgV-VP", "so-ky-hieu-case"), ("Số: 12/SYT", "so-ky-hieu-form")])
def test_ky_hieu_of_a_cong_van(so, rule):
    assert_fires(_cong_van(so), rule)


# -- place and date -----------------------------------------------------------------------

DATES = [
    ("Thanh Hóa, ngày 08 tháng 12 năm 2024", None),
    ("Thanh Hóa, ngày 8 tháng 12 năm 2024", "date-text"),
    ("Thanh Hóa, ngày 09 tháng 3 năm 2024", None),
    ("Thanh Hóa, ngày 10 tháng 3 năm 2024", None),
    ("Thanh Hóa, ngày 010 tháng 3 năm 2024", "date-text"),
    ("Thanh Hóa, ngày 31 tháng 12 năm 2024", None),
    ("Thanh Hóa, ngày 32 tháng 12 năm 2024", "date-text"),
    ("Thanh Hóa, ngày 10 tháng 02 năm 2024", None),
    ("Thanh Hóa, ngày 10 tháng 2 năm 2024", "date-text"),
    ("Thanh Hóa, ngày 10 tháng 3 năm 2024", None),
    ("Thanh Hóa, ngày 10 tháng 03 năm 2024", "date-text"),
    # drafts: the day (and the month) are written when the document is signed
    ("Thanh Hóa, ngày      tháng 3 năm 2025", None),
    ("Thanh Hóa, ngày      tháng 03 năm 2025", "date-text"),
    ("Thanh Hóa, ngày      tháng 02 năm 2025", None),
    ("Thanh Hóa, ngày      tháng 2 năm 2025", "date-text"),
    ("Thanh Hóa, ngày      tháng 13 năm 2025", "date-text"),
    ("Thanh Hóa, ngày      tháng      năm 2025", None),
    ("Thanh Hóa, ngày … tháng 12 năm 2025", None),
    # place names
    ("Phường Đào Duy Từ, ngày 08 tháng 12 năm 2024", None),
    ("Phường 5, ngày 08 tháng 12 năm 2024", None),
    ("Xã Yên Thọ, ngày 08 tháng 12 năm 2024", None),
    ("5, ngày 08 tháng 12 năm 2024", "place-name"),
    ("TP. Thanh Hóa, ngày 08 tháng 12 năm 2024", "place-name"),
]


@pytest.mark.parametrize("text,rule", DATES, ids=[t.split(", ", 1)[1] if t.startswith("Thanh") else t.split(",")[0]
                                                  for t, _ in DATES])
def test_place_and_date(text, rule):
    assert_fires(edit(lambda root: set_text(para(root, "Thanh Hóa,"), text)), rule)


# -- signature: authority words and deputies (issue 11, item 1) ------------------------------

AUTHORITY = [
    ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", None),
    ("GIÁM ĐỐC", None),
    ("PHÓ GIÁM ĐỐC", "authority-text"),
    ("PHÓ GIÁM ĐỐC PHỤ TRÁCH", None),
    ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", None),
    ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", None),
    ("TM. ỦY BAN NHÂN DÂN\nPHÓ CHỦ TỊCH", "authority-text"),
    ("TM. BAN CHỈ ĐẠO\nPHÓ TRƯỞNG BAN", "authority-text"),
    ("TM. ỦY BAN NHÂN DÂN\nQ. CHỦ TỊCH", None),
    ("Q. GIÁM ĐỐC", None),
    ("TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG", None),
    ("TL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG", None),
    ("TL. CHỦ TỊCH\nPHÓ CHÁNH VĂN PHÒNG", "authority-text"),
    ("TUQ. GIÁM ĐỐC\nTRƯỞNG PHÒNG HÀNH CHÍNH", None),
    ("KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG", None),
    ("KT. CHỦ TỊCH\nPHÓ GIÁM ĐỐC", "authority-text"),
    ("KT. GIÁM ĐỐC\nGIÁM ĐỐC", "authority-text"),
    ("KT. CHỦ TỊCH\nTM. ỦY BAN NHÂN DÂN\nPHÓ CHỦ TỊCH", "authority-text"),
    ("CHỦ TỊCH\nTL. GIÁM ĐỐC", "authority-text"),
    ("KT.GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "authority-text"),
    ("K/T GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "authority-text"),
]


def _authority(lines: str):
    def fn(root):
        remove(para(root, "PHÓ GIÁM ĐỐC"))
        set_text(para(root, "KT. GIÁM ĐỐC"), lines)
    return edit(fn)


@pytest.mark.parametrize("lines,rule", AUTHORITY, ids=[a.replace("\n", " / ") for a, _ in AUTHORITY])
def test_authority_words_and_deputies(lines, rule):
    assert_fires(_authority(lines), rule)


def test_a_deputy_under_tm_is_told_the_whole_chain():
    [f] = check_docx(_authority("TM. ỦY BAN NHÂN DÂN\nPHÓ CHỦ TỊCH"))
    assert "«TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH»" in f.message


def test_a_line_under_the_signers_name_is_not_the_name():
    """Issue 11, item 9: a line typed under the name (a phone number) is not read as the name."""
    def fn(root):
        name = para(root, "Nguyễn Văn An")
        gap = insert_after(name, "")
        set_text(gap, " ")
        phone = insert_after(gap, "ĐT: 0237.3852.416")
        set_run(phone, b=False, sz=12)
    assert_fires(edit(fn), None)


def test_white_text_in_the_signing_space_is_not_an_authority_line():
    def fn(root):
        set_run(insert_after(para(root, "PHÓ GIÁM ĐỐC"), "Hdfđ"), color="FFFFFF", sz=22)
    assert rules_of(edit(fn)) == {"font-color"}


# -- Nơi nhận ----------------------------------------------------------------------------------


def _split_colon(root, *, italic_word: bool):
    """`Nơi nhận` and `:` in two runs; the colon upright and not bold."""
    p = para(root, "Nơi nhận")
    set_text(p, "Nơi nhận")
    r = p.find(f"{W}r")
    colon = etree.fromstring(etree.tostring(r))
    r.addnext(colon)
    colon.find(f"{W}t").text = ":"
    for prop in ("i", "b"):
        for el in colon.iter(f"{W}{prop}"):
            el.set(f"{W}val", "0")
    if not italic_word:
        for el in r.iter(f"{W}i"):
            el.set(f"{W}val", "0")


@pytest.mark.parametrize("italic_word,rule", [(True, None), (False, "noi-nhan-label")])
def test_an_upright_colon_after_an_italic_noi_nhan(italic_word, rule):
    assert_fires(edit(lambda root: _split_colon(root, italic_word=italic_word)), rule)


@pytest.mark.parametrize("first,rule", [("- Như trên;", None), ("- Như trên (báo cáo);", None),
                                        ("- Như kính gửi;", None), ("- UBND tỉnh;", "noi-nhan-items")])
def test_noi_nhan_of_a_document_with_kinh_gui_opens_with_nhu_tren(first, rule):
    assert_fires(edit(lambda root: set_text(para(root, "- Như trên"), first)), rule)


@pytest.mark.parametrize("item,rule", [
    ("- Sở Nội vụ;", None),
    ("- Sở Nội vụ;\t\tĐể đăng tải", None),
    ("- Sở Nội vụ;     Để đăng tải", None),
    ("- Sở Nội vụ", "noi-nhan-items"),
    ("- Sở Nội  vụ", "noi-nhan-items"),
])
def test_a_side_note_after_a_noi_nhan_item(item, rule):
    def fn(root):
        p = para(root, "- Sở Nội vụ")
        set_text(p, item.replace("\t", " "))
        if "\t" in item:
            t = p.find(f".//{W}t")
            head, tail = item.split("\t\t")
            t.text = head
            r = t.getparent()
            etree.SubElement(r, f"{W}tab")
            etree.SubElement(r, f"{W}tab")
            etree.SubElement(r, f"{W}t").text = tail
    assert_fires(edit(fn), rule)


# -- typed lines: three characters or more ------------------------------------------------------


@pytest.mark.parametrize("typed,rule", [("___", "typed-line"), ("__________", "typed-line"),
                                        ("__", "tieu-ngu-line")])
def test_typed_line_length(typed, rule):
    def fn(root):
        motto = para(root, "Độc lập")
        remove(motto.find(f"{W}pPr/{W}pBdr"))
        insert_after(motto, typed)
    assert_fires(edit(fn), rule)


# -- page numbers: asked of documents of two pages or more ---------------------------------


def _without_page_field(data: bytes) -> bytes:
    return break_docx(data, lambda root: [remove(f) for f in root.iter(f"{W}fldSimple")], header_part(data))


def _page_break(root) -> None:
    r = etree.SubElement(para(root, BODY), f"{W}r")
    etree.SubElement(r, f"{W}br").set(f"{W}type", "page")


def test_a_one_page_letter_needs_no_page_number():
    assert_fires(_without_page_field(one_page_letter_docx()), None)


def test_a_page_break_makes_two_pages_that_need_a_number():
    letter = break_docx(one_page_letter_docx(), _page_break)
    assert_fires(_without_page_field(letter), "page-number-missing")


def test_a_long_report_needs_a_page_number():
    assert_fires(_without_page_field(good_docx(body_paragraphs=60)), "page-number-missing")


def test_a_page_number_in_a_footer_never_shown_is_not_judged():
    """An even-page footer shows only with different odd and even headers (w:evenAndOddHeaders)."""
    from check_fixtures import add_header
    data = add_header(GOOD, 1, PAGE_PARAGRAPH.replace("center", "left"), "footer", "even")
    assert_fires(data, None)


# -- orientation: the document's text portrait, a wide table or figure may be landscape ------


def _landscape(root) -> None:
    size = section_pr(root).find(f"{W}pgSz")
    w, h = size.get(f"{W}w"), size.get(f"{W}h")
    size.set(f"{W}w", h)
    size.set(f"{W}h", w)
    size.set(f"{W}orient", "landscape")
    mar = section_pr(root).find(f"{W}pgMar")
    top, bottom, left, right = (mar.get(f"{W}{k}") for k in ("top", "bottom", "left", "right"))
    mar.set(f"{W}top", left)
    mar.set(f"{W}bottom", right)
    mar.set(f"{W}left", bottom)
    mar.set(f"{W}right", top)


def test_a_whole_document_in_landscape():
    """Issue 11, item 9: missed before, as the page-1 table counted as "a table"."""
    [f] = check_docx(edit(_landscape))
    assert f.rule_id == "orientation" and f.location == "Phần 1 (section)"


def test_an_appendix_section_with_a_wide_table_may_be_landscape():
    assert_fires(good_plan_docx(), None)  # Phụ lục I is a landscape section holding its table


def test_a_landscape_section_with_a_chart_is_allowed_and_one_with_text_only_is_not():
    from check_fixtures import section_prs

    def move_table_out(root, picture: bool):
        last = section_prs(root)[1].getparent().getparent()  # the paragraph closing section 2
        body = root.find(f"{W}body")
        start = list(body).index(para(root, "Phụ lục I"))
        for el in list(body)[start:list(body).index(last)]:
            if el.tag == f"{W}tbl":
                body.remove(el)
        if picture:
            r = etree.SubElement(para(root, "DANH MỤC"), f"{W}r")
            drawing = etree.SubElement(r, f"{W}drawing")
            ns = "http://schemas.openxmlformats.org/drawingml/2006/picture"
            etree.SubElement(drawing, f"{{{ns}}}pic", nsmap={"pic": ns})
    assert_fires(break_docx(good_plan_docx(), lambda root: move_table_out(root, True)), None)
    assert_fires(break_docx(good_plan_docx(), lambda root: move_table_out(root, False)), "orientation")


# -- recognition: what the corpus showed (issue 11, item 9) ----------------------------------


def test_giay_moi_hop_is_a_giay_moi():
    assert_fires(_titled("GIẤY MỜI HỌP", "Số: 15/GM-SYT"), None)
    assert_fires(_titled("GIẤY MỜI HỌP", "Số: 15/BC-SYT"), "so-ky-hieu-type")


def test_an_appendix_issued_as_a_file_of_its_own():
    """No page-1 block, signature or Nơi nhận: an appendix file is judged as an appendix."""
    assert_fires(appendix_file_docx(landscape=True), None)
    assert_fires(appendix_file_docx(landscape=False), None)
    broken = break_docx(appendix_file_docx(landscape=False), lambda root: set_run(para(root, "(Kèm theo"), i=False))
    assert_fires(broken, "appendix-heading")


@pytest.mark.parametrize("title,rule", [("KẾ HOẠCH", None), ("TỜ TRÌNH", None), ("QUYẾT ĐỊNH", "legal-basis")])
def test_can_cu_lines_are_a_can_cu_block_only_in_a_decision(title, rule):
    """Mẫu 1.4 (Kế hoạch, Tờ trình…) has no căn cứ block: its "Căn cứ …" lines are sentences."""
    abbrev = {"KẾ HOẠCH": "KH", "TỜ TRÌNH": "TTr", "QUYẾT ĐỊNH": "QĐ"}[title]

    def fn(root):
        set_text(para(root, "KẾ HOẠCH"), title)
        set_text(para(root, "Số:"), f"Số: 45/{abbrev}-SYT")
        set_run(para(root, "Căn cứ Nghị quyết"), i=False)
        set_text(para(root, "Căn cứ Kế hoạch"), PLAN_BASES[1][:-1] + ";")
    assert_fires(break_docx(good_plan_docx(), fn), rule)


def test_a_short_numbered_item_after_long_ones_is_a_list_item():
    def fn(root):
        last = para(root, "Tiếp tục thực hiện")
        one = insert_after(last, "1. Căn cứ khoản 3 Điều 15 Nghị định số 126/2024/NĐ-CP, Sở Y tế đề nghị "
                                 "bổ sung kinh phí thực hiện;")
        insert_after(one, "2. Về nội dung thông báo")
    assert_fires(edit(fn), None)


def test_a_letter_word_numbers_itself_continues_a_run_of_diem():
    """`Kết quả …` numbered a) by Word (w:numPr), then a typed `b)`."""
    def fn(root):
        last = para(root, "Tiếp tục thực hiện")
        auto = insert_after(last, "Kết quả đánh giá tổng hợp chung của các đơn vị trực thuộc.")
        p_pr = auto.find(f"{W}pPr")
        if p_pr is None:
            p_pr = etree.Element(f"{W}pPr")
            auto.insert(0, p_pr)
        num = etree.SubElement(p_pr, f"{W}numPr")
        etree.SubElement(num, f"{W}ilvl").set(f"{W}val", "0")
        etree.SubElement(num, f"{W}numId").set(f"{W}val", "1")
        insert_after(auto, "b) Kết quả đánh giá đối với tiêu chí công khai, minh bạch.")
    assert_fires(edit(fn), None)


def test_trich_yeu_in_a_one_cell_table_under_the_title():
    def fn(root):
        p = para(root, "Kết quả thực hiện")
        remove(p.find(f"{W}pPr/{W}pBdr"))
        tbl = etree.fromstring(
            f'<w:tbl xmlns:w="{W_NS}"><w:tblGrid><w:gridCol w:w="8000"/></w:tblGrid><w:tr><w:tc/></w:tr></w:tbl>'
        )
        p.addprevious(tbl)
        tbl.find(f"{W}tr/{W}tc").append(p)
        line = etree.fromstring(f'<w:p xmlns:w="{W_NS}"><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6"/>'
                                '</w:pBdr><w:jc w:val="center"/></w:pPr></w:p>')
        tbl.addnext(line)
    assert_fires(edit(fn), None)


# -- fonts: only the Latin slots, defaults and theme resolved -------------------------------


def _default_fonts(**attrs: str):
    def fn(root):
        fonts = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
        for attr in list(fonts.attrib):
            del fonts.attrib[attr]
        for k, v in attrs.items():
            fonts.set(f"{W}{k}", v)
        normal = root.find(f"{W}style[@{W}styleId='Normal']/{W}rPr")
        remove(normal.find(f"{W}rFonts"))
    return break_docx(GOOD, fn, "word/styles.xml")


@pytest.mark.parametrize("attrs,rule", [
    ({"ascii": "Times New Roman", "hAnsi": "Times New Roman", "cstheme": "minorBidi"}, None),
    ({"ascii": "Times New Roman", "hAnsi": "Times New Roman", "cs": "Arial", "eastAsia": "SimSun"}, None),
    ({"ascii": "Times New Roman", "hAnsi": "Arial"}, "font"),
    ({"ascii": "Arial", "hAnsi": "Times New Roman"}, "font"),
    ({"cs": "Times New Roman"}, "font"),
])
def test_fonts_from_the_document_defaults(attrs, rule):
    """Issue 11, item 9: a font "not set" where the defaults give Times New Roman to Latin text."""
    findings = check_docx(_default_fonts(**attrs))
    assert {f.rule_id for f in findings} == ({rule} if rule else set())


# -- what a second, held-out sample of real documents showed ---------------------------------


@pytest.mark.parametrize("text,rule", [
    ("Sở Y tế đã ban hành kế hoạch thực hiện.", None),  # one line: left or justified look the same
    ("Sở Y tế đã ban hành kế hoạch thực hiện, phân công nhiệm vụ cụ thể cho các phòng chuyên môn "
     "và đơn vị trực thuộc, bảo đảm đúng tiến độ và yêu cầu của Ủy ban nhân dân tỉnh.", "body-justify"),
])
def test_justification_matters_from_two_lines(text, rule):
    def fn(root):
        p = para(root, BODY)
        set_text(p, text)
        set_ppr(p, "jc", val="left")
    assert_fires(edit(fn), rule)


@pytest.mark.parametrize("color,rule", [("000000", None), ("202020", None), ("212121", "font-color"),
                                        ("0000FF", "font-color")])
def test_near_black_prints_as_black(color, rule):
    assert_fires(edit(lambda root: set_run(para(root, BODY), color=color)), rule)


def test_a_heading_number_typed_without_its_space():
    """`1.1.Tuyên truyền` is still heading 1.1. (the text follows the number directly)."""
    plan = good_plan_docx()
    data = break_docx(plan, lambda root: set_text(para(root, "1.1. Tuyên truyền"), "1.1.Tuyên truyền, quán triệt"))
    assert_fires(data, None)


def test_a_font_in_a_header_word_never_shows_is_not_judged():
    from check_fixtures import add_header
    arial = PAGE_PARAGRAPH.replace("<w:rPr>", '<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/>')
    assert_fires(add_header(GOOD, 1, arial, "header", "even"), None)


def test_a_long_noi_nhan_item_may_go_on_to_the_next_line():
    def fn(root):
        item = para(root, "- Sở Nội vụ")
        set_text(item, "- Sở Nội vụ (tổng hợp, gửi Bộ Nội vụ")
        insert_after(item, "qua phần mềm chấm điểm);")
    assert_fires(edit(fn), None)


def _nest_in_one_cell(table, grid: tuple[int, ...]) -> None:
    """Move `table` into the single cell of a new table whose grid has columns `grid` (twips)."""
    cols = "".join(f'<w:gridCol w:w="{w}"/>' for w in grid)
    outer = etree.fromstring(f'<w:tbl xmlns:w="{W_NS}"><w:tblGrid>{cols}</w:tblGrid><w:tr><w:tc/></w:tr></w:tbl>')
    table.addprevious(outer)
    cell = outer.find(f"{W}tr/{W}tc")
    cell.append(table)
    etree.SubElement(cell, f"{W}p")


def test_a_signature_table_nested_in_a_cell():
    """Nơi nhận and the signer in a two-column table inside a one-cell table."""
    assert_fires(edit(lambda root: _nest_in_one_cell(root.find(f"{W}body").findall(f"{W}tbl")[-1], (9000,))), None)


# -- what a third sample showed -----------------------------------------------------------------


@pytest.mark.parametrize("grid", [(4500, 4500), (9000,)], ids=["two-grid-columns", "one-grid-column"])
def test_a_page_1_block_nested_in_a_cell(grid):
    """The page-1 block's two columns inside a table of one cell (layouts seen in real files)."""
    assert_fires(edit(lambda root: _nest_in_one_cell(root.find(f"{W}body").find(f"{W}tbl"), grid)), None)


def test_a_page_number_centred_by_a_tab_stop():
    def fn(root):
        p = root.find(f".//{W}p")
        set_ppr(p, "jc", val="left")
        tabs = etree.SubElement(p.find(f"{W}pPr"), f"{W}tabs")
        tab = etree.SubElement(tabs, f"{W}tab")
        tab.set(f"{W}val", "center")
        tab.set(f"{W}pos", "4535")  # the middle of 155 mm of text width
        r = etree.Element(f"{W}r")
        etree.SubElement(r, f"{W}tab")
        p.find(f"{W}fldSimple").addprevious(r)
    assert_fires(break_docx(GOOD, fn, header_part(GOOD)), None)


def test_a_capitals_line_in_the_body_is_not_judged_as_text():
    """`QUYẾT ĐỊNH:` over a decision's articles, pushed to the middle by an indent."""
    def fn(root):
        p = insert_after(para(root, "Tiếp tục thực hiện"), "QUYẾT ĐỊNH:")
        set_ppr(p, "ind", firstLine="3810")
    assert_fires(edit(fn), None)


def test_a_quoted_diem_opens_its_run():
    def fn(root):
        one = insert_after(para(root, "Tiếp tục thực hiện"), "“a) Trong thời hạn 60 ngày, hội tổ chức đại hội;")
        insert_after(one, "b) Hội báo cáo kết quả đại hội theo quy định.”")
    assert_fires(edit(fn), None)


def test_a_boxed_du_thao_above_the_title():
    """A one-cell table marking a draft (`Dự thảo`) does not hide the title under it."""
    def fn(root):
        box = etree.fromstring(
            f'<w:tbl xmlns:w="{W_NS}"><w:tblGrid><w:gridCol w:w="1500"/></w:tblGrid><w:tr><w:tc>'
            f'<w:p><w:r><w:rPr><w:b/><w:sz w:val="28"/></w:rPr><w:t>Dự thảo</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
        )
        para(root, "BÁO CÁO").addprevious(box)
    assert_fires(edit(fn), None)


def _typed_page1(root) -> None:
    """The page-1 table replaced by lines typed in two columns, separated by tabs."""
    body = root.find(f"{W}body")
    table = body.find(f"{W}tbl")
    rows = [
        (("UBND TỈNH THANH HÓA", 26, False, False), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 24, True, False)),
        (("SỞ Y TẾ", 26, True, False), ("Độc lập - Tự do - Hạnh phúc", 26, True, False)),
        (("_______", 26, False, False), ("______________________", 26, False, False)),
        (("Số: 15/BC-SYT", 26, False, False), ("Thanh Hóa, ngày 08 tháng 12 năm 2024", 28, False, True)),
    ]
    for left, right in rows:
        p = etree.SubElement(body, f"{W}p")
        for k, (text, size, bold, italic) in enumerate((left, right)):
            r = etree.SubElement(p, f"{W}r")
            r_pr = etree.SubElement(r, f"{W}rPr")
            etree.SubElement(r_pr, f"{W}b").set(f"{W}val", "1" if bold else "0")
            etree.SubElement(r_pr, f"{W}i").set(f"{W}val", "1" if italic else "0")
            etree.SubElement(r_pr, f"{W}sz").set(f"{W}val", str(size))
            if k:
                etree.SubElement(r, f"{W}tab")
                etree.SubElement(r, f"{W}tab")
            t = etree.SubElement(r, f"{W}t")
            t.text = text
        table.addprevious(p)
    body.remove(table)


def test_a_page_1_block_typed_in_two_columns_with_tabs():
    """Lines `UBND TỈNH…<tab><tab>CỘNG HÒA…`: each element is read from its own column."""
    assert rules_of(edit(_typed_page1)) == {"layout", "typed-line"}
