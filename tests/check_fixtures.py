"""A fully Decree-30-compliant .docx for the `check` tests, and helpers that break one thing.

`good_docx()` builds a report (`BÁO CÁO`) of Sở Y tế to the provincial People's
Committee with python-docx plus lxml edits: A4, margins 25/20/35/20 mm, Times New Roman
14 through the document defaults and the Normal style, the page-1 table, real lines as
paragraph borders, title, trích yếu, `Kính gửi`, headings and body, an indicator table,
the signature table with `Nơi nhận`, and a PAGE field in the default header with
`w:titlePg` so that page 1 shows no number.

`good_plan_docx()` is a compliant plan (`KẾ HOẠCH`) with what the report has not: căn cứ
lines, a heading ladder down to `1.1.` and điểm `a)` … `g)`, a footnote, a text box, and
two appendices in sections of their own that inherit the header and number their pages
from 1. `good_decision_docx()` is the same retitled `QUYẾT ĐỊNH`: the căn cứ lines are
judged as a căn cứ block only there (a Kế hoạch's model, Mẫu 1.4, has none).

`break_docx(data, edit)` parses a part, lets `edit(root)` change it, and re-packs the
package: each test breaks exactly one thing this way.
"""

from __future__ import annotations

import copy
import functools
import io
import zipfile
from collections.abc import Callable

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from lxml import etree

FONT = "Times New Roman"

BODY_TEXTS = [
    "Thực hiện Kế hoạch số 68/KH-UBND ngày 08/3/2024 của Ủy ban nhân dân tỉnh về thực hiện "
    "Nghị quyết số 42-NQ/TW, Sở Y tế báo cáo kết quả thực hiện năm 2024 như sau:",
    "Sở Y tế đã ban hành kế hoạch thực hiện, phân công nhiệm vụ cụ thể cho các phòng chuyên môn "
    "và đơn vị trực thuộc, bảo đảm đúng tiến độ và yêu cầu của Ủy ban nhân dân tỉnh.",
    "- Tổ chức quán triệt nội dung Nghị quyết đến toàn thể cán bộ, công chức, viên chức;",
    "- Lồng ghép các chỉ tiêu vào kế hoạch phát triển kinh tế - xã hội của ngành.",
    "Tỷ lệ dân số tham gia bảo hiểm y tế ước đạt 93,5%, tăng 1,2 điểm phần trăm so với năm 2023; "
    "tuổi thọ trung bình ước đạt 74,6 tuổi.",
]


