"""Write the consolidated report template `bao-cao-tong-hop.docx`: run by hand, commit the .docx.

    .venv/bin/python tools/build_consolidated_template.py

Uses the shared builder helpers of `tools/build_templates.py` (styles, page-1 block, title,
signature, sections, tables), so the consolidated report looks exactly like the agency
documents. The context keys are built by `reportgen/documents/consolidated.py`:

    header, trich_yeu, kinh_gui, intro, period, parts{leadership,results,assessment,next_year,proposals}
    leadership{text, summary}, reporting
    sections[]{number, title, synthesis, highlights[], quotes[], tasks[]{label, title, text}}, requested,
    no_reports
    indicators{heading, sentence, comparison_sentence, trajectory_sentence,
               groups[]{label, title, sentence, has_chart, chart, figure_caption,
                        rows[]{tt, name_unit, target, previous, value, note_mark, change, plan, verdict (with the
                               share achieved), trajectory, body}},
               overrides[], column_target, column_previous, column_value, column_plan, notes[],
               general_notes[], appendix_title}
    assessment{strengths[], shortcomings[], causes[]}, next_year_tasks[], proposals[], next_year
    signature, recipients, closing, appendix_ref
    tracking{sentence, has_chart, chart, figure_caption, title,
             groups[]{title, rows[]{tt, name, documents, received, status}}}
    results{title, groups[]{title, rows[]{tt, name, status, metrics, results, documents}}}

Sections: the report (portrait), Phụ lục I (landscape), Phụ lục II (portrait), Phụ lục III
(landscape); each appendix numbers its pages from 1.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build_templates as bt  # noqa: E402

NAME = "bao-cao-tong-hop.docx"
TITLE = "Mẫu báo cáo tổng hợp kết quả thực hiện kế hoạch"

# Phụ lục I, landscape: 24,2 cm of text width; 10 columns, 10 pt.
INDICATOR_WIDTHS = [bt.cm(0.7), bt.cm(7.4), bt.cm(2.1), bt.cm(1.5), bt.cm(1.8), bt.cm(2.0), bt.cm(2.0),
                    bt.cm(2.1), bt.cm(2.0), bt.cm(2.6)]
# Phụ lục II, portrait: 15,5 cm.
TRACKING_WIDTHS = [bt.cm(1.0), bt.cm(5.8), bt.cm(3.9), bt.cm(2.3), bt.cm(2.5)]
# Phụ lục III, landscape: 24,2 cm.
RESULTS_WIDTHS = [bt.cm(0.8), bt.cm(4.0), bt.cm(2.4), bt.cm(4.6), bt.cm(9.2), bt.cm(3.2)]
TABLE_PT = 10


def when(condition: str, *content: str) -> list[str]:
    """Paragraphs kept only when `condition` holds."""
    return [bt.tag(f"if {condition}"), *content, bt.tag("endif")]


def bullets(loop: str, item: str = "- {{ item }}") -> list[str]:
    return bt.bullets(loop, item)


def kinh_gui() -> list[str]:
    return [
        bt.tag("if kinh_gui.several"),
        bt.p("Kính gửi:", "ND30KinhGui"),
        bt.tag("for line in kinh_gui.lines"),
        bt.p("{{ line }}", "ND30KinhGuiItem"),
        bt.tag("endfor"),
        bt.tag("else"),
        bt.p("Kính gửi: {{ kinh_gui.inline }}", "ND30KinhGui"),
        bt.tag("endif"),
    ]


def picture(condition: str, run_expr: str, caption: str) -> list[str]:
    """A centred picture paragraph (docxtpl run tag) and its italic caption, when `condition`."""
    centred = '<w:ind w:firstLine="0"/><w:jc w:val="center"/><w:keepNext/>'
    return when(condition,
                bt.para(bt.run(f"{{{{r {run_expr} }}}}"), ppr=centred),
                bt.para(bt.run(caption, i=True, sz=13), ppr='<w:ind w:firstLine="0"/><w:jc w:val="center"/>'))


def body_part() -> list[str]:
    return [
        bt.page_one_block(),
        bt.title_block(),
        *kinh_gui(),
        bt.p("{{ intro }}"),
        *when("period", bt.p("{{ period }}")),
        # I.
        bt.heading("{{ parts.leadership }}. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", 1),
        *when("leadership.text", bt.p("{{ leadership.text }}")),
        *when("leadership.summary", bt.p("{{ leadership.summary }}")),
        *when("reporting", bt.p("{{ reporting }}")),
        # II.
        bt.heading("{{ parts.results }}. KẾT QUẢ THỰC HIỆN", 1),
        bt.heading("1. Kết quả thực hiện các nhiệm vụ", 2),
        *when("no_reports", bt.p("{{ no_reports }}")),
        bt.tag("for section in sections"),
        bt.heading("{{ section.number }} {{ section.title }}", 3),
        *when("section.synthesis", bt.p("{{ section.synthesis }}")),
        *bullets("item in section.highlights"),
        *bullets("item in section.quotes"),
        bt.tag("for task in section.tasks"),
        bt.para(bt.run("{{ task.label }} ", b=True, i=True), bt.run("{{ task.title }}", i=True),
                bt.run(": {{ task.text }}")),
        bt.tag("endfor"),
        bt.tag("endfor"),
        *when("requested", bt.p("{{ requested }}")),
        bt.heading("2. {{ indicators.heading }}", 2),
        bt.p("{{ indicators.sentence }}"),
        *when("indicators.comparison_sentence", bt.p("{{ indicators.comparison_sentence }}")),
        *when("indicators.trajectory_sentence", bt.p("{{ indicators.trajectory_sentence }}")),
        bt.tag("for group in indicators.groups"),
        bt.para(bt.run("{{ group.label }} {{ group.title }}: ", b=True, i=True), bt.run("{{ group.sentence }}.")),
        *picture("group.has_chart", "group.chart", "{{ group.figure_caption }}"),
        bt.tag("endfor"),
        *when("indicators.overrides",
              bt.p("Điều chỉnh đánh giá của cơ quan tổng hợp:"),
              *bullets("item in indicators.overrides")),
        # III.
        bt.heading("{{ parts.assessment }}. ĐÁNH GIÁ CHUNG", 1),
        bt.heading("1. Ưu điểm", 2),
        *bullets("item in assessment.strengths"),
        bt.heading("2. Hạn chế, tồn tại", 2),
        *bullets("item in assessment.shortcomings"),
        bt.heading("3. Nguyên nhân", 2),
        *bullets("item in assessment.causes"),
        # IV., V.
        bt.heading("{{ parts.next_year }}. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {{ next_year }}", 1),
        *bullets("item in next_year_tasks"),
        bt.heading("{{ parts.proposals }}. ĐỀ XUẤT, KIẾN NGHỊ", 1),
        *bullets("item in proposals"),
        bt.p("{{ closing }}"),
        bt.signature_block(),
        bt.para(ppr=bt.section_properties()),
    ]


SMALL = {"ND30TableText": "ND30TableSmall", "ND30TableCenter": "ND30TableSmallCenter",
         "ND30TableHead": "ND30TableSmallHead"}


def small(text: str, style: str = "ND30TableText", **fmt) -> str:
    """A table paragraph at the appendices' size (10 pt, from its style: no run properties to repeat)."""
    return bt.p(text, SMALL[style], **fmt)


