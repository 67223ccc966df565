"""The consolidated report read back: indicator table, counts, attribution, tracking appendix, charts."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import fixtures_consolidation as fx
import pytest
from click.testing import CliRunner

from reportgen.cli import cli
from reportgen.compute import consolidate
from reportgen.documents.consolidated import consolidated_context, render_consolidated
from reportgen.ooxml import NS, qn
from reportgen.render import Renderer


def render(plan=None, registry=None, submissions=None, year=2024, secretariat=None, charts=True) -> bytes:
    plan = plan or fx.plan()
    registry = registry or fx.registry()
    submissions = submissions if submissions is not None else fx.submissions_2024()
    result = consolidate(plan, registry, submissions, year, secretariat=secretariat)
    return render_consolidated(Renderer(), consolidated_context(plan, registry, result, secretariat, charts=charts))


@pytest.fixture(scope="module")
def data() -> bytes:
    return render(secretariat=fx.secretariat_2024())


@pytest.fixture(scope="module")
def document(data):
    return docx.Document(io.BytesIO(data))


def body_text(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def indicator_table(document):
    [table] = [t for t in document.tables if t.rows[0].cells[-1].text == "Đơn vị báo cáo"]
    return table


def tracking_table(document):
    [table] = [t for t in document.tables if t.rows[0].cells[-1].text == "Tình trạng"]
    return table


def data_rows(table):
    """Rows whose first cell is a number (group rows and the header left out)."""
    return [[c.text for c in r.cells] for r in table.rows if r.cells[0].text.isdigit()]


def test_every_indicator_row_once_with_vietnamese_values(document):
    rows = data_rows(indicator_table(document))
    names = [r[1] for r in rows]
    assert names == [i.name for i in fx.plan().indicators]
    by_name = {r[1]: r for r in rows}
    assert by_name["Tỷ lệ thất nghiệp"][2:6] == ["%", "dưới 3%", "3,2", "2,9 (ước)"]
    assert by_name["Số căn nhà ở xã hội"][3] == "≥ 13.787"
    assert by_name["Tuổi thọ trung bình"][4:6] == ["74,3", "74,5"]
    assert by_name["Tỷ lệ thất nghiệp"][7] == "Sở LĐ-TB&XH"
    assert by_name["Diện tích nhà ở bình quân"][6].startswith("Không có số liệu")
    assert "số liệu khác: Sở Y tế 3,1%" in by_name["Tỷ lệ thất nghiệp"][6]


def test_groups_in_plan_order_with_letters(document):
    table = indicator_table(document)
    groups = [r.cells[1].text for r in table.rows if r.cells[0].text in ("a)", "b)")]
    assert groups == ["Về lao động và xã hội", "Về y tế"]


def test_header_row_repeats_and_appendix_is_landscape(data):
    root = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    from lxml import etree

    tree = etree.fromstring(root)
    for tbl in tree.iter(qn("w:tbl")):
        first = tbl.find(qn("w:tr"))
        if "Đơn vị báo cáo" in "".join(first.itertext()) or "Tình trạng" in "".join(first.itertext()):
            assert first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    orients = [s.find(qn("w:pgSz")).get(qn("w:orient")) for s in tree.iter(qn("w:sectPr"))]
    assert orients == [None, "landscape", None]


def test_counts_in_the_text_equal_the_table(document):
    text = body_text(document)
    m = re.search(r"(\d+)/(\d+) chỉ tiêu đạt hoặc vượt; (\d+) chỉ tiêu chưa đạt; (\d+) chỉ tiêu không có số liệu", text)
    assert m, text
    met, total, not_met, no_data = map(int, m.groups())
    verdicts = [r[6].split("\n")[0] for r in data_rows(indicator_table(document))]
    assert total == len(verdicts) == 9
    assert met == verdicts.count("Đã đạt") == 4
    assert not_met == verdicts.count("Chưa đạt") == 3
    assert no_data == verdicts.count("Không có số liệu") == 2


def test_override_reason_in_the_assessment_cell(document):
    rows = {r[1]: r for r in data_rows(indicator_table(document))}
    cell = rows["Tỷ lệ tham gia BHTN"][6]
    assert "số liệu BHXH tỉnh chưa chốt" in cell and "Điều chỉnh đánh giá" in cell


def test_trajectory_and_baseline_source_stated(document):
    rows = {r[1]: r for r in data_rows(indicator_table(document))}
    assert "Đúng tiến độ" in rows["Tỷ lệ hộ nghèo"][6]
    assert "gốc: năm 2023 theo Báo cáo 2023 của tỉnh" in rows["Tỷ lệ hộ nghèo"][6]
    assert "gốc: năm 2023 do Sở LĐ-TB&XH báo cáo" in rows["Tỷ lệ lao động qua đào tạo"][6]
    assert "Chưa xác định (không có số liệu gốc)" in rows["Tỷ lệ tham gia BHTN"][6]


def test_results_attributed_lead_first_after_the_secretariats_synthesis(document):
    paragraphs = [p.text for p in document.paragraphs]
    start = paragraphs.index("1.2. Việc làm")
    section = paragraphs[start:start + 12]
    assert section[1] == "Thị trường lao động phục hồi."
    assert section.index("- Sở LĐ-TB&XH: Giải quyết việc làm cho 60.000 lao động.") < \
        section.index("- Sở Y tế: Tư vấn việc làm tại bệnh viện.")
    assert any(s.startswith("- Tỷ lệ thất nghiệp: ước 2,9%") and s.endswith("(Sở LĐ-TB&XH).") for s in section)


def test_tasks_without_report_are_said(document):
    text = body_text(document)
    assert "- Chưa báo cáo: Sở Xây dựng." in text
    assert "- Chưa báo cáo: UBND huyện Bá Thước." in text


def test_assessment_merged_without_repeats(document):
    text = body_text(document)
    assert text.count("Công tác chỉ đạo kịp thời") == 1
    assert "- Công tác chỉ đạo kịp thời (Sở LĐ-TB&XH, Sở Y tế)." in text


def test_every_late_or_missing_body_listed(document):
    rows = {r[1]: r for r in data_rows(tracking_table(document))}
    assert rows["Sở Xây dựng"][4] == "Chưa nộp"
    assert rows["Ủy ban nhân dân huyện Bá Thước"][4] == "Chưa nộp"
    assert rows["Ủy ban nhân dân huyện Nga Sơn"][3:] == ["13/12/2024", "Muộn 3 ngày"]
    assert rows["Sở Y tế"][4] == "Đúng hạn"
    assert rows["Sở Lao động - Thương binh và Xã hội"][2] == "12/KH-SLĐTBXH ngày 02/4/2024"
    assert len(rows) == 5


def test_page_one_from_the_focal_body_to_the_province(document):
    text = body_text(document)
    first = document.tables[0]
    assert "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" in first.cell(0, 0).text
    assert "Số: 15/BC-SLĐTBXH" in first.cell(1, 0).text
    assert first.cell(1, 1).text == "Thanh Hóa, ngày 20 tháng 12 năm 2024"
    assert "Kính gửi: Ủy ban nhân dân tỉnh Thanh Hóa." in text
    assert "(Kèm theo Báo cáo số 15/BC-SLĐTBXH ngày 20/12/2024 của Sở LĐ-TB&XH)" in text


def test_charts_embedded_and_the_document_is_byte_identical(data):
    again = render(secretariat=fx.secretariat_2024())
    assert again == data
    z = zipfile.ZipFile(io.BytesIO(data))
    media = sorted(n for n in z.namelist() if n.startswith("word/media/"))
    assert media == ["word/media/bieu-do-1.png", "word/media/bieu-do-2.png", "word/media/bieu-do-3.png"]
    rels = z.read("word/_rels/document.xml.rels").decode()
    blips = re.findall(r'r:embed="([^"]+)"', z.read("word/document.xml").decode())
    assert len(blips) == 3 and all(f'Id="{b}"' in rels for b in blips)
    assert b'Extension="png"' in z.read("[Content_Types].xml")


def test_user_text_stays_literal():
    subs = fx.submissions_2024()
    subs[2024][1].tasks[0].results = ["Kết quả {{ x }} {% if %} <b> & \"trích\""]
    document = docx.Document(io.BytesIO(render(submissions=subs, charts=False)))
    assert "- Sở Y tế: Kết quả {{ x }} {% if %} <b> & \"trích\"." in body_text(document)


def test_2025_routes_to_successors():
    subs = {2024: fx.submissions_2024()[2024], 2025: [
        fx.submission("SNV", 2025, received="2025-12-05", figures=[{"indicator": "A01", "value": "2,8"}],
                      tasks=[{"task": "III.2.1", "status": "hoàn thành", "results": ["Kết nối cung cầu lao động."]}]),
        fx.submission("X_NGA_SON", 2025, received="2025-12-15",
                      tasks=[{"task": "III.1.1", "status": "hoàn thành", "results": ["Tuyên truyền tại xã."]}]),
    ]}
    document = docx.Document(io.BytesIO(render(submissions=subs, year=2025, charts=False)))
    text = body_text(document)
    assert "SỞ NỘI VỤ" in document.tables[0].cell(0, 0).text          # the focal body's successor issues it
    assert "- Sở Nội vụ: Kết nối cung cầu lao động." in text
    rows = {r[1]: r for r in data_rows(tracking_table(document))}
    assert "Sở Lao động - Thương binh và Xã hội" not in rows
    assert rows["Sở Nội vụ"][4] == "Đúng hạn"
    assert rows["Ủy ban nhân dân xã Nga Sơn"][4] == "Muộn 5 ngày"
    assert rows["Ủy ban nhân dân xã Đông Tiến"][4] == "Chưa nộp"
    indicators = {r[1]: r for r in data_rows(indicator_table(document))}
    assert indicators["Tỷ lệ thất nghiệp"][4:6] == ["2,9", "2,8"]      # 2024 figure from last year's report
    assert indicators["Tỷ lệ thất nghiệp"][7] == "Sở Nội vụ"
    assert "số năm 2024 do Sở LĐ-TB&XH báo cáo" in indicators["Tỷ lệ thất nghiệp"][6]


def test_report_command_replaces_its_own_output_and_keeps_an_edited_one(tmp_path):
    fx.write_project(tmp_path, fx.submissions_2024(), secretariat=fx.secretariat_2024())
    runner = CliRunner()
    result = runner.invoke(cli, ["--root", str(tmp_path), "report", "--year", "2024"])
    assert result.exit_code == 0, result.output
    target = tmp_path / "outputs" / "2024" / "BC-tong-hop-2024.docx"
    assert target.is_file()
    assert "4/9 chỉ tiêu đạt hoặc vượt" in result.output
    assert "Cảnh báo: chỉ tiêu A01 năm 2024 có số liệu khác nhau giữa các đơn vị" in result.output
    first = target.read_bytes()
    again = runner.invoke(cli, ["--root", str(tmp_path), "report", "--year", "2024"])
    assert again.exit_code == 0 and target.read_bytes() == first      # its own, untouched: replaced
    target.write_bytes(first + b"edited")
    refused = runner.invoke(cli, ["--root", str(tmp_path), "report", "--year", "2024"])
    assert refused.exit_code == 1 and "--force" in refused.output and "BC-tong-hop-2024.docx" in refused.output
    forced = runner.invoke(cli, ["--root", str(tmp_path), "report", "--year", "2024", "--force"])
    assert forced.exit_code == 0 and target.read_bytes() == first


def test_report_command_refuses_invalid_inputs(tmp_path):
    subs = fx.submissions_2024()
    fx.write_project(tmp_path, subs)
    bad = tmp_path / "inputs" / "submissions" / "2024" / "SYT.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace('"B01"', '"Z99"'), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--root", str(tmp_path), "report", "--year", "2024"])
    assert result.exit_code == 1
    assert "Z99" in result.output
    assert not (tmp_path / "outputs" / "2024").exists()


def test_namespaces_of_pictures_are_declared(data):
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert NS["pic"] in xml


def test_without_the_secretariats_file_the_report_is_a_draft():
    document = docx.Document(io.BytesIO(render(charts=False)))
    first = document.tables[0]
    assert first.cell(1, 0).text == "Số:      /BC-SLĐTBXH"
    assert first.cell(1, 1).text == "Thanh Hóa, ngày      tháng      năm 2024"
    text = body_text(document)
    assert "(Kèm theo Báo cáo số       /BC-SLĐTBXH ngày       /      /2024 của Sở LĐ-TB&XH)" in text
    [signature] = [t for t in document.tables if t.cell(0, 0).text.startswith("Nơi nhận:")]
    assert signature.cell(0, 0).text == "Nơi nhận:\n- Như trên;\n- Lưu: VT."
    assert signature.cell(0, 1).text.strip() == "GIÁM ĐỐC"          # the head signs; the name is left blank


def _noted_submissions():
    """A01–A03 carry one repeated note (SLDTBXH), A04 its own, B03 has only SXD's note (no figure)."""
    subs = fx.submissions_2024()
    figures = subs[2024][0].figures
    for fig in figures[:3]:
        fig.note = "Ước thực hiện đến 31/12/2024."
    figures[3].note = "Số liệu của BHXH tỉnh đến tháng 11."
    subs[2024].append(fx.submission("SXD", 2024, received="2024-12-09",
                                    figures=[{"indicator": "B03", "note": "Chưa có số liệu thống kê."}]))
    return subs


