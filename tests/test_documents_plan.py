"""Agency implementation plans, read back: Decree 30 format and the plan's tasks in the right place."""

from __future__ import annotations

import functools

import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Mm, Pt
from render_helpers import (
    W,
    all_paragraphs,
    built_project,
    document,
    find,
    font_value,
    has_border,
    index_of,
    para_value,
    texts,
)

from reportgen.load import load_project
from reportgen.model.routing import tasks_of_body
from reportgen.task_text import BLANK


@functools.cache
def _doc(code: str, year: int = 2024):
    return document(built_project(year) / "outputs" / str(year) / "ke-hoach" / f"KH-{code}-{year}.docx")


@functools.lru_cache(maxsize=1)
def _project():
    return load_project(built_project(2024), year=2024)


def test_page_one_block_of_a_numbered_plan():
    doc = _doc("SYT")
    table = doc.tables[0]
    left = [p.text for p in table.cell(0, 0).paragraphs if p.text]
    right = [p.text for p in table.cell(0, 1).paragraphs if p.text]
    assert left == ["UBND TỈNH THANH HÓA", "SỞ Y TẾ"]
    assert right == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    parent, issuer = (p for p in table.cell(0, 0).paragraphs if p.text)
    assert not font_value(parent, "bold") and font_value(issuer, "bold")
    assert font_value(parent, "size") == Pt(13) and font_value(issuer, "size") == Pt(13)
    # the issuer's line: an empty paragraph right under the name, a real border, shorter than the name
    rule = table.cell(0, 0).paragraphs[-1]
    assert rule.text == "" and has_border(rule, "top")
    assert "_" not in "".join(p.text for p in all_paragraphs(doc)[:8])
    motto = find(doc, "Độc lập")
    assert has_border(motto, "bottom") and font_value(motto, "size") == Pt(14) and font_value(motto, "bold")
    assert table.cell(1, 0).paragraphs[0].text == "Số: 45/KH-SYT"
    place = table.cell(1, 1).paragraphs[0]
    assert place.text == "Thanh Hóa, ngày 02 tháng 4 năm 2024"
    assert font_value(place, "italic") and font_value(place, "size") == Pt(14)
    borders = table._tbl.tblPr.find(f"{W}tblBorders")
    assert all(b.get(f"{W}val") == "nil" for b in borders)