def light_cell(text: str, style: str = "ND30TableSmall") -> str:
    """A data cell of a long table: no cell properties (the grid gives the width), no run properties.

    Phụ lục III has a row per task and body (tens of thousands for a province of communes);
    each element saved per cell is memory and time saved when the document is rendered.
    """
    return f'<w:tc><w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r>{bt.t(text)}</w:r></w:p></w:tc>'


def extra_styles() -> str:
    """The appendices' 10-pt table styles, based on the shared table styles."""
    size = f'<w:sz w:val="{TABLE_PT * 2}"/><w:szCs w:val="{TABLE_PT * 2}"/>'
    return "".join(
        f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/><w:basedOn w:val="{base}"/>'
        f"<w:qFormat/><w:rPr>{size}</w:rPr></w:style>"
        for sid, name, base in (("ND30TableSmall", "Chữ trong bảng - nhỏ", "ND30TableText"),
                                ("ND30TableSmallCenter", "Chữ trong bảng - nhỏ, giữa", "ND30TableCenter"),
                                ("ND30TableSmallHead", "Tiêu đề bảng - nhỏ", "ND30TableHead")))


def package(body: str, title: str) -> bytes:
    """`build_templates.package` with the appendices' styles added to the shared ones."""
    import io
    from zipfile import ZipFile

    data = bt.package(body, title)
    with ZipFile(io.BytesIO(data)) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    parts["word/styles.xml"] = parts["word/styles.xml"].replace(b"</w:styles>", extra_styles().encode() + b"</w:styles>")
    return bt.deterministic_zip(parts)