@pytest.fixture(scope="module")
def noted():
    return docx.Document(io.BytesIO(render(submissions=_noted_submissions(), charts=False)))


def test_a_bodys_own_note_is_under_the_assessment(noted):
    rows = {r[1]: r for r in data_rows(indicator_table(noted))}
    assert rows["Tỷ lệ tham gia BHTN"][6].endswith("\nGhi chú của đơn vị: Số liệu của BHXH tỉnh đến tháng 11.")
    b03 = rows["Số căn nhà ở xã hội"]
    assert b03[7] == "-" and b03[6].endswith("\nGhi chú của Sở Xây dựng: Chưa có số liệu thống kê.")
    assert "Ghi chú" not in rows["Tuổi thọ trung bình"][6]


def test_a_note_repeated_on_many_rows_is_marked_and_printed_once(noted):
    from reportgen.documents.consolidated import SHARED_NOTE_ROWS

    assert SHARED_NOTE_ROWS <= 3
    rows = {r[1]: r for r in data_rows(indicator_table(noted))}
    for name in ("Tỷ lệ thất nghiệp", "Tỷ lệ hộ nghèo", "Tỷ lệ lao động qua đào tạo"):
        assert rows[name][5].endswith("(1)") and "Ghi chú" not in rows[name][6], rows[name]
    assert not rows["Tỷ lệ tham gia BHTN"][5].endswith(")")
    text = "\n".join(p.text for p in noted.paragraphs)
    assert "(1) Ghi chú của Sở LĐ-TB&XH: Ước thực hiện đến 31/12/2024." in text
    everything = text + "\n".join(c.text for t in noted.tables for r in t.rows for c in r.cells)
    assert everything.count("Ước thực hiện đến 31/12/2024") == 1
    table = indicator_table(noted)
    marks = [r for r in table._tbl.iter(qn("w:r")) if r.findtext(qn("w:t")) == "(1)"]
    assert len(marks) == 3
    assert all(r.find(f"{qn('w:rPr')}/{qn('w:vertAlign')}").get(qn("w:val")) == "superscript" for r in marks)