@functools.lru_cache(maxsize=4)
def good_docx(body_paragraphs: int = 0, table_rows: int = 2) -> bytes:
    """The compliant document; more body paragraphs and indicator rows make it longer (bench)."""
    doc = Document()
    _set_defaults(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.orientation = WD_ORIENT.PORTRAIT
    section.top_margin, section.bottom_margin = Mm(25), Mm(20)
    section.left_margin, section.right_margin = Mm(35), Mm(20)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    _page_number_header(section)

    _page_one_table(doc)
    _para(doc, "BÁO CÁO", bold=True, align="center", before=12)
    _para(doc, "Kết quả thực hiện Kế hoạch số 68/KH-UBND năm 2024", bold=True, align="center",
          border=True, indent_lr=Cm(4.5), after=12)
    _para(doc, "Kính gửi: Ủy ban nhân dân tỉnh Thanh Hóa.", align="center", after=12)
    _para(doc, BODY_TEXTS[0])
    _para(doc, "I. KẾT QUẢ THỰC HIỆN", bold=True)
    _para(doc, "1. Công tác chỉ đạo, điều hành", bold=True)
    for text in BODY_TEXTS[1:4]:
        _para(doc, text)
    _para(doc, "2. Kết quả thực hiện các chỉ tiêu", bold=True)
    _para(doc, BODY_TEXTS[4])
    for i in range(body_paragraphs):
        if i % 25 == 0:
            _para(doc, f"{i // 25 + 3}. Nhiệm vụ {i // 25 + 3}", bold=True)
        _para(doc, BODY_TEXTS[1 + i % 4])
    _indicator_table(doc, table_rows)
    _para(doc, "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025", bold=True)
    _para(doc, "Tiếp tục thực hiện có hiệu quả các mục tiêu, nhiệm vụ của Kế hoạch số 68/KH-UBND; "
               "tăng cường kiểm tra, đôn đốc các đơn vị trực thuộc.")
    _signature_table(doc)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


# -- breaking one thing -----------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
NSMAP = {"w": W_NS}


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def pack(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in parts.items():
            zf.writestr(name, content)
    return buf.getvalue()


def break_docx(data: bytes, edit: Callable[[etree._Element], object], part: str = "word/document.xml") -> bytes:
    """A copy of `data` with `edit(root)` applied to the parsed `part`."""
    parts = parts_of(data)
    root = etree.fromstring(parts[part])
    edit(root)
    parts[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return pack(parts)


def header_part(data: bytes) -> str:
    """The part name of the default header of the first section."""
    parts = parts_of(data)
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    doc = etree.fromstring(parts["word/document.xml"])
    ref = doc.find(f".//{W}sectPr/{W}headerReference[@{W}type='default']")
    rid = ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    for rel in rels:
        if rel.get("Id") == rid:
            return "word/" + rel.get("Target")
    raise KeyError(rid)


def para(root: etree._Element, starts: str, nth: int = 0) -> etree._Element:
    """The `nth` paragraph whose visible text starts with `starts`."""
    found = [p for p in root.iter(f"{W}p") if _text(p).startswith(starts)]
    if len(found) <= nth:
        raise AssertionError(f"no paragraph starting with {starts!r}")
    return found[nth]


def set_run(p: etree._Element, **props: object) -> None:
    """Set direct run properties on every run of `p`: b, i, u, sz (pt), font, color, caps."""
    for r in p.iter(f"{W}r"):
        r_pr = r.find(f"{W}rPr")
        if r_pr is None:
            r_pr = etree.SubElement(r, f"{W}rPr")
            r.insert(0, r_pr)
        for key, value in props.items():
            tag = {"font": "rFonts"}.get(key, key)
            for old in r_pr.findall(f"{W}{tag}"):
                r_pr.remove(old)
            el = etree.SubElement(r_pr, f"{W}{tag}")
            if key == "font":
                for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
                    el.set(f"{W}{slot}", str(value))
            elif key == "sz":
                el.set(f"{W}val", str(int(float(value) * 2)))
            elif isinstance(value, bool):
                el.set(f"{W}val", "1" if value else "0")
            else:
                el.set(f"{W}val", str(value))


def set_text(p: etree._Element, text: str) -> None:
    """Replace the visible text of `p` (kept in its first run)."""
    runs = [r for r in p.iter(f"{W}r") if r.find(f"{W}t") is not None]
    first = runs[0]
    for t in first.findall(f"{W}t"):
        first.remove(t)
    for br in first.findall(f"{W}br"):
        first.remove(br)
    for i, line in enumerate(text.split("\n")):
        if i:
            etree.SubElement(first, f"{W}br")
        t = etree.SubElement(first, f"{W}t")
        t.text = line
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    for r in runs[1:]:
        r.getparent().remove(r)


def set_ppr(p: etree._Element, child: str, **attrs: str) -> None:
    """Replace the pPr child `child` (jc, ind, spacing...) of `p` with one having `attrs`."""
    p_pr = p.find(f"{W}pPr")
    if p_pr is None:
        p_pr = etree.Element(f"{W}pPr")
        p.insert(0, p_pr)
    for old in p_pr.findall(f"{W}{child}"):
        p_pr.remove(old)
    el = etree.SubElement(p_pr, f"{W}{child}")
    for key, value in attrs.items():
        el.set(f"{W}{key}", value)
    _order_ppr(p_pr)


def remove(el: etree._Element | None) -> None:
    if el is not None:
        el.getparent().remove(el)


def insert_after(p: etree._Element, text: str) -> etree._Element:
    """A copy of `p` with `text`, inserted right after it."""
    new = copy.deepcopy(p)
    remove(new.find(f"{W}pPr/{W}pBdr"))
    set_text(new, text)
    p.addnext(new)
    return new


# -- the compliant plan ----------------------------------------------------------------


PLAN_BASES = [
    "Căn cứ Nghị quyết số 42-NQ/TW ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII "
    "về tiếp tục đổi mới, nâng cao chất lượng chính sách xã hội;",
    "Căn cứ Kế hoạch số 68/KH-UBND ngày 08/3/2024 của Ủy ban nhân dân tỉnh Thanh Hóa thực hiện "
    "Nghị quyết số 42-NQ/TW.",
]
PLAN_DIEM = [
    "Tổ chức hội nghị quán triệt Nghị quyết đến cán bộ, công chức, viên chức;",
    "Đăng tải tin, bài tuyên truyền trên cổng thông tin điện tử của Sở;",
    "Biên soạn tài liệu tuyên truyền về chính sách bảo hiểm y tế;",
    "Phối hợp với cơ quan báo chí đưa tin về kết quả thực hiện;",
    "Tuyên truyền trên hệ thống thông tin cơ sở;",
    "Tổ chức đối thoại với người dân về chính sách xã hội;",
    "Sơ kết, đánh giá công tác tuyên truyền hằng năm.",
]
FOOTNOTE_TEXT = "Tính đến ngày 30/11/2024, theo số liệu của Bảo hiểm xã hội tỉnh."
TEXT_BOX_TEXT = "Số liệu ước thực hiện"


@functools.lru_cache(maxsize=1)
def good_plan_docx() -> bytes:
    """The compliant plan: căn cứ, the heading ladder with điểm, a footnote, a text box, appendices."""
    doc = Document()
    _set_defaults(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(25), Mm(20)
    section.left_margin, section.right_margin = Mm(35), Mm(20)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    _page_number_header(section)

    _page_one_table(doc, "Số: 45/KH-SYT", "Thanh Hóa, ngày 02 tháng 4 năm 2024")
    _para(doc, "KẾ HOẠCH", bold=True, align="center", before=12)
    _para(doc, "Thực hiện Kế hoạch số 68/KH-UBND năm 2024", bold=True, align="center",
          border=True, indent_lr=Cm(4.5), after=12)
    for text in PLAN_BASES:
        _para(doc, text, italic=True)
    _para(doc, "Sở Y tế ban hành Kế hoạch thực hiện năm 2024 như sau:")
    _para(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    _para(doc, "1. Mục đích", bold=True)
    _para(doc, BODY_TEXTS[1])
    _para(doc, "2. Yêu cầu", bold=True)
    _para(doc, BODY_TEXTS[2])
    _para(doc, "II. NHIỆM VỤ, GIẢI PHÁP", bold=True)
    _para(doc, "1. Nhiệm vụ chủ trì thực hiện", bold=True)
    _para(doc, "1.1. Tuyên truyền, quán triệt Nghị quyết", bold=True, italic=True)
    for letter, text in zip("a b c d đ e g".split(), PLAN_DIEM, strict=True):
        _para(doc, f"{letter}) {text}")
    _para(doc, "1.2. Nâng cao năng lực quản lý nhà nước về chính sách xã hội", bold=True, italic=True)
    _para(doc, "a) Rà soát, đề xuất đơn giản hóa thủ tục hành chính;")
    _para(doc, "b) Kiểm tra việc thực hiện chính sách tại các đơn vị trực thuộc.")
    _para(doc, "2. Nhiệm vụ phối hợp", bold=True)
    _footnote_reference(_para(doc, BODY_TEXTS[4]))
    _text_box(_para(doc, BODY_TEXTS[3]))
    _para(doc, "III. TỔ CHỨC THỰC HIỆN", bold=True)
    _para(doc, "Các phòng chuyên môn, đơn vị trực thuộc Sở Y tế căn cứ nhiệm vụ được giao tổ chức thực hiện.")
    _signature_table(doc, ("- UBND tỉnh (để b/c);", "- Sở Lao động - Thương binh và Xã hội;", "- Lưu: VT, NVY."),
                     ("GIÁM ĐỐC",))
    _appendix(doc, "Phụ lục I", "DANH MỤC NHIỆM VỤ THỰC HIỆN NĂM 2024", landscape=True, rows=30)
    _appendix(doc, "Phụ lục II", "CHỈ TIÊU THỰC HIỆN ĐẾN NĂM 2030", landscape=False, rows=1)
    buf = io.BytesIO()
    doc.save(buf)
    return _with_footnotes(buf.getvalue())


@functools.lru_cache(maxsize=1)
def good_decision_docx() -> bytes:
    """The plan retitled `QUYẾT ĐỊNH` (`Số: 45/QĐ-SYT`): the type whose model has a căn cứ block."""
    def retitle(root):
        set_text(para(root, "KẾ HOẠCH"), "QUYẾT ĐỊNH")
        set_text(para(root, "Số:"), "Số: 45/QĐ-SYT")
    return break_docx(good_plan_docx(), retitle)


@functools.lru_cache(maxsize=1)
def one_page_letter_docx() -> bytes:
    """The report cut to one page: no indicator table, two body paragraphs."""
    def cut(root):
        body = root.find(f"{W}body")
        for tbl in body.findall(f"{W}tbl")[1:-1]:
            body.remove(tbl)
        for starts in ("I. KẾT QUẢ", "1. Công tác", "- Tổ chức", "- Lồng ghép", "2. Kết quả", "Tỷ lệ dân số",
                       "II. PHƯƠNG HƯỚNG", "Tiếp tục thực hiện"):
            remove(para(root, starts))
    return break_docx(good_docx(), cut)


@functools.lru_cache(maxsize=2)
def appendix_file_docx(landscape: bool = True) -> bytes:
    """An appendix issued as a file of its own: `Phụ lục`, title, `(Kèm theo …)`, a table."""
    doc = Document()
    _set_defaults(doc)
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(35), Mm(20)
        section.left_margin, section.right_margin = Mm(20), Mm(25)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(25), Mm(20)
        section.left_margin, section.right_margin = Mm(35), Mm(20)
    _para(doc, "Phụ lục", bold=True, align="center", size=14)
    _para(doc, "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2024", bold=True, align="center")
    _para(doc, "(Kèm theo Báo cáo số 15/BC-SYT ngày 08/12/2024", italic=True, align="center")
    _para(doc, "của Sở Y tế tỉnh Thanh Hóa)", italic=True, align="center", after=12)
    _indicator_table(doc, 3)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _appendix(doc, label: str, title: str, *, landscape: bool, rows: int) -> None:
    """A new section numbered from 1, no number on its first page, headers inherited.

    30 rows make a landscape appendix two pages long, so that LibreOffice keeps its
    first-page and following-page headers apart when it saves the document again.
    """
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
    num_type = OxmlElement("w:pgNumType")
    num_type.set(qn("w:start"), "1")
    section._sectPr.insert_element_before(num_type, "w:cols", "w:formProt", "w:vAlign", "w:noEndnote",
                                          "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter",
                                          "w:docGrid", "w:printerSettings", "w:sectPrChange")
    _para(doc, label, bold=True, align="center", size=14)
    _para(doc, title, bold=True, align="center")
    _para(doc, "(Kèm theo Kế hoạch số 45/KH-SYT ngày 02/4/2024 của Sở Y tế)", italic=True, align="center",
          after=12)
    table = doc.add_table(rows=rows + 1, cols=3)
    table.style = doc.styles["Table Grid"]
    lines = [(str(i), f"Tuyên truyền Nghị quyết, đợt {i}", "Năm 2024") for i in range(1, rows + 1)]
    for r, values in enumerate([("TT", "Nội dung", "Thời gian"), *lines]):
        for c, value in enumerate(values):
            _cell_para(table.rows[r].cells[c], value, True, size=13, bold=(r == 0))


def _footnote_reference(p) -> None:
    run = OxmlElement("w:r")
    r_pr = OxmlElement("w:rPr")
    va = OxmlElement("w:vertAlign")
    va.set(qn("w:val"), "superscript")
    r_pr.append(va)
    run.append(r_pr)
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), "1")
    run.append(ref)
    p._p.append(run)


_FOOTNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="{W_NS}">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:pPr><w:ind w:firstLine="0"/><w:jc w:val="both"/></w:pPr>
<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>
<w:r><w:rPr><w:sz w:val="20"/></w:rPr><w:t xml:space="preserve"> {FOOTNOTE_TEXT}</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""


def _with_footnotes(data: bytes) -> bytes:
    """Add `word/footnotes.xml` (python-docx writes none) with its relationship and content type."""
    parts = parts_of(data)
    parts["word/footnotes.xml"] = _FOOTNOTES.encode()
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    rel = etree.SubElement(rels, f"{{{_PR_NS}}}Relationship")
    rel.set("Id", "rIdFootnotes")
    rel.set("Type", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes")
    rel.set("Target", "footnotes.xml")
    parts["word/_rels/document.xml.rels"] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8")
    types = etree.fromstring(parts["[Content_Types].xml"])
    override = etree.SubElement(types, f"{{{_CT_NS}}}Override")
    override.set("PartName", "/word/footnotes.xml")
    override.set("ContentType", "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml")
    parts["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8")
    return pack(parts)


_PR_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_V_NS = "urn:schemas-microsoft-com:vml"


def _text_box(p) -> None:
    """A floating text box saved the way Word saves it: a DrawingML choice and a VML fallback."""
    box_p = f"""<w:p xmlns:w="{W_NS}"><w:pPr><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr>
<w:r><w:rPr><w:i/><w:sz w:val="24"/></w:rPr><w:t>{TEXT_BOX_TEXT}</w:t></w:r></w:p>"""
    xml = f"""<mc:AlternateContent xmlns:mc="{_MC_NS}" xmlns:w="{W_NS}" xmlns:wp="{_WP_NS}"
 xmlns:wps="{_WPS_NS}" xmlns:a="{_A_NS}" xmlns:v="{_V_NS}">
<mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300"
 simplePos="0" relativeHeight="2" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">
<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="margin"><wp:align>right</wp:align></wp:positionH>
<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>
<wp:extent cx="1800000" cy="360000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapSquare wrapText="bothSides"/>
<wp:docPr id="10" name="Hộp văn bản 1"/><wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1800000" cy="360000"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:ln w="6350"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr>
<wps:txbx><w:txbxContent>{box_p}</w:txbxContent></wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square"
 lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t"><a:noAutofit/></wps:bodyPr></wps:wsp>
</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:shape id="hop1" style="position:absolute;width:141.75pt;height:28.35pt;mso-position-horizontal:right"
 type="#_x0000_t202"><v:textbox><w:txbxContent>{box_p}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
</mc:AlternateContent>"""
    run = OxmlElement("w:r")
    run.append(etree.fromstring(xml))
    p._p.append(run)


# -- building the good document ---------------------------------------------------------


def _set_defaults(doc) -> None:
    """Times New Roman 14 in docDefaults and Normal; Normal is the body paragraph."""
    styles = doc.styles.element
    r_pr = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    fonts = r_pr.find(f"{W}rFonts")
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(f"{W}{slot}", FONT)
    r_pr.find(f"{W}sz").set(f"{W}val", "28")
    r_pr.find(f"{W}szCs").set(f"{W}val", "28")
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Cm(1.27)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(6)
    fmt.line_spacing = 1.15
    r_fonts = normal.element.rPr.find(qn("w:rFonts"))
    r_fonts.set(qn("w:cs"), FONT)
    r_fonts.set(qn("w:eastAsia"), FONT)


def _para(container, text: str, *, bold: bool = False, italic: bool = False, size: float | None = None,
          align: str | None = None, border: bool = False, indent_lr=None, before: float | None = None,
          after: float | None = None):
    p = container.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold = bold or None
        run.italic = italic or None
        if size:
            run.font.size = Pt(size)
    fmt = p.paragraph_format
    if align == "center":
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt.first_line_indent = Cm(0)
    if indent_lr is not None:
        fmt.left_indent = indent_lr
        fmt.right_indent = indent_lr
    if before is not None:
        fmt.space_before = Pt(before)
    if after is not None:
        fmt.space_after = Pt(after)
    if border:
        _bottom_border(p)
    return p


def _cell_para(cell, text: str, first: bool, **kwargs):
    p = cell.paragraphs[0] if first else cell.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold = kwargs.get("bold") or None
        run.italic = kwargs.get("italic") or None
        if kwargs.get("size"):
            run.font.size = Pt(kwargs["size"])
    fmt = p.paragraph_format
    fmt.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                     "both": WD_ALIGN_PARAGRAPH.JUSTIFY}[kwargs.get("align", "center")]
    fmt.first_line_indent = Cm(0)
    fmt.space_after = Pt(kwargs.get("after", 0))
    fmt.space_before = Pt(kwargs.get("before", 0))
    fmt.line_spacing = 1.0
    if kwargs.get("border"):
        if kwargs.get("indent_lr"):
            fmt.left_indent = fmt.right_indent = kwargs["indent_lr"]
        _bottom_border(p)
    return p


def _page_one_table(doc, so: str = "Số: 15/BC-SYT", date: str = "Thanh Hóa, ngày 08 tháng 12 năm 2024") -> None:
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = Cm(6.0), Cm(9.5)
    _cell_para(left, "UBND TỈNH THANH HÓA", True, size=13)
    _cell_para(left, "SỞ Y TẾ", False, size=13, bold=True, border=True, indent_lr=Cm(1.8))
    _cell_para(left, so, False, size=13, before=6)
    _cell_para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, size=12, bold=True)
    _cell_para(right, "Độc lập - Tự do - Hạnh phúc", False, size=13, bold=True, border=True,
               indent_lr=Cm(1.6))
    _cell_para(right, date, False, size=14, italic=True, before=6)


def _indicator_table(doc, table_rows: int) -> None:
    samples = [("Tỷ lệ bao phủ bảo hiểm y tế", "%", "93,5"), ("Tuổi thọ trung bình", "tuổi", "74,6")]
    rows = [("TT", "Chỉ tiêu", "Đơn vị tính", "Năm 2024")]
    rows += [(str(i + 1), *samples[i % 2]) for i in range(table_rows)]
    table = doc.add_table(rows=len(rows), cols=4)
    table.style = doc.styles["Table Grid"]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            _cell_para(table.rows[r].cells[c], value, True, size=13, bold=(r == 0))


def _signature_table(doc, items=("- Như trên;", "- Sở Nội vụ;", "- Lưu: VT, NVY."),
                     authority=("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")) -> None:
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = Cm(7.5), Cm(8.0)
    _cell_para(left, "Nơi nhận:", True, size=12, bold=True, italic=True, align="left", before=6)
    for item in items:
        _cell_para(left, item, False, size=11, align="left")
    for k, line in enumerate(authority):
        _cell_para(right, line, k == 0, size=14, bold=True, before=6 if k == 0 else 0)
    for _ in range(4):
        _cell_para(right, "", False)
    _cell_para(right, "Nguyễn Văn An", False, size=14, bold=True)


def _page_number_header(section) -> None:
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Cm(0)
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    r_pr = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), "28")
    r_pr.append(sz)
    run.append(r_pr)
    t = OxmlElement("w:t")
    t.text = "2"
    run.append(t)
    fld.append(run)
    p._p.append(fld)


