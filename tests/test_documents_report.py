"""Agency reports to the focal body, read back: addressee, results per task, the figure table."""

from __future__ import annotations

import functools
from decimal import Decimal

from docx.shared import Pt
from render_helpers import (
    all_paragraphs,
    built_project,
    document,
    find,
    font_value,
    index_of,
    texts,
)

from reportgen.indicator_text import target_text, value_text
from reportgen.load import load_project
from reportgen.model import Indicator
from reportgen.model.routing import tasks_of_body
from reportgen.vn import format_number, nd30_date


@functools.cache
def _doc(code: str, year: int = 2024):
    return document(built_project(year) / "outputs" / str(year) / "bao-cao" / f"BC-{code}-{year}.docx")


@functools.lru_cache(maxsize=1)
def _project():
    return load_project(built_project(2024), year=2024)


def _submission(code: str):
    return next(s for s in _project().submissions_for(2024) if s.agency == code)


def test_header_number_date_and_addressee():
    doc = _doc("SYT")
    report = _submission("SYT").report                      # the sample's own number and date
    assert doc.tables[0].cell(1, 0).paragraphs[0].text == f"Số: {report.number}/BC-SYT"
    assert doc.tables[0].cell(1, 1).paragraphs[0].text == f"Thanh Hóa, {nd30_date(report.date)}"
    assert find(doc, "BÁO CÁO")
    assert find(doc, "Kết quả thực hiện Kế hoạch số 68/KH-UBND ngày 08/3/2024 của UBND tỉnh Thanh Hóa năm 2024")
    kinh_gui = find(doc, "Kính gửi:")
    assert kinh_gui.text == "Kính gửi: Sở Lao động - Thương binh và Xã hội."
    assert font_value(kinh_gui, "size") == Pt(14) and not font_value(kinh_gui, "bold")


def test_focal_body_reports_to_the_provincial_committee():
    assert find(_doc("SLDTBXH"), "Kính gửi:").text == "Kính gửi: Ủy ban nhân dân tỉnh Thanh Hóa."


def test_every_assigned_task_in_plan_order_with_its_results():
    doc = _doc("SYT")
    project = _project()
    led, supported = tasks_of_body(project.plan, project.registry, "SYT", 2024)
    submission = _submission("SYT")
    reported = {r.task: r for r in submission.tasks}
    paragraphs = all_paragraphs(doc)
    positions = []
    for task in led + supported:
        label = f"Nhiệm vụ {task.code} (" if task.numbered else f"Nhiệm vụ tại mục {task.section} ("
        at = next(i for i, p in enumerate(paragraphs) if label in p.text and p.text[1] == ")")
        positions.append(at)
        result = reported.get(task.code)
        if result is None:
            assert "chưa có báo cáo kết quả" in paragraphs[at].text
            continue
        assert result.status.split()[-1] in paragraphs[at].text
        for i, line in enumerate(result.results):
            assert paragraphs[at + 1 + i].text == f"- {' '.join(line.split())}"
    assert positions == sorted(positions)


def test_figure_table_against_the_targets():
    doc = _doc("SYT")
    table = doc.tables[1]
    figures = {f.indicator: f for f in _submission("SYT").figures}
    quantitative = [f for f in figures.values() if f.value is not None]
    all_estimates = all(f.estimate for f in quantitative)
    assert [c.text for c in table.rows[0].cells] == ["TT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu 2030", "Năm 2023",
                                                     "Năm 2024" + (" (ước)" if all_estimates else ""), "Ghi chú"]
    rows = {r.cells[1].text: [c.text for c in r.cells] for r in table.rows[1:]}
    mark = "" if all_estimates else " (ước)"

    def shown(code: str, percent: bool = False) -> list[str]:
        f, ind = figures[code], _project().plan.indicator(code)
        return [value_text(ind, f.previous), value_text(ind, f.value) + (mark if f.estimate else "")]

    # the unit has its own column (a break allowed after "/"), so the target is printed without it
    assert rows["Tỷ số giới tính khi sinh"][2:6] == ["bé trai/\u200b100 bé gái", "< 109", *shown("B07")]
    assert rows["Tuổi thọ trung bình của người dân"][3:6] == ["≈ 75", *shown("B08")]
    assert rows["Tỷ lệ dân số tham gia bảo hiểm y tế (BHYT)"][3:6] == ["> 95%", *shown("B14")]
    assert [r.cells[0].text for r in table.rows[1:]] == [str(i) for i in range(1, len(table.rows))]
    assert all(font_value(p, "size") in (Pt(12), Pt(13)) for r in table.rows for c in r.cells for p in c.paragraphs
               if p.text)