def test_recipients_from_the_secretariats_file():
    sec = fx.secretariat_2024(recipients=["Giám đốc Sở (để b/c)", "- Các Phó Giám đốc Sở;", "Như trên"])
    document = docx.Document(io.BytesIO(render(secretariat=sec, charts=False)))
    [signature] = [t for t in document.tables if t.cell(0, 0).text.startswith("Nơi nhận:")]
    assert signature.cell(0, 0).text == ("Nơi nhận:\n- Như trên;\n- Giám đốc Sở (để b/c);\n- Các Phó Giám đốc Sở;"
                                         "\n- Lưu: VT.")


def test_bundled_2024_report_recipients_and_figure_notes():
    from render_helpers import built_project

    from reportgen.documents.consolidated import submissions_up_to
    from reportgen.load import load_project

    root = built_project(2024)                               # the build test_build_check also uses
    report = docx.Document(root / "outputs" / "2024" / "BC-tong-hop-2024.docx")
    [signature] = [t for t in report.tables if t.cell(0, 0).text.startswith("Nơi nhận:")]
    assert signature.cell(0, 0).text.split("\n")[1:] == ["- Như trên;", "- Giám đốc Sở (để b/c);",
                                                        "- Các Phó Giám đốc Sở;", "- Lưu: VT, VP."]
    project = load_project(root, year=2024)
    progress = consolidate(project.plan, project.registry, submissions_up_to(project, 2024), 2024).progress
    note = "Ước thực hiện đến 31/12/2024."
    noted = progress[progress["figure_note"] == note]           # the first note in table order
    assert progress["figure_note"].dropna().iloc[0] == note
    table = indicator_table(report)
    marks = [r for r in table._tbl.iter(qn("w:r")) if r.findtext(qn("w:t")) == "(1)"]
    assert len(marks) == len(noted) > 10
    assert "(1) Ghi chú của " in body_text(report)
    everything = "\n".join([body_text(report), *(c.text for t in report.tables for r in t.rows for c in r.cells)])
    assert everything.count(note) == 1
