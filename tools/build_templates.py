"""Write the bundled Word templates from scratch: run by hand, commit the .docx it writes.

    .venv/bin/python tools/build_templates.py            # writes reportgen/bundled/templates/*.docx

The committed .docx files are the source of truth: users edit them in Word and the tests run
on them; nothing at run time calls this script. It exists so the first version of each
template is exact (Decree 30/2020: A4, margins 25/20/35/20 mm, Times New Roman, the page-1
block, drawn lines, the signature block, page numbers from page 2) and reviewable as code.

The XML is written by hand (not python-docx) to control every property: named paragraph
styles carry the formatting (a secretariat changes a style once), direct formatting is kept
to the few places the decree varies inside one style.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportgen.ooxml import deterministic_zip  # noqa: E402
from reportgen.render.shapes import motto_indent_twips, rule_paragraph_xml  # noqa: E402

OUT = ROOT / "reportgen" / "bundled" / "templates"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FONT = "Times New Roman"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"

# Page geometry (twips): A4, margins top 25, bottom 20, left 35, right 20 mm.
PAGE_W, PAGE_H = 11906, 16838
MARGINS = {"top": 1417, "bottom": 1134, "left": 1984, "right": 1134, "header": 567, "footer": 567}
TEXT_W = PAGE_W - MARGINS["left"] - MARGINS["right"]          # 8788 = 15.5 cm
LANDSCAPE_TEXT_W = PAGE_H - MARGINS["left"] - MARGINS["right"]  # 13720


def cm(value: float) -> int:
    """Centimetres to twips."""
    return int(round(value / 2.54 * 1440))


# --- small XML writers -------------------------------------------------------------------


def t(text: str) -> str:
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


def run(text: str = "", *, b: bool = False, i: bool = False, sz: float | None = None, extra: str = "",
        extra_rpr: str = "") -> str:
    props = ("<w:b/><w:bCs/>" if b else "") + ("<w:i/><w:iCs/>" if i else "") + extra_rpr
    if sz:
        props += f'<w:sz w:val="{int(sz * 2)}"/><w:szCs w:val="{int(sz * 2)}"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}{extra}{t(text) if text else ''}</w:r>"


def para(*runs: str, style: str | None = None, ppr: str = "") -> str:
    style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
    inner = style_xml + ppr
    return f"<w:p>{f'<w:pPr>{inner}</w:pPr>' if inner else ''}{''.join(runs)}</w:p>"


def p(text: str, style: str | None = None, **fmt) -> str:
    """A paragraph of one run of `text` (Jinja tags included) in `style`."""
    ppr = fmt.pop("ppr", "")
    return para(run(text, **fmt), style=style, ppr=ppr)


def tag(statement: str, style: str | None = None) -> str:
    """A paragraph holding only a docxtpl paragraph tag: `{%p for x in y %}`."""
    return p(f"{{%p {statement} %}}", style)


def cell(content: Iterable[str], width: int, *, span: int = 1, valign: str | None = None, tcpr: str = "") -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    props += tcpr
    if valign:
        props += f'<w:vAlign w:val="{valign}"/>'
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{''.join(content)}</w:tc>"


def row(cells: Iterable[str], *, header: bool = False, cant_split: bool = True) -> str:
    props = ("<w:cantSplit/>" if cant_split else "") + ("<w:tblHeader/>" if header else "")
    return f"<w:tr>{f'<w:trPr>{props}</w:trPr>' if props else ''}{''.join(cells)}</w:tr>"


def tag_row(statement: str, columns: int, widths: list[int]) -> str:
    """A table row holding only a docxtpl row tag: `{%tr for x in y %}`."""
    return row([cell([p(f"{{%tr {statement} %}}", "ND30TableText")], sum(widths), span=columns)])


def table(rows: Iterable[str], widths: list[int], *, borders: bool, indent: int = 0, style: str | None = None) -> str:
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    edges = ("top", "left", "bottom", "right", "insideH", "insideV")
    if borders:
        bdr = "".join(f'<w:{e} w:val="single" w:sz="4" w:space="0" w:color="000000"/>' for e in edges)
    else:
        bdr = "".join(f'<w:{e} w:val="nil"/>' for e in edges)
    style_xml = f'<w:tblStyle w:val="{style}"/>' if style else ""
    margins = ('<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
               if borders else
               '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>')
    tblpr = (f"<w:tblPr>{style_xml}<w:tblW w:w=\"{sum(widths)}\" w:type=\"dxa\"/>"
             f"<w:tblInd w:w=\"{indent}\" w:type=\"dxa\"/><w:tblBorders>{bdr}</w:tblBorders>"
             f"<w:tblLayout w:type=\"fixed\"/>{margins}"
             f"<w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" "
             f"w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr>")
    return f"<w:tbl>{tblpr}<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def section_properties(*, landscape: bool = False, restart_numbering: bool = False) -> str:
    """A section: A4, the decree's margins, page number header from page 2 (`titlePg`)."""
    width, height = (PAGE_H, PAGE_W) if landscape else (PAGE_W, PAGE_H)
    orient = ' w:orient="landscape"' if landscape else ""
    m = MARGINS
    numbering = '<w:pgNumType w:start="1"/>' if restart_numbering else ""
    return (f'<w:sectPr><w:headerReference w:type="default" r:id="rIdHeaderDefault"/>'
            f'<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>'
            f'<w:pgSz w:w="{width}" w:h="{height}"{orient}/>'
            f'<w:pgMar w:top="{m["top"]}" w:right="{m["right"]}" w:bottom="{m["bottom"]}" w:left="{m["left"]}" '
            f'w:header="{m["header"]}" w:footer="{m["footer"]}" w:gutter="0"/>{numbering}'
            f'<w:cols w:space="720"/><w:titlePg/><w:docGrid w:linePitch="381"/></w:sectPr>')