def _bottom_border(p) -> None:
    p_pr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "auto")):
        bottom.set(qn(f"w:{key}"), value)
    bdr.append(bottom)
    p_pr.append(bdr)
    _order_ppr(p_pr)


# Schema order of the pPr children we touch (Word is strict about it).
_PPR_ORDER = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
              "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku",
              "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
              "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
              "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
              "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"]


def _order_ppr(p_pr) -> None:
    children = list(p_pr)
    rank = {name: i for i, name in enumerate(_PPR_ORDER)}
    children.sort(key=lambda el: rank.get(etree.QName(el).localname, len(rank)))
    for el in children:
        p_pr.append(el)


def _text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t"))


def edit_docx(data: bytes, edit: Callable[[object], object]) -> bytes:
    """A copy of `data` changed through python-docx: `edit(document)`."""
    doc = Document(io.BytesIO(data))
    edit(doc)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def section_pr(root: etree._Element) -> etree._Element:
    """The body's final `w:sectPr` (section 1 of the good document)."""
    return root.find(f"{W}body/{W}sectPr")


def section_prs(root: etree._Element) -> list[etree._Element]:
    """Every `w:sectPr` of the body, section 1 first."""
    body = root.find(f"{W}body")
    return [*body.iterfind(f"{W}p/{W}pPr/{W}sectPr"), body.find(f"{W}sectPr")]