def test_target_text_forms():
    def ind(**kw):
        base = {"code": "X", "group": "a", "name": "x", "unit": "%"}
        return Indicator.model_validate(base | kw)

    assert target_text(ind(comparator=">=", target=Decimal("95"))) == "≥ 95%"
    assert target_text(ind(comparator="=", target=Decimal("100"))) == "100%"
    assert target_text(ind(unit="bé trai/100 bé gái", comparator="<", target=Decimal("109"))) == "< 109 bé trai/100 bé gái"
    assert target_text(ind(unit="", qualitative_target="hoàn thành phổ cập")) == "hoàn thành phổ cập"


def test_assessment_next_year_and_proposals_numbered_in_order():
    doc = _doc("SYT")
    submission = _submission("SYT")
    order = [index_of(doc, h) for h in ("I. KẾT QUẢ THỰC HIỆN", "II. ĐÁNH GIÁ CHUNG", "III. NHIỆM VỤ, GIẢI PHÁP NĂM 2025",
                                        "IV. KIẾN NGHỊ, ĐỀ XUẤT")]
    assert order == sorted(order)
    all_text = " ".join(texts(doc))
    for line in submission.difficulties + submission.proposals + submission.next_year:
        assert " ".join(line.split()) in all_text
    assert "2. Khó khăn, vướng mắc" in texts(doc)


def test_signature_and_recipients_of_a_report_to_a_superior():
    doc = _doc("SYT")
    sign = doc.tables[-1]
    assert [p.text for p in sign.cell(0, 1).paragraphs if p.text] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Đặng Văn Long"]
    items = [p.text for p in sign.cell(0, 0).paragraphs if p.text]
    assert items == ["Nơi nhận:", "- Như trên;", "- UBND tỉnh Thanh Hóa (để b/c);", "- Lưu: VT, VP."]
    assert find(doc, "Trên đây là báo cáo kết quả thực hiện Kế hoạch số 68/KH-UBND năm 2024 của Sở Y tế./.")


def test_commune_report_of_2025_goes_to_the_new_focal_body():
    root = built_project(2025, ("bao-cao",), ("UBND_X_YEN_THO", "SYT"))
    doc = document(root / "outputs" / "2025" / "bao-cao" / "BC-UBND_X_YEN_THO-2025.docx")
    assert find(doc, "Kính gửi:").text == "Kính gửi: Sở Nội vụ."
    left = [p.text for p in doc.tables[0].cell(0, 0).paragraphs if p.text]
    assert left == ["ỦY BAN NHÂN DÂN", "XÃ YÊN THỌ"]
    assert sorted(p.name for p in (root / "outputs" / "2025" / "bao-cao").iterdir()) == [
        "BC-SYT-2025.docx", "BC-UBND_X_YEN_THO-2025.docx"]


def test_a_local_body_writes_its_own_place_name():
    """Decree 30: a district or commune dates its documents with its own name, not the province's."""
    from render_helpers import built_project, document

    doc = document(built_project(2024) / "outputs" / "2024" / "ke-hoach" / "KH-UBND_H_NGA_SON-2024.docx")
    place_date = doc.tables[0].rows[-1].cells[1].text
    assert place_date.startswith("Nga Sơn, ngày")
    province = document(built_project(2024) / "outputs" / "2024" / "ke-hoach" / "KH-SYT-2024.docx")
    assert province.tables[0].rows[-1].cells[1].text.startswith("Thanh Hóa, ngày")


def test_a_tasks_metrics_are_written_under_it():
    doc = _doc("SYT")
    plan = _project().plan
    text = "\n".join(texts(doc))
    written = 0
    for result in _submission("SYT").tasks:
        figures = [m.label(format_number(result.metrics[m.key], m.decimals))
                   for m in plan.task_metrics(plan.task(result.task)) if m.key in result.metrics]
        if figures:
            assert f"- Số liệu: {'; '.join(figures)}." in text, result.task
            written += 1
    assert written >= 3