def indicator_appendix(label: str = "Phụ lục I") -> list[str]:
    """The indicator table with its notes, in its landscape section (also the provincial report's appendix)."""
    w = INDICATOR_WIDTHS
    n = len(w)
    head = ["TT", "Chỉ tiêu (đơn vị tính)", "{{ indicators.column_target }}", "{{ indicators.column_previous }}",
            "{{ indicators.column_value }}", "So với cùng kỳ", "{{ indicators.column_plan }}",
            "Đánh giá (tỷ lệ đạt)", "Tiến độ đến năm {{ target_year }}", "Đơn vị báo cáo"]
    header_row = bt.row([bt.cell([small(h, "ND30TableHead")], wd, valign="center")
                         for h, wd in zip(head, w, strict=True)], header=True)
    group_row = bt.row([bt.cell([small("{{ group.label }}", "ND30TableHead")], w[0]),
                        bt.cell([small("{{ group.title }}", b=True)], sum(w[1:]), span=n - 1)])
    centre = "ND30TableCenter"
    data_row = bt.row([
        bt.cell([small("{{ r.tt }}", centre)], w[0]),
        bt.cell([small("{{ r.name_unit }}")], w[1]),
        bt.cell([small("{{ r.target }}", centre)], w[2]),
        bt.cell([small("{{ r.previous }}", centre)], w[3]),
        bt.cell([bt.para(bt.run("{{ r.value }}"), superscript("{{ r.note_mark }}"), style=SMALL[centre])], w[4]),
        bt.cell([small("{{ r.change }}", centre)], w[5]),
        bt.cell([small("{{ r.plan }}", centre)], w[6]),
        bt.cell([small("{{ r.verdict }}", centre)], w[7]),
        bt.cell([small("{{ r.trajectory }}", centre)], w[8]),
        bt.cell([small("{{ r.body }}")], w[9]),
    ])
    rows = [header_row, bt.tag_row("for group in indicators.groups", n, w), group_row,
            bt.tag_row("for r in group.rows", n, w), data_row, bt.tag_row("endfor", n, w),
            bt.tag_row("endfor", n, w)]
    return [
        bt.p(label, "ND30AppendixTitle"),
        bt.p("{{ indicators.appendix_title }}", "ND30AppendixTitle"),
        bt.p("{{ appendix_ref }}", "ND30AppendixNote"),
        bt.table(rows, w, borders=True),
        bt.tag("for item in indicators.notes"),
        small("{{ item }}", i=True),
        bt.tag("endfor"),
        *when("indicators.notes", small("Ghi chú chung:", b=True, i=True)),
        bt.tag("for item in indicators.general_notes"),
        small("- {{ item }}", i=True),
        bt.tag("endfor"),
        bt.para(ppr=bt.section_properties(landscape=True, restart_numbering=True)),
    ]