def test_title_and_trich_yeu_from_plan_data():
    doc = _doc("SYT")
    title = find(doc, "KẾ HOẠCH")
    assert font_value(title, "bold") and para_value(title, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    subject = all_paragraphs(doc)[index_of(doc, "KẾ HOẠCH") + 1]
    assert subject.text.startswith("Thực hiện Kế hoạch số 68/KH-UBND ngày 08/3/2024 của UBND tỉnh Thanh Hóa về "
                                   "tiếp tục đổi mới")
    assert font_value(subject, "bold") and font_value(subject, "size") == Pt(14)
    line = all_paragraphs(doc)[index_of(doc, "KẾ HOẠCH") + 2]
    assert line.text == "" and has_border(line, "top")


def test_body_style_is_the_decree_body():
    doc = _doc("SYT")
    body = [p for p in all_paragraphs(doc) if p.text.startswith("Thực hiện Kế hoạch số 68") and p.style.name == "Normal"][0]
    assert font_value(body, "name") == "Times New Roman"
    assert font_value(body, "size") == Pt(14)
    assert para_value(body, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert abs(para_value(body, "first_line_indent") - Cm(1.27)) < Cm(0.01)
    assert para_value(body, "space_after") >= Pt(6)


def test_heading_ladder_and_the_tasks_under_their_numbers():
    doc = _doc("SYT")
    project = _project()
    all_texts = texts(doc)
    for heading in ("I. MỤC ĐÍCH, YÊU CẦU", "II. NHIỆM VỤ, GIẢI PHÁP", "III. TỔ CHỨC THỰC HIỆN"):
        assert heading in all_texts
        assert font_value(find(doc, heading), "bold")
    assert index_of(doc, "I. MỤC") < index_of(doc, "II. NHIỆM VỤ") < index_of(doc, "III. TỔ CHỨC")
    assert "1. Nhiệm vụ chủ trì thực hiện" in all_texts
    led, supported = tasks_of_body(project.plan, project.registry, "SYT", 2024)
    assert led
    _assert_tasks_under_sections(doc, project, led, supported)


def _assert_tasks_under_sections(doc, project, led, supported):
    section_titles = {s.number: s.title for s in project.plan.sections}
    paragraphs = all_paragraphs(doc)
    for group, tasks in (("1.", led), ("2.", supported)):
        if not tasks:
            continue
        group_at = index_of(doc, f"{group} Nhiệm vụ")
        for task in tasks:
            if not task.numbered:
                continue
            at = next(i for i, p in enumerate(paragraphs) if i > group_at
                      and (f"Nhiệm vụ {task.code}." in p.text or f"Nhiệm vụ {task.code} (" in p.text))
            heading = next(p for p in reversed(paragraphs[:at]) if p.style.name.startswith("Đề mục 1.1"))
            assert heading.text.startswith(group)
            assert heading.text.endswith(f"{section_titles[task.section]} (mục {task.section})")
            assert paragraphs[at].text.split(") ", 1)[0] in "abcdđeghiklmnopqrstuvxy"
            first_words = " ".join(task.content[0].split()[:6])
            following = " ".join(p.text for p in paragraphs[at:at + 1 + len(task.content)])
            assert first_words in " ".join(following.split())


def test_supported_tasks_come_second_with_their_lead_body():
    """The bundled plan names no ordered partner; add one and read the plan back."""
    from reportgen.documents.agency_plan import plan_document
    from reportgen.pipeline import template_folders
    from reportgen.render import Renderer

    root = built_project(2024)
    project = load_project(root, year=2024)
    project.plan.task("III.4.5").partners.append("SYT")
    spec = plan_document(project, "SYT", 2024)
    doc = document(Renderer(template_folders(root)).render(spec.template, spec.context, spec.properties))
    led, supported = tasks_of_body(project.plan, project.registry, "SYT", 2024)
    assert [t.code for t in supported] == ["III.4.5"]
    assert index_of(doc, "1. Nhiệm vụ chủ trì") < index_of(doc, "2. Nhiệm vụ phối hợp thực hiện")
    _assert_tasks_under_sections(doc, project, led, supported)
    line = find(doc, "Nhiệm vụ III.4.5", start=False).text
    assert "(phối hợp với Sở Lao động - Thương binh và Xã hội)" in line
    assert "Nội dung theo Kế hoạch: “Sở Lao động - Thương binh và Xã hội:" in line   # the plan's words, quoted
    row = next(r for r in doc.tables[-1].rows if "Nhiệm vụ III.4.5" in r.cells[1].text)
    assert row.cells[2].text == "Sở Lao động - Thương binh và Xã hội"
    assert "Sở Y tế" in row.cells[3].text
    group_rows = [r.cells[0].text for r in doc.tables[-1].rows if r.cells[0].text in ("I", "II")]
    assert group_rows == ["I", "II"]


def test_overlay_extra_task_and_internal_deadline():
    doc = _doc("SYT")
    extra = find(doc, "trạm y tế xã", start=False)
    heading = next(p for p in reversed(all_paragraphs(doc)[:index_of(doc, extra.text)])
                   if p.style.name.startswith("Đề mục 1.1"))
    assert heading.text.startswith("1.") and heading.text.endswith("(mục III.6)")
    assert "trước ngày 30/11 hằng năm" in find(doc, "1. Các đơn vị, bộ phận trực thuộc Sở Y tế").text
    assert "gửi Sở Lao động - Thương binh và Xã hội trước ngày 10/12 hằng năm" in find(doc, "2. Sở Y tế").text


def test_signature_and_recipients():
    doc = _doc("SYT")
    sign = doc.tables[1]
    right = [p.text for p in sign.cell(0, 1).paragraphs if p.text]
    assert right == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Đặng Văn Long"]
    blank = [p for p in sign.cell(0, 1).paragraphs if not p.text]
    assert 4 <= len(blank) <= 6
    left = sign.cell(0, 0).paragraphs
    assert left[0].text == "Nơi nhận:"
    assert font_value(left[0], "bold") and font_value(left[0], "italic") and font_value(left[0], "size") == Pt(12)
    items = [p for p in left[1:] if p.text]
    assert [p.text for p in items] == ["- UBND tỉnh (để b/c);", "- Sở Lao động - Thương binh và Xã hội;",
                                       "- Các phòng chức năng, đơn vị trực thuộc Sở;", "- Lưu: VT, VP."]
    assert all(font_value(p, "size") == Pt(11) and not font_value(p, "bold") for p in items)


def test_page_setup_numbers_and_landscape_appendix():
    doc = _doc("SYT")
    first, appendix = doc.sections
    assert abs(first.page_width - Mm(210)) < Mm(0.1) and abs(first.page_height - Mm(297)) < Mm(0.1)
    for section in doc.sections:
        assert abs(section.top_margin - Mm(25)) < Mm(0.1) and abs(section.bottom_margin - Mm(20)) < Mm(0.1)
        assert abs(section.left_margin - Mm(35)) < Mm(0.1) and abs(section.right_margin - Mm(20)) < Mm(0.1)
        assert section.different_first_page_header_footer
        assert section.first_page_header.paragraphs[0].text == ""
        header = section.header._element
        assert any(" PAGE " in (t.text or "") for t in header.iter(f"{W}instrText"))
        number = section.header.paragraphs[0]
        assert para_value(number, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
        assert font_value(number, "size") in (Pt(13), Pt(14))
    assert first.orientation == WD_ORIENT.PORTRAIT
    assert appendix.orientation == WD_ORIENT.LANDSCAPE
    assert appendix._sectPr.find(f"{W}pgNumType").get(f"{W}start") == "1"


def test_appendix_table_lists_every_task_with_a_repeated_header():
    doc = _doc("SYT")
    project = _project()
    led, supported = tasks_of_body(project.plan, project.registry, "SYT", 2024)
    table = doc.tables[-1]
    header = table.rows[0]
    assert [c.text for c in header.cells] == ["TT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian", "Sản phẩm"]
    assert header._tr.trPr.find(f"{W}tblHeader") is not None
    task_rows = [r for r in table.rows[1:] if r.cells[0].text.isdigit()]
    extras = 1   # the overlay's own task
    assert len(task_rows) == len(led) + len(supported) + extras
    assert [r.cells[0].text for r in task_rows] == [str(i) for i in range(1, len(task_rows) + 1)]
    assert find(doc, "(Kèm theo Kế hoạch số 45/KH-SYT ngày 02/4/2024 của Sở Y tế)")
    # what the overlay gives (unit in charge, partner unit, deadline, product), and a visible blank elsewhere
    iii_4_2 = next(r for r in task_rows if "Nhiệm vụ III.4.2" in r.cells[1].text)
    assert [c.text for c in iii_4_2.cells[2:]] == ["Phòng Nghiệp vụ Y", "Chi cục Dân số", "Thường xuyên",
                                                  "Báo cáo kết quả thực hiện"]
    iii_2_1 = next(r for r in task_rows if "Nhiệm vụ III.2.1" in r.cells[1].text)
    assert [c.text for c in iii_2_1.cells[2:]] == [BLANK, "", BLANK, BLANK]
    for row in task_rows:   # never the body itself as its own lead unit, never invented values
        assert row.cells[2].text != "Sở Y tế" and "Thường xuyên" not in row.cells[4].text or "III.4.2" in row.cells[1].text


def test_draft_plan_without_overlay():
    doc = _doc("SNV")
    table = doc.tables[0]
    assert table.cell(1, 0).paragraphs[0].text == "Số:      /KH-SNV"
    assert table.cell(1, 1).paragraphs[0].text == "Thanh Hóa, ngày      tháng      năm 2024"
    right = [p.text for p in doc.tables[1].cell(0, 1).paragraphs if p.text]
    assert right == ["GIÁM ĐỐC"]
    recipients = [p.text for p in doc.tables[1].cell(0, 0).paragraphs if p.text]
    assert recipients[1:] == ["- UBND tỉnh Thanh Hóa (để b/c);", "- Sở Lao động - Thương binh và Xã hội;",
                              "- Lưu: VT, VP."]


def test_focal_body_plan_says_it_consolidates():
    doc = _doc("SLDTBXH")
    assert find(doc, "2. Sở Lao động - Thương binh và Xã hội là cơ quan thường trực")
    issuer = [p.text for p in doc.tables[0].cell(0, 0).paragraphs if p.text]
    assert issuer == ["UBND TỈNH THANH HÓA", "SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"]


def test_district_plan_uses_its_own_header_and_signature():
    doc = _doc("UBND_H_NGA_SON")
    left = [p.text for p in doc.tables[0].cell(0, 0).paragraphs if p.text]
    assert left == ["ỦY BAN NHÂN DÂN", "HUYỆN NGA SƠN"]
    assert all(font_value(p, "bold") for p in doc.tables[0].cell(0, 0).paragraphs if p.text)
    right = [p.text for p in doc.tables[1].cell(0, 1).paragraphs if p.text]
    assert right[:2] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


@pytest.mark.parametrize("code", ["SYT", "SNV", "UBND_H_NGA_SON"])
def test_no_template_tag_or_blank_placeholder_survives(code):
    text = "\n".join(texts(_doc(code)))
    for mark in ("{{", "}}", "{%", "%}", "None"):
        assert mark not in text


def test_a_task_taken_over_in_the_reorganisation_says_so():
    doc = _doc("SNV", 2025)
    texts = [p.text for p in doc.paragraphs]
    line = next(t for t in texts if t.startswith(("a) Nhiệm vụ III.5.1", "b) Nhiệm vụ III.5.1", "c) Nhiệm vụ III.5.1")))
    assert "(Kế hoạch giao Sở Lao động - Thương binh và Xã hội; từ ngày 01/3/2025 do Sở Nội vụ thực hiện)" in line
    # a task the plan gives to Sở Nội vụ by name carries no such note
    own = next(t for t in texts if "Nhiệm vụ III.2.2" in t)
    assert "Kế hoạch giao" not in own
    # nor does any task in a 2024 plan
    assert not any("Kế hoạch giao" in p.text for p in _doc("SLDTBXH", 2024).paragraphs)