# --- shared blocks ---------------------------------------------------------------------

# Page-1 table: 16.6 cm, reaching 0.55 cm into each side margin so that the longest issuer
# line (13 pt bold) and the quốc hiệu (12 pt bold) each fit on one line.
HEADER_WIDTHS_CM = (7.2, 9.4)
HEADER_WIDTHS = [cm(w) for w in HEADER_WIDTHS_CM]
HEADER_INDENT = -cm(0.55)


def page_one_block() -> str:
    """Parent and issuer lines with the line under them; quốc hiệu, tiêu ngữ with its line; số; place and date."""
    motto_indent = motto_indent_twips(MOTTO, 14, HEADER_WIDTHS_CM[1])
    left = [
        tag("for line in header.parent_lines"),
        p("{{ line }}", "ND30Block"),
        tag("endfor"),
        tag("for line in header.issuer_lines"),
        p("{{ line }}", "ND30Block", b=True),
        tag("endfor"),
        p(f"{{{{p header.issuer_rule_text | nd30_rule({HEADER_WIDTHS_CM[0]}) }}}}", "ND30Block"),
    ]
    motto_ppr = ('<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'
                 f'<w:ind w:left="{motto_indent}" w:right="{motto_indent}" w:firstLine="0"/>')
    right = [
        p(QUOC_HIEU, "ND30Block", b=True, sz=12),
        p(MOTTO, "ND30Block", b=True, sz=14, ppr=motto_ppr),
    ]
    number = [p("{{ header.so_ky_hieu }}", "ND30Block", ppr='<w:spacing w:before="160" w:after="0"/>')]
    date_ppr = '<w:spacing w:before="160" w:after="0"/>'
    place_date = [   # one line however long the place's name (documents.common.place_date_fit)
        tag('if header.place_date_fit is not defined or header.place_date_fit == "14"'),
        p("{{ header.place_date }}", "ND30Block", i=True, sz=14, ppr=date_ppr),
        tag('elif header.place_date_fit == "13"'),
        p("{{ header.place_date }}", "ND30Block", i=True, sz=13, ppr=date_ppr),
        tag("else"),
        p("{{ header.place_date }}", "ND30Block", i=True, sz=13, ppr=date_ppr,
          extra_rpr='<w:spacing w:val="-6"/>'),
        tag("endif"),
    ]
    rows = [row([cell(left, HEADER_WIDTHS[0]), cell(right, HEADER_WIDTHS[1])]),
            row([cell(number, HEADER_WIDTHS[0]), cell(place_date, HEADER_WIDTHS[1])])]
    return table(rows, HEADER_WIDTHS, borders=False, indent=HEADER_INDENT)