def superscript(text: str) -> str:
    """A run raised as a note mark: `89,5⁽¹⁾` (the note is under the table)."""
    return f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>{bt.t(text)}</w:r>'


def tracking_appendix() -> list[str]:
    w = TRACKING_WIDTHS
    n = len(w)
    head = ["TT", "Cơ quan, đơn vị", "Kế hoạch, văn bản triển khai", "Ngày nhận báo cáo", "Tình trạng"]
    header_row = bt.row([bt.cell([bt.p(h, "ND30TableHead")], wd, valign="center")
                         for h, wd in zip(head, w, strict=True)], header=True)
    group_row = bt.row([bt.cell([bt.p("{{ group.title }}", "ND30TableText", b=True)], sum(w), span=n)])
    data_row = bt.row([
        bt.cell([bt.p("{{ r.tt }}", "ND30TableCenter")], w[0]),
        bt.cell([bt.p("{{ r.name }}", "ND30TableText")], w[1]),
        bt.cell([bt.p("{{ r.documents }}", "ND30TableText")], w[2]),
        bt.cell([bt.p("{{ r.received }}", "ND30TableCenter")], w[3]),
        bt.cell([bt.p("{{ r.status }}", "ND30TableText")], w[4]),
    ])
    rows = [header_row, bt.tag_row("for group in tracking.groups", n, w), group_row,
            bt.tag_row("for r in group.rows", n, w), data_row, bt.tag_row("endfor", n, w),
            bt.tag_row("endfor", n, w)]
    return [
        bt.p("Phụ lục II", "ND30AppendixTitle"),
        bt.p("{{ tracking.title }}", "ND30AppendixTitle"),
        bt.p("{{ appendix_ref }}", "ND30AppendixNote"),
        bt.p("{{ tracking.sentence }}"),
        *picture("tracking.has_chart", "tracking.chart", "{{ tracking.figure_caption }}"),
        bt.table(rows, w, borders=True),
        bt.para(bt.run(""), style="ND30TableText", ppr=bt.section_properties(restart_numbering=True)),
    ]


def results_appendix() -> list[str]:
    w = RESULTS_WIDTHS
    n = len(w)
    head = ["TT", "Cơ quan, đơn vị", "Tình trạng", "Số liệu", "Kết quả thực hiện", "Văn bản đã ban hành"]
    header_row = bt.row([bt.cell([small(h, "ND30TableHead")], wd, valign="center")
                         for h, wd in zip(head, w, strict=True)], header=True)
    group_row = bt.row([bt.cell([small("{{ group.title }}", b=True)], sum(w), span=n)])
    data_row = bt.row([
        light_cell("{{ r.tt }}", "ND30TableSmallCenter"),
        *(light_cell(f"{{{{ r.{key} }}}}") for key in ("name", "status", "metrics", "results", "documents")),
    ])
    rows = [header_row, bt.tag_row("for group in results.groups", n, w), group_row,
            bt.tag_row("for r in group.rows", n, w), data_row, bt.tag_row("endfor", n, w),
            bt.tag_row("endfor", n, w)]
    return [
        bt.p("Phụ lục III", "ND30AppendixTitle"),
        bt.p("{{ results.title }}", "ND30AppendixTitle"),
        bt.p("{{ appendix_ref }}", "ND30AppendixNote"),
        bt.table(rows, w, borders=True),
        bt.p("", "ND30TableText"),
    ]


def consolidated_body() -> str:
    parts = [*body_part(), *indicator_appendix(), *tracking_appendix(), *results_appendix()]
    return "".join(parts) + bt.section_properties(landscape=True, restart_numbering=True)


def main() -> None:
    bt.OUT.mkdir(parents=True, exist_ok=True)
    target = bt.OUT / NAME
    target.write_bytes(package(consolidated_body(), TITLE))
    print(f"đã ghi {target}")


if __name__ == "__main__":
    main()
