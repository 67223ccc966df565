"""A fully Decree-30-compliant .docx for the `check` tests, and helpers that break one thing.

`good_docx()` builds a report (`BÁO CÁO`) of Sở Y tế to the provincial People's
Committee with python-docx plus lxml edits: A4, margins 25/20/35/20 mm, Times New Roman
14 through the document defaults and the Normal style, the page-1 table, real lines as
paragraph borders, title, trích yếu, `Kính gửi`, headings and body, an indicator table,
the signature table with `Nơi nhận`, and a PAGE field in the default header with
`w:titlePg` so that page 1 shows no number.

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
from docx.enum.section import WD_ORIENT
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


def _page_one_table(doc) -> None:
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = Cm(6.0), Cm(9.5)
    _cell_para(left, "UBND TỈNH THANH HÓA", True, size=13)
    _cell_para(left, "SỞ Y TẾ", False, size=13, bold=True, border=True, indent_lr=Cm(1.8))
    _cell_para(left, "Số: 15/BC-SYT", False, size=13, before=6)
    _cell_para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, size=12, bold=True)
    _cell_para(right, "Độc lập - Tự do - Hạnh phúc", False, size=13, bold=True, border=True,
               indent_lr=Cm(1.6))
    _cell_para(right, "Thanh Hóa, ngày 08 tháng 12 năm 2024", False, size=14, italic=True, before=6)


def _indicator_table(doc, table_rows: int) -> None:
    samples = [("Tỷ lệ bao phủ bảo hiểm y tế", "%", "93,5"), ("Tuổi thọ trung bình", "tuổi", "74,6")]
    rows = [("TT", "Chỉ tiêu", "Đơn vị tính", "Năm 2024")]
    rows += [(str(i + 1), *samples[i % 2]) for i in range(table_rows)]
    table = doc.add_table(rows=len(rows), cols=4)
    table.style = doc.styles["Table Grid"]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            _cell_para(table.rows[r].cells[c], value, True, size=13, bold=(r == 0))


def _signature_table(doc) -> None:
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = Cm(7.5), Cm(8.0)
    _cell_para(left, "Nơi nhận:", True, size=12, bold=True, italic=True, align="left", before=6)
    items = ["- Như trên;", "- Sở Nội vụ;", "- Lưu: VT, NVY."]
    for item in items:
        _cell_para(left, item, False, size=11, align="left")
    _cell_para(right, "KT. GIÁM ĐỐC", True, size=14, bold=True, before=6)
    _cell_para(right, "PHÓ GIÁM ĐỐC", False, size=14, bold=True)
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