def title_block() -> str:
    """Tên loại and trích yếu, with the short line under the trích yếu."""
    return (p("{{ header.doc_type_upper }}", "ND30Kind")
            + p("{{ trich_yeu }}", "ND30Subject")
            + rule_paragraph_xml(3.5, TEXT_W / 566.929, after_twips=240))


SIGN_WIDTHS = [cm(7.75), cm(7.75)]


def signature_block() -> str:
    """Nơi nhận (left) and authority, title, name (right), in a borderless table."""
    left = [
        p("Nơi nhận:", "ND30NoiNhan"),
        tag("for item in recipients"),
        p("{{ item }}", "ND30NoiNhanItem"),
        tag("endfor"),
    ]
    right = [
        tag("for line in signature.title_lines"),
        p("{{ line }}", "ND30Sign"),
        tag("endfor"),
        *[p("", "ND30Sign") for _ in range(4)],
        p("{{ signature.name }}", "ND30Sign"),
    ]
    return table([row([cell(left, SIGN_WIDTHS[0]), cell(right, SIGN_WIDTHS[1])])],
                 SIGN_WIDTHS, borders=False)


def heading(text: str, level: int) -> str:
    return p(text, f"ND30Heading{level}")


def bullets(loop: str, item: str = "{{ item }}") -> list[str]:
    """A paragraph repeated for each item of `loop` (`item in list`)."""
    return [tag(f"for {loop}"), p(item), tag("endfor")]


# --- the agency plan -------------------------------------------------------------------

# The task's text is the long column; units, deadlines ("Quý IV/2025") and the blank to fill
# ("……………", 2.1 cm at 12 pt) fit the narrow ones.
APPENDIX_WIDTHS = [cm(1.0), cm(10.6), cm(3.2), cm(3.6), cm(2.4), cm(3.4)]   # = 24.2 cm


