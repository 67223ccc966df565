"""Write the templates of the yearly cycle's other documents: run by hand, commit the .docx.

    .venv/bin/python tools/build_cycle_templates.py

- `cong-van-yeu-cau-bao-cao.docx`: the focal body's công văn asking for the year's reports
  (`reportgen request`), with the outline (đề cương) and the list of bodies and their forms;
- `cong-van-don-doc.docx`: the công văn đôn đốc to the bodies still missing (`reportgen remind`);
- `bao-cao-so-ket.docx`: the mid-term or final review over years (`reportgen review`);
- `bao-cao-ubnd-tinh.docx`: the provincial People's Committee's report upward
  (`reportgen report --level province`).

Built with the shared helpers of `tools/build_templates.py` (styles, page-1 block, title,
signature, sections, tables), so these documents look exactly like the others. A công văn
has no type name: its page-1 block carries the trích yếu `V/v …` under the số, ký hiệu in
the left column (Decree 30, Phụ lục I, II.5.b). The context keys of each template are
listed in `templates/README.md` and built by `reportgen/documents/{request,reminder,review,
province_report}.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build_consolidated_template as bct  # noqa: E402
import build_templates as bt  # noqa: E402

from reportgen.render.shapes import motto_indent_twips  # noqa: E402

VV_SIZE = 12   # the V/v line of a công văn: 12–13 pt, upright (Decree 30, Phụ lục I, II.5.b)


def when(condition: str, *content: str) -> list[str]:
    """Paragraphs kept only when `condition` holds."""
    return [bt.tag(f"if {condition}"), *content, bt.tag("endif")]


def loop(statement: str, *content: str) -> list[str]:
    return [bt.tag(f"for {statement}"), *content, bt.tag("endfor")]


def cong_van_page_one() -> str:
    """The page-1 block of a công văn: agency lines, số ký hiệu and `V/v …` left; quốc hiệu, tiêu ngữ, date right."""
    widths_cm = bt.HEADER_WIDTHS_CM
    motto_indent = motto_indent_twips(bt.MOTTO, 14, widths_cm[1])
    left = [
        bt.tag("for line in header.parent_lines"),
        bt.p("{{ line }}", "ND30Block"),
        bt.tag("endfor"),
        bt.tag("for line in header.issuer_lines"),
        bt.p("{{ line }}", "ND30Block", b=True),
        bt.tag("endfor"),
        bt.p(f"{{{{p header.issuer_rule_text | nd30_rule({widths_cm[0]}) }}}}", "ND30Block"),
    ]
    motto_ppr = ('<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'
                 f'<w:ind w:left="{motto_indent}" w:right="{motto_indent}" w:firstLine="0"/>')
    right = [
        bt.p(bt.QUOC_HIEU, "ND30Block", b=True, sz=12),
        bt.p(bt.MOTTO, "ND30Block", b=True, sz=14, ppr=motto_ppr),
    ]
    number = [
        bt.p("{{ header.so_ky_hieu }}", "ND30Block", ppr='<w:spacing w:before="160" w:after="0"/>'),
        bt.p("{{ vv }}", "ND30Block", sz=VV_SIZE, ppr='<w:spacing w:before="60" w:after="0"/>'),
    ]
    place_date = [bt.p("{{ header.place_date }}", "ND30Block", i=True, sz=14,
                       ppr='<w:spacing w:before="160" w:after="0"/>')]
    rows = [bt.row([bt.cell(left, bt.HEADER_WIDTHS[0]), bt.cell(right, bt.HEADER_WIDTHS[1])]),
            bt.row([bt.cell(number, bt.HEADER_WIDTHS[0]), bt.cell(place_date, bt.HEADER_WIDTHS[1])])]
    return bt.table(rows, bt.HEADER_WIDTHS, borders=False, indent=bt.HEADER_INDENT)


def kinh_gui(space_before: bool = True) -> list[str]:
    """`Kính gửi: X.` on one line, or `Kính gửi:` and one `- …;` line per recipient."""
    before = '<w:spacing w:before="360" w:after="240"/>' if space_before else ""
    return [
        bt.tag("if kinh_gui.several"),
        bt.p("Kính gửi:", "ND30KinhGui", ppr=before.replace('w:after="240"', 'w:after="0"')),
        bt.tag("for line in kinh_gui.lines"),
        bt.p("{{ line }}", "ND30KinhGuiItem"),
        bt.tag("endfor"),
        bt.p("", "ND30KinhGuiItem"),
        bt.tag("else"),
        bt.p("Kính gửi: {{ kinh_gui.inline }}", "ND30KinhGui", ppr=before),
        bt.tag("endif"),
    ]


def appendix_head(label: str, title: str, note: str = "{{ appendix_ref }}") -> list[str]:
    return [bt.p(label, "ND30AppendixTitle"), bt.p(title, "ND30AppendixTitle"), bt.p(note, "ND30AppendixNote")]


def head_row(head: list[str], widths: list[int]) -> str:
    return bt.row([bt.cell([bt.p(h, "ND30TableHead")], w, valign="center") for h, w in zip(head, widths, strict=True)],
                  header=True)


def group_rows_table(widths: list[int], head: list[str], cells: list[str], *, groups: str, rows: str) -> str:
    """A table with a heading row, a full-width row per group (`group.title`) and a row per item."""
    n = len(widths)
    group_row = bt.row([bt.cell([bt.p("{{ group.title }}", "ND30TableText", b=True)], sum(widths), span=n)])
    data_row = bt.row([bt.cell([c], w) for c, w in zip(cells, widths, strict=True)], cant_split=True)
    body = [head_row(head, widths), bt.tag_row(f"for group in {groups}", n, widths), group_row,
            bt.tag_row(f"for r in group.{rows}", n, widths), data_row, bt.tag_row("endfor", n, widths),
            bt.tag_row("endfor", n, widths)]
    return bt.table(body, widths, borders=True)


# --- the request for reports ----------------------------------------------------------------

BODIES_WIDTHS = [bt.cm(1.0), bt.cm(4.8), bt.cm(2.0), bt.cm(1.7), bt.cm(6.0)]   # = 15,5 cm; file names at 10 pt


def request_body() -> str:
    parts = [
        cong_van_page_one(),
        *kinh_gui(),
        bt.p("{{ intro }}"),
        bt.heading("1. Nội dung báo cáo", 2),
        bt.p("- Báo cáo kết quả thực hiện năm {{ year }} theo Đề cương tại Phụ lục I kèm theo Công văn này: công tác "
             "lãnh đạo, chỉ đạo; kết quả thực hiện từng nhiệm vụ được giao chủ trì, phối hợp; kết quả các chỉ tiêu "
             "được giao theo dõi; đánh giá chung; phương hướng, nhiệm vụ năm {{ next_year }}; đề xuất, kiến nghị."),
        bt.p("- Số liệu các chỉ tiêu và kết quả từng nhiệm vụ{{ forms.metrics }} điền vào biểu mẫu Excel của cơ quan, "
             "đơn vị mình ({{ forms.example }}; tên tệp biểu mẫu của từng cơ quan, đơn vị tại Phụ lục II); giữ "
             "nguyên tên tệp, không thêm, bớt cột, dòng; số liệu ước thực hiện ghi rõ là số ước."),
        *when("amendment_note", bt.p("- {{ amendment_note }}")),
        bt.heading("2. Thời gian chốt số liệu", 2),
        bt.p("{{ period.text }}"),
        bt.heading("3. Thời hạn và hình thức gửi báo cáo", 2),
        bt.p("{{ deadline_text }}"),
        bt.p("{{ closing }}", "ND30Closing"),
        bt.signature_block(),
        bt.para(ppr=bt.section_properties()),
        # Phụ lục I: the outline
        *appendix_head("Phụ lục I", "ĐỀ CƯƠNG BÁO CÁO"),
        bt.p("Kết quả thực hiện {{ plan.reference_short }} năm {{ year }}", "ND30AppendixTitle",
             ppr='<w:spacing w:before="0" w:after="240"/>'),
        bt.heading("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI THỰC HIỆN", 1),
        bt.p("- Việc ban hành kế hoạch, văn bản chỉ đạo, hướng dẫn triển khai thực hiện Kế hoạch (ghi số, ngày, "
             "trích yếu của từng văn bản)."),
        bt.p("- Công tác tuyên truyền, phổ biến, quán triệt; kiểm tra, giám sát việc thực hiện."),
        bt.heading("II. KẾT QUẢ THỰC HIỆN", 1),
        bt.heading("1. Kết quả thực hiện các nhiệm vụ được giao", 2),
        bt.p("Báo cáo theo từng nhiệm vụ được giao chủ trì, phối hợp tại Kế hoạch, ghi mã nhiệm vụ "
             "(ví dụ {{ outline.task_example }}): kết quả đạt được, kèm số liệu kết quả của nhiệm vụ theo biểu "
             "mẫu; tình trạng (hoàn thành, đang thực hiện, chưa thực hiện); văn bản đã ban hành."),
        bt.heading("2. Kết quả thực hiện các chỉ tiêu", 2),
        bt.p("Số liệu năm {{ year }} của các chỉ tiêu được giao theo dõi, so sánh với năm {{ previous_year }} và với "
             "mục tiêu đến năm {{ plan.target_year }}; ghi rõ số ước thực hiện và nguồn số liệu."),
        bt.heading("III. ĐÁNH GIÁ CHUNG", 1),
        bt.p("1. Ưu điểm."),
        bt.p("2. Tồn tại, hạn chế, khó khăn, vướng mắc."),
        bt.p("3. Nguyên nhân (khách quan, chủ quan)."),
        bt.p("4. Bài học kinh nghiệm."),
        bt.heading("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {{ next_year }}", 1),
        bt.heading("V. ĐỀ XUẤT, KIẾN NGHỊ", 1),
        bt.para(ppr=bt.section_properties(restart_numbering=True)),
        # Phụ lục II: who reports, with which form
        *appendix_head("Phụ lục II", "DANH SÁCH CƠ QUAN, ĐƠN VỊ BÁO CÁO VÀ BIỂU MẪU SỐ LIỆU"),
        group_rows_table(BODIES_WIDTHS, ["TT", "Cơ quan, đơn vị", "Nhiệm vụ chủ trì / phối hợp",
                                         "Chỉ tiêu báo cáo", "Tệp biểu mẫu"],
                         [bt.p("{{ r.tt }}", "ND30TableCenter"), bt.p("{{ r.name }}", "ND30TableText"),
                          bt.p("{{ r.tasks }}", "ND30TableCenter"), bt.p("{{ r.indicators }}", "ND30TableCenter"),
                          bt.p("{{ r.form }}", "ND30TableText", sz=10)],
                         groups="bodies.groups", rows="rows"),
        bt.p("{{ bodies.note }}", "ND30TableText", i=True),
    ]
    return "".join(parts) + bt.section_properties(restart_numbering=True)


# --- the reminder ----------------------------------------------------------------------------

MISSING_WIDTHS = [bt.cm(1.0), bt.cm(7.0), bt.cm(2.5), bt.cm(2.5), bt.cm(2.5)]   # = 15,5 cm


def reminder_body() -> str:
    parts = [
        cong_van_page_one(),
        *kinh_gui(),
        bt.p("{{ intro }}"),
        bt.p("{{ situation }}"),
        bt.p("{{ request }}"),
        bt.p("{{ closing }}", "ND30Closing"),
        bt.signature_block(),
        bt.para(ppr=bt.section_properties()),
        *appendix_head("Phụ lục", "{{ missing.title }}"),
        group_rows_table(MISSING_WIDTHS, ["TT", "Cơ quan, đơn vị", "Số ngày quá hạn", "Nhiệm vụ chủ trì",
                                          "Chỉ tiêu báo cáo"],
                         [bt.p("{{ r.tt }}", "ND30TableCenter"), bt.p("{{ r.name }}", "ND30TableText"),
                          bt.p("{{ r.days }}", "ND30TableCenter"), bt.p("{{ r.tasks }}", "ND30TableCenter"),
                          bt.p("{{ r.indicators }}", "ND30TableCenter")],
                         groups="missing.groups", rows="rows"),
        bt.p("", "ND30TableText"),
    ]
    return "".join(parts) + bt.section_properties(restart_numbering=True)


# --- the review ------------------------------------------------------------------------------

# Phụ lục I, landscape (24,2 cm): one row per indicator and year.
TRAJECTORY_WIDTHS = [bt.cm(1.0), bt.cm(7.6), bt.cm(1.8), bt.cm(2.6), bt.cm(1.4), bt.cm(2.2), bt.cm(2.2),
                     bt.cm(5.4)]
# Phụ lục II, landscape: one row per task.
TASK_WIDTHS = [bt.cm(1.0), bt.cm(1.7), bt.cm(8.0), bt.cm(4.0), bt.cm(5.5), bt.cm(4.0)]


def picture(condition: str, run_expr: str, caption: str) -> list[str]:
    centred = '<w:ind w:firstLine="0"/><w:jc w:val="center"/><w:keepNext/>'
    return when(condition,
                bt.para(bt.run(f"{{{{r {run_expr} }}}}"), ppr=centred),
                bt.para(bt.run(caption, i=True, sz=13), ppr='<w:ind w:firstLine="0"/><w:jc w:val="center"/>'))


def dashes(loop_expr: str) -> list[str]:
    return bt.bullets(loop_expr, "- {{ item }}")


def review_body() -> str:
    w = TRAJECTORY_WIDTHS
    n = len(w)
    head = ["TT", "Chỉ tiêu", "Đơn vị tính", "{{ indicators.column_target }}", "Năm", "Thực hiện",
            "Theo lộ trình", "Đánh giá"]
    group_row = bt.row([bt.cell([bt.p("{{ group.label }}", "ND30TableHead")], w[0]),
                        bt.cell([bt.p("{{ group.title }}", "ND30TableText", b=True)], sum(w[1:]), span=n - 1)])
    year_row = bt.row([
        bt.cell([bt.p("{{ r.tt }}", "ND30TableCenter")], w[0]),
        bt.cell([bt.p("{{ r.name }}", "ND30TableText")], w[1]),
        bt.cell([bt.p("{{ r.unit }}", "ND30TableCenter")], w[2]),
        bt.cell([bt.p("{{ r.target }}", "ND30TableCenter")], w[3]),
        bt.cell([bt.p("{{ r.year }}", "ND30TableCenter")], w[4]),
        bt.cell([bt.p("{{ r.value }}", "ND30TableCenter")], w[5]),
        bt.cell([bt.p("{{ r.expected }}", "ND30TableCenter")], w[6]),
        bt.cell([bt.p("{{ r.assessment }}", "ND30TableText")], w[7]),
    ])
    indicator_table = bt.table(
        [head_row(head, w), bt.tag_row("for group in indicators.groups", n, w), group_row,
         bt.tag_row("for r in group.rows", n, w), year_row, bt.tag_row("endfor", n, w), bt.tag_row("endfor", n, w)],
        w, borders=True)
    tw = TASK_WIDTHS
    task_table = group_rows_table(tw, ["TT", "Mã nhiệm vụ", "Nhiệm vụ", "Chủ trì ({{ to_year }})",
                                       "Tình hình qua các năm", "{{ tasks.column_cumulative }}"],
                                  [bt.p("{{ r.tt }}", "ND30TableCenter"), bt.p("{{ r.code }}", "ND30TableCenter"),
                                   bt.p("{{ r.summary }}", "ND30TableText"), bt.p("{{ r.leads }}", "ND30TableText"),
                                   bt.p("{{ r.years }}", "ND30TableText"), bt.p("{{ r.cumulative }}", "ND30TableText")],
                                  groups="tasks.groups", rows="rows")
    parts = [
        bt.page_one_block(),
        bt.title_block(),
        *kinh_gui(space_before=False),
        bt.p("{{ intro }}"),
        bt.p("{{ coverage }}"),
        bt.heading("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", 1),
        *when("leadership.text", bt.p("{{ leadership.text }}")),
        *dashes("item in leadership.points"),
        bt.heading("II. KẾT QUẢ THỰC HIỆN {{ period_upper }}", 1),
        bt.heading("1. Kết quả thực hiện các chỉ tiêu", 2),
        bt.p("{{ indicators.sentence }}"),
        *when("indicators.trajectory_sentence", bt.p("{{ indicators.trajectory_sentence }}")),
        *when("indicators.changed", bt.p("{{ indicators.changed }}")),
        bt.tag("for group in indicators.groups"),
        bt.para(bt.run("{{ group.label }} {{ group.title }}: ", b=True, i=True), bt.run("{{ group.sentence }}")),
        bt.tag("for c in group.charts"),
        *picture("c.chart", "c.chart", "{{ c.caption }}"),
        bt.tag("endfor"),
        bt.tag("endfor"),
        bt.heading("2. Kết quả thực hiện các nhiệm vụ", 2),
        bt.p("{{ tasks.sentence }}"),
        *dashes("item in tasks.highlights"),
        bt.heading("III. ĐÁNH GIÁ CHUNG", 1),
        bt.heading("1. Kết quả nổi bật", 2),
        *dashes("item in assessment.worked"),
        bt.heading("2. Hạn chế, tồn tại", 2),
        *dashes("item in assessment.not_worked"),
        bt.heading("3. Nguyên nhân", 2),
        *dashes("item in assessment.causes"),
        bt.heading("4. Bài học kinh nghiệm", 2),
        *dashes("item in assessment.lessons"),
        bt.heading("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ {{ next_period_upper }}", 1),
        *dashes("item in directions"),
        bt.heading("V. ĐỀ XUẤT, KIẾN NGHỊ", 1),
        *dashes("item in proposals"),
        bt.p("{{ closing }}", "ND30Closing"),
        bt.signature_block(),
        bt.para(ppr=bt.section_properties()),
        *appendix_head("Phụ lục I", "{{ indicators.appendix_title }}"),
        indicator_table,
        bt.p("{{ indicators.table_note }}", "ND30TableText", i=True),
        bt.para(ppr=bt.section_properties(landscape=True, restart_numbering=True)),
        *appendix_head("Phụ lục II", "{{ tasks.appendix_title }}"),
        task_table,
        bt.p("", "ND30TableText"),
    ]
    return "".join(parts) + bt.section_properties(landscape=True, restart_numbering=True)


# --- the provincial People's Committee's report ---------------------------------------------


def province_body() -> str:
    """The report (portrait), then its one appendix: the consolidated report's indicator table (landscape)."""
    parts = [
        bt.page_one_block(),
        bt.title_block(),
        *kinh_gui(space_before=False),
        bt.p("{{ intro }}"),
        *when("period", bt.p("{{ period }}")),
        bt.heading("{{ parts.results }} KẾT QUẢ THỰC HIỆN", 1),
        *when("results.summary", bt.p("{{ results.summary }}")),
        bt.heading("1. Công tác lãnh đạo, chỉ đạo", 2),
        *when("results.leadership", bt.p("{{ results.leadership }}")),
        bt.heading("2. Kết quả thực hiện các nhiệm vụ", 2),
        *when("results.tasks", bt.p("{{ results.tasks }}")),
        bt.tag("for section in results.sections"),
        bt.para(bt.run("{{ section.number }} {{ section.title }}: ", b=True, i=True), bt.run("{{ section.text }}")),
        bt.tag("endfor"),
        bt.heading("3. Kết quả thực hiện các chỉ tiêu", 2),
        bt.p("{{ indicators.sentence }}"),
        *when("indicators.comparison_sentence", bt.p("{{ indicators.comparison_sentence }}")),
        *when("indicators.trajectory_sentence", bt.p("{{ indicators.trajectory_sentence }}")),
        bt.tag("for group in indicators.groups"),
        bt.para(bt.run("{{ group.label }} {{ group.title }}: ", b=True, i=True), bt.run("{{ group.sentence }}.")),
        bt.tag("endfor"),
        *dashes("item in indicators.quotes"),
        *when("parts.assessment",
              bt.heading("{{ parts.assessment }} ĐÁNH GIÁ CHUNG", 1),
              *loop("block in assessment", bt.heading("{{ block.number }} {{ block.title }}", 2),
                    *dashes("item in block.points"))),
        *when("parts.next_year",
              bt.heading("{{ parts.next_year }} PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {{ next_year }}", 1),
              *dashes("item in next_year_tasks")),
        *when("parts.proposals",
              bt.heading("{{ parts.proposals }} ĐỀ XUẤT, KIẾN NGHỊ", 1),
              *dashes("item in proposals")),
        bt.p("{{ closing }}", "ND30Closing"),
        bt.signature_block(),
        bt.para(ppr=bt.section_properties()),
        *bct.indicator_appendix("Phụ lục")[:-1],      # its section break becomes the body's last section
    ]
    return "".join(parts) + bt.section_properties(landscape=True, restart_numbering=True)


TEMPLATES = {
    "cong-van-yeu-cau-bao-cao.docx": (request_body, "Mẫu công văn đề nghị báo cáo kết quả thực hiện kế hoạch"),
    "cong-van-don-doc.docx": (reminder_body, "Mẫu công văn đôn đốc gửi báo cáo"),
    "bao-cao-so-ket.docx": (review_body, "Mẫu báo cáo sơ kết, tổng kết thực hiện kế hoạch"),
    "bao-cao-ubnd-tinh.docx": (province_body, "Mẫu báo cáo của UBND tỉnh về kết quả thực hiện kế hoạch"),
}


def main() -> None:
    bt.OUT.mkdir(parents=True, exist_ok=True)
    for name, (body, title) in TEMPLATES.items():
        target = bt.OUT / name
        target.write_bytes(bct.package(body(), title))   # the shared styles and the appendices' 10-pt table styles
        print(f"đã ghi {target}")


if __name__ == "__main__":
    main()