def add_header(data: bytes, section: int, content: str, kind: str = "header", ref_type: str = "default") -> bytes:
    """A copy of `data` whose `section` (1-based) has its own header (or footer) part.

    `content` is the part's inner XML (paragraphs, `w:` prefix); the part, its
    relationship, its content type and the section's reference are all added.
    """
    parts = parts_of(data)
    name = f"{kind}_s{section}_{ref_type}.xml"
    tag = "hdr" if kind == "header" else "ftr"
    parts[f"word/{name}"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{tag} xmlns:w="{W_NS}">{content}</w:{tag}>'
    ).encode()
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    rel = etree.SubElement(rels, f"{{{_PR_NS}}}Relationship")
    rel_id = f"rIdS{section}{kind}{ref_type}"
    rel.set("Id", rel_id)
    rel.set("Type", f"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}")
    rel.set("Target", name)
    parts["word/_rels/document.xml.rels"] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8")
    types = etree.fromstring(parts["[Content_Types].xml"])
    override = etree.SubElement(types, f"{{{_CT_NS}}}Override")
    override.set("PartName", f"/word/{name}")
    override.set("ContentType", f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml")
    parts["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8")
    root = etree.fromstring(parts["word/document.xml"])
    sect = section_prs(root)[section - 1]
    ref = etree.Element(f"{W}{kind}Reference")
    ref.set(f"{W}type", ref_type)
    ref.set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id", rel_id)
    sect.insert(0, ref)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return pack(parts)


PAGE_PARAGRAPH = (
    '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:fldSimple w:instr=" PAGE "><w:r><w:rPr><w:sz w:val="28"/>'
    "</w:rPr><w:t>2</w:t></w:r></w:fldSimple></w:p>"
)
EMPTY_PARAGRAPH = "<w:p/>"