def plan_body() -> str:
    head = ["TT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian", "Sản phẩm"]
    w = APPENDIX_WIDTHS
    header_row = row([cell([p(h, "ND30TableHead")], wd, valign="center") for h, wd in zip(head, w, strict=True)],
                     header=True)
    group_row = row([cell([p("{{ row.tt }}", "ND30TableHead")], w[0]),
                     cell([p("{{ row.task }}", "ND30TableText", b=True)], sum(w[1:]), span=5)])
    task_row = row([
        cell([p("{{ row.tt }}", "ND30TableCenter")], w[0]),
        cell([p("{{ row.task }}", "ND30TableText")], w[1]),
        cell([p("{{ row.lead }}", "ND30TableText")], w[2]),
        cell([p("{{ row.partners }}", "ND30TableText")], w[3]),
        cell([p("{{ row.deadline }}", "ND30TableCenter")], w[4]),
        cell([p("{{ row.product }}", "ND30TableText")], w[5]),
    ], cant_split=False)
    appendix_table = table(
        [header_row, tag_row("for row in appendix.rows", 6, w), tag_row("if row.group", 6, w), group_row,
         tag_row("else", 6, w), task_row, tag_row("endif", 6, w), tag_row("endfor", 6, w)],
        w, borders=True)
    parts = [
        page_one_block(),
        title_block(),
        p("Thực hiện {{ plan.reference }} {{ plan.subject }}; {{ agency.name }} ban hành Kế hoạch thực hiện "
          "năm {{ year }} như sau:"),
        heading("I. MỤC ĐÍCH, YÊU CẦU", 1),
        heading("1. Mục đích", 2),
        p("- Cụ thể hóa các nhiệm vụ được giao tại {{ plan.reference }} thành nhiệm vụ của {{ agency.name }} "
          "và các đơn vị trực thuộc, góp phần thực hiện thắng lợi các mục tiêu của Kế hoạch đến năm "
          "{{ plan.target_year }}."),
        p("- Xác định rõ nội dung, thời gian hoàn thành, sản phẩm và đơn vị chủ trì, phối hợp đối với từng "
          "nhiệm vụ; làm căn cứ để kiểm tra, đôn đốc, đánh giá kết quả thực hiện."),
        heading("2. Yêu cầu", 2),
        p("- Triển khai nghiêm túc, đồng bộ, hiệu quả; bám sát chức năng, nhiệm vụ của {{ agency.name }} và "
          "yêu cầu của {{ plan.reference_short }}."),
        p("- Phối hợp chặt chẽ với các cơ quan, đơn vị có liên quan; báo cáo kết quả thực hiện đúng thời hạn "
          "quy định."),
        heading("II. NHIỆM VỤ, GIẢI PHÁP", 1),
        p("Nhiệm vụ cụ thể, đơn vị chủ trì, phối hợp, thời gian hoàn thành và sản phẩm của từng nhiệm vụ tại "
          "Phụ lục kèm theo Kế hoạch này."),
        tag("for group in task_groups"),
        heading("{{ group.number }} {{ group.title }}", 2),
        tag("for section in group.sections"),
        heading("{{ section.number }} {{ section.title }}", 3),
        tag("for task in section.tasks"),
        p("{{ task.lead_in }}"),
        *bullets("item in task.bullets"),
        tag("endfor"),
        tag("endfor"),
        tag("endfor"),
        heading("III. TỔ CHỨC THỰC HIỆN", 1),
        p("1. Các đơn vị, bộ phận trực thuộc {{ agency.short }} căn cứ nhiệm vụ được giao tại Kế hoạch này chủ "
          "động tổ chức triển khai thực hiện; báo cáo kết quả thực hiện về {{ agency.short }} trước ngày "
          "{{ organisation.internal_deadline }} hằng năm để tổng hợp."),
        tag("if organisation.is_focal"),
        p("2. {{ agency.short }} là cơ quan thường trực: tiếp nhận báo cáo của các cơ quan, đơn vị, địa phương "
          "(gửi trước ngày {{ organisation.deadline }} hằng năm), tổng hợp kết quả thực hiện Kế hoạch, báo cáo "
          "{{ organisation.recipient }} {{ organisation.focal_deadline }}."),
        tag("else"),
        p("2. {{ agency.short }} tổng hợp, báo cáo kết quả thực hiện gửi {{ organisation.focal }} trước ngày "
          "{{ organisation.deadline }} hằng năm để tổng hợp, báo cáo {{ organisation.recipient }}."),
        tag("endif"),
        p("3. Trong quá trình tổ chức thực hiện, nếu có khó khăn, vướng mắc, các đơn vị kịp thời báo cáo "
          "{{ agency.short }} để xem xét, giải quyết./.", "ND30Closing"),
        signature_block(),
        para(ppr=section_properties()),
        p("Phụ lục", "ND30AppendixTitle"),
        p("DANH MỤC NHIỆM VỤ THỰC HIỆN {{ plan.reference_short | upper }} NĂM {{ year }}", "ND30AppendixTitle"),
        p("(Kèm theo Kế hoạch số {{ header.ky_hieu }} ngày {{ appendix.date }} của {{ agency.name }})",
          "ND30AppendixNote"),
        appendix_table,
        # Word needs a paragraph after a table that ends a section; a 1 pt one never spills onto a page of its own
        para(style="ND30TableText", ppr='<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
                                        '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>'),
    ]
    return "".join(parts) + section_properties(landscape=True, restart_numbering=True)


# --- the agency report -----------------------------------------------------------------

# Sized to what the columns hold: units such as "điều dưỡng viên/10.000 dân" break after "/"
# (the documents put a zero-width space there) and keep "10.000" whole in 2.0 cm; targets are
# printed without the unit ("≥ 33"); notes like "Ước thực hiện đến 31/12/2025." need 2.7 cm.
FIGURE_WIDTHS = [cm(0.8), cm(4.4), cm(2.0), cm(1.9), cm(1.8), cm(1.9), cm(2.7)]   # = 15.5 cm


def report_body() -> str:
    w = FIGURE_WIDTHS
    head = ["TT", "Chỉ tiêu", "Đơn vị tính", "{{ figures.target_heading }}", "{{ figures.previous_heading }}",
            "{{ figures.current_heading }}", "Ghi chú"]
    header_row = row([cell([p(h, "ND30TableHead")], wd, valign="center") for h, wd in zip(head, w, strict=True)],
                     header=True)
    data_row = row([
        cell([p("{{ row.tt }}", "ND30TableCenter")], w[0]),
        cell([p("{{ row.name }}", "ND30TableText")], w[1]),
        cell([p("{{ row.unit }}", "ND30TableCenter")], w[2]),
        cell([p("{{ row.target }}", "ND30TableCenter")], w[3]),
        cell([p("{{ row.previous }}", "ND30TableCenter")], w[4]),
        cell([p("{{ row.current }}", "ND30TableCenter")], w[5]),
        cell([p("{{ row.note }}", "ND30TableText")], w[6]),
    ], cant_split=False)
    figure_table = table([header_row, tag_row("for row in figures.rows", 7, w), data_row, tag_row("endfor", 7, w)],
                         w, borders=True)
    parts = [
        page_one_block(),
        title_block(),
        tag("if kinh_gui.several"),
        p("Kính gửi:", "ND30KinhGui"),
        tag("for line in kinh_gui.lines"),
        p("{{ line }}", "ND30KinhGuiItem"),
        tag("endfor"),
        tag("else"),
        p("Kính gửi: {{ kinh_gui.inline }}", "ND30KinhGui"),
        tag("endif"),
        p("Thực hiện {{ plan.reference }} {{ plan.subject }}; {{ agency.name }} báo cáo kết quả thực hiện "
          "năm {{ year }} như sau:"),
        heading("{{ parts.results }} KẾT QUẢ THỰC HIỆN", 1),
        heading("{{ results.tasks_number }} Kết quả thực hiện các nhiệm vụ được giao", 2),
        tag("for section in results.sections"),
        heading("{{ section.number }} {{ section.title }}", 3),
        tag("for task in section.tasks"),
        p("{{ task.lead_in }}"),
        *bullets("item in task.bullets"),
        tag("endfor"),
        tag("endfor"),
        tag("if results.has_figures"),
        heading("{{ results.figures_number }} Kết quả thực hiện các chỉ tiêu", 2),
        p("Kết quả thực hiện các chỉ tiêu {{ agency.name }} được giao theo dõi, báo cáo đến năm "
          "{{ plan.target_year }} như sau:"),
        figure_table,
        p("", "ND30TableText"),
        tag("endif"),
        tag("if parts.assessment"),
        heading("{{ parts.assessment }} ĐÁNH GIÁ CHUNG", 1),
        tag("for block in assessment"),
        heading("{{ block.number }} {{ block.title }}", 2),
        *bullets("item in block.points"),
        tag("endfor"),
        tag("endif"),
        tag("if parts.next_year"),
        heading("{{ parts.next_year }} NHIỆM VỤ, GIẢI PHÁP NĂM {{ next_year }}", 1),
        *bullets("item in next_year_tasks"),
        tag("endif"),
        tag("if parts.proposals"),
        heading("{{ parts.proposals }} KIẾN NGHỊ, ĐỀ XUẤT", 1),
        *bullets("item in proposals"),
        tag("endif"),
        p("Trên đây là báo cáo kết quả thực hiện {{ plan.reference_short }} năm {{ year }} của "
          "{{ agency.name }}./.", "ND30Closing"),
        signature_block(),
    ]
    return "".join(parts) + section_properties()


# --- package parts ---------------------------------------------------------------------


def document_xml(body: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}" '
            f'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
            f'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            f'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f"<w:body>{body}</w:body></w:document>").encode()


def _style(style_id: str, name: str, *, ppr: str = "", rpr: str = "", based_on: str | None = "Normal",
           kind: str = "paragraph", default: bool = False, next_style: str | None = None) -> str:
    attrs = f' w:type="{kind}" w:styleId="{style_id}"' + (' w:default="1"' if default else "")
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    nxt = f'<w:next w:val="{next_style}"/>' if next_style else ""
    return (f"<w:style{attrs}><w:name w:val=\"{name}\"/>{based}{nxt}<w:qFormat/>"
            f"{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}</w:style>")


def _sz(points: float) -> str:
    return f'<w:sz w:val="{int(points * 2)}"/><w:szCs w:val="{int(points * 2)}"/>'


BOLD = "<w:b/><w:bCs/>"
ITALIC = "<w:i/><w:iCs/>"
NO_INDENT = '<w:ind w:left="0" w:right="0" w:firstLine="0"/>'
SINGLE = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
CENTER = '<w:jc w:val="center"/>'
LEFT = '<w:jc w:val="left"/>'


def styles_xml() -> bytes:
    fonts = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
    defaults = (f"<w:docDefaults><w:rPrDefault><w:rPr>{fonts}<w:color w:val=\"000000\"/>{_sz(14)}"
                f"<w:lang w:val=\"vi-VN\" w:eastAsia=\"en-US\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
                f"<w:pPrDefault><w:pPr>{SINGLE}</w:pPr></w:pPrDefault></w:docDefaults>")
    body_ppr = ('<w:spacing w:before="0" w:after="120" w:line="276" w:lineRule="auto"/>'
                '<w:ind w:firstLine="720"/><w:jc w:val="both"/>')
    keep = "<w:keepNext/><w:keepLines/>"
    styles = [
        _style("Normal", "Normal", ppr=body_ppr, rpr=f"{fonts}{_sz(14)}", based_on=None, default=True),
        _style("ND30Block", "Khối đầu trang", ppr=SINGLE + NO_INDENT + CENTER, rpr=_sz(13)),
        _style("ND30Kind", "Tên loại văn bản", ppr=keep + '<w:spacing w:before="360" w:after="0"/>' + NO_INDENT + CENTER,
               rpr=BOLD + _sz(14), next_style="ND30Subject"),
        _style("ND30Subject", "Trích yếu", ppr=keep + '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
               + NO_INDENT + CENTER, rpr=BOLD + _sz(14)),
        _style("ND30KinhGui", "Kính gửi", ppr='<w:spacing w:before="0" w:after="240"/>' + NO_INDENT + CENTER,
               rpr=_sz(14)),
        _style("ND30KinhGuiItem", "Kính gửi - dòng", ppr='<w:spacing w:before="0" w:after="0"/>'
               + '<w:ind w:left="2835" w:firstLine="0"/>' + LEFT, rpr=_sz(14)),
        # the last paragraph before the signature: kept with it on one page (keepNext + keepLines)
        _style("ND30Closing", "Đoạn kết", ppr=keep, rpr=""),
        _style("ND30Heading1", "Đề mục I.", ppr=keep + '<w:spacing w:before="120" w:after="120"/><w:outlineLvl w:val="0"/>',
               rpr=BOLD),
        _style("ND30Heading2", "Đề mục 1.", ppr=keep + '<w:spacing w:before="60" w:after="120"/><w:outlineLvl w:val="1"/>',
               rpr=BOLD),
        _style("ND30Heading3", "Đề mục 1.1.", ppr=keep + '<w:spacing w:before="60" w:after="120"/><w:outlineLvl w:val="2"/>',
               rpr=BOLD + ITALIC),
        _style("ND30TableText", "Chữ trong bảng", ppr='<w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/>'
               + NO_INDENT + LEFT, rpr=_sz(12)),
        _style("ND30TableCenter", "Chữ trong bảng - giữa", ppr=CENTER, rpr="", based_on="ND30TableText"),
        _style("ND30TableHead", "Tiêu đề bảng", ppr=CENTER, rpr=BOLD, based_on="ND30TableText"),
        _style("ND30NoiNhan", "Nơi nhận", ppr='<w:spacing w:before="120" w:after="0" w:line="240" w:lineRule="auto"/>'
               + NO_INDENT + LEFT, rpr=BOLD + ITALIC + _sz(12)),
        _style("ND30NoiNhanItem", "Nơi nhận - dòng", ppr=SINGLE + NO_INDENT + LEFT, rpr=_sz(11)),
        _style("ND30Sign", "Chữ ký", ppr=SINGLE + NO_INDENT + CENTER, rpr=BOLD + _sz(14)),
        _style("ND30AppendixTitle", "Phụ lục - tiêu đề", ppr=keep + SINGLE + NO_INDENT + CENTER, rpr=BOLD + _sz(14)),
        _style("ND30AppendixNote", "Phụ lục - kèm theo", ppr=keep + '<w:spacing w:before="0" w:after="240"/>'
               + NO_INDENT + CENTER, rpr=ITALIC + _sz(14)),
        _style("Header", "header", ppr=SINGLE + NO_INDENT + CENTER, rpr=_sz(14)),
        ('<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
         '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
         '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
         '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'),
    ]
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:styles xmlns:w="{W_NS}">{defaults}{"".join(styles)}</w:styles>').encode()


def header_xml(with_page_number: bool) -> bytes:
    """The default header (a centred PAGE field) or the first-page header (empty)."""
    if with_page_number:
        content = para(run(extra='<w:fldChar w:fldCharType="begin"/>'),
                       run(extra='<w:instrText xml:space="preserve"> PAGE </w:instrText>'),
                       run(extra='<w:fldChar w:fldCharType="separate"/>'),
                       run("2"),
                       run(extra='<w:fldChar w:fldCharType="end"/>'), style="Header")
    else:
        content = para(style="Header")
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:hdr xmlns:w="{W_NS}" xmlns:r="{R_NS}">{content}</w:hdr>').encode()


def settings_xml() -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:settings xmlns:w="{W_NS}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>'
            f'<w:characterSpacingControl w:val="doNotCompress"/>'
            f'<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
            f'w:val="15"/></w:compat><w:themeFontLang w:val="vi-VN"/></w:settings>').encode()


def font_table_xml() -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:fonts xmlns:w="{W_NS}"><w:font w:name="{FONT}"><w:panose1 w:val="02020603050405020304"/>'
            f'<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>'
            ).encode()


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/fontTable.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/word/header1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
    '<Override PartName="/word/header2.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    '</Types>'
)

ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" '
    'Target="docProps/app.xml"/>'
    '</Relationships>'
)

DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/>'
    '<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" '
    'Target="settings.xml"/>'
    '<Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" '
    'Target="fontTable.xml"/>'
    '<Relationship Id="rIdHeaderDefault" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
    '<Relationship Id="rIdHeaderFirst" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/>'
    '</Relationships>'
)


def core_props(title: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>'
            f'{escape(title)}</dc:title><dc:creator>reportgen</dc:creator><dc:language>vi-VN</dc:language>'
            '</cp:coreProperties>').encode()


APP_PROPS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b'<Application>reportgen</Application></Properties>'
)


def package(body: str, title: str) -> bytes:
    parts = {
        "[Content_Types].xml": CONTENT_TYPES.encode("utf-8"),
        "_rels/.rels": ROOT_RELS.encode("utf-8"),
        "docProps/core.xml": core_props(title),
        "docProps/app.xml": APP_PROPS,
        "word/document.xml": document_xml(body),
        "word/_rels/document.xml.rels": DOCUMENT_RELS.encode("utf-8"),
        "word/styles.xml": styles_xml(),
        "word/settings.xml": settings_xml(),
        "word/fontTable.xml": font_table_xml(),
        "word/header1.xml": header_xml(True),
        "word/header2.xml": header_xml(False),
    }
    return deterministic_zip(parts)


TEMPLATES = {
    "ke-hoach-don-vi.docx": (plan_body, "Mẫu kế hoạch thực hiện của cơ quan, đơn vị"),
    "bao-cao-don-vi.docx": (report_body, "Mẫu báo cáo kết quả thực hiện của cơ quan, đơn vị"),
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (body, title) in TEMPLATES.items():
        (OUT / name).write_bytes(package(body(), title))
        print(f"đã ghi {OUT / name}")


if __name__ == "__main__":
    main()
