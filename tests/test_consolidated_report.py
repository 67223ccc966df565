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


def indicator_rows(document) -> dict[str, list[str]]:
    """Phụ lục I rows by indicator name (the unit after the name left out)."""
    return {r[1].rsplit(" (", 1)[0] if r[1].endswith(")") else r[1]: r for r in data_rows(indicator_table(document))}


def notes_of(document, cell: str) -> list[str]:
    """The numbered notes under Phụ lục I whose marks are in `cell` (`2,9 (ước)(1,3)`)."""
    marks = re.findall(r"\(([\d,]+)\)$", cell)
    numbers = marks[0].split(",") if marks else []
    notes = {p.text.split(") ", 1)[0][1:]: p.text.split(") ", 1)[1] for p in document.paragraphs
             if re.match(r"\(\d+\) ", p.text)}
    return [notes[n] for n in numbers]


def test_every_indicator_row_once_with_vietnamese_values(document):
    rows = indicator_rows(document)
    assert list(rows) == [i.name for i in fx.plan().indicators]
    assert rows["Tỷ lệ thất nghiệp"][1] == "Tỷ lệ thất nghiệp (%)"
    assert rows["Tỷ lệ thất nghiệp"][2:4] == ["dưới 3%", "3,2"]
    assert rows["Tỷ lệ thất nghiệp"][4].startswith("2,9 (ước)")
    assert rows["Tỷ lệ thất nghiệp"][5] == "giảm 0,3 điểm %"              # a percentage moves in points
    assert rows["Số căn nhà ở xã hội"][2] == "≥ 13.787"
    assert rows["Tuổi thọ trung bình"][3:6] == ["74,3", "74,5", "tăng 0,3%"]   # other units: % of last year
    assert rows["Tỷ lệ thất nghiệp"][9] == "Sở LĐ-TB&XH"
    assert rows["Diện tích nhà ở bình quân"][7] == "Chưa có số liệu"
    assert notes_of(document, rows["Tỷ lệ thất nghiệp"][4]) == [
        "Số liệu khác nhau giữa các đơn vị: Sở Y tế 3,1%; dùng số liệu của Sở LĐ-TB&XH."]


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
    assert orients == [None, "landscape", None, "landscape"]          # report, Phụ lục I, II, III


def test_counts_in_the_text_equal_the_table(document):
    text = body_text(document)
    m = re.search(r"Năm 2024, (\d+)/(\d+) chỉ tiêu có số liệu; so với [^:]+: (.*) \(chi tiết tại Phụ lục I\)\.", text)
    assert m, text
    judged, total = int(m[1]), int(m[2])
    counted = {band: (int(n), int(of)) for n, of, band in re.findall(r"(\d+)/(\d+) (?:chỉ tiêu )?([^,]+)", m[3])}
    verdicts = [r[7].split(" (")[0].lower() for r in data_rows(indicator_table(document))]
    assert total == len(verdicts) == 9
    assert judged == len([v for v in verdicts if v != "chưa có số liệu"]) == 7
    assert counted == {b: (verdicts.count(b), judged) for b in ("vượt", "đạt", "cơ bản đạt", "không đạt")
                       if verdicts.count(b)}
    assert "01/07 chỉ tiêu vượt, 03/07 đạt" in m[3]                  # counts below 10 as reports write them


def test_override_reason_in_a_note_and_the_band_agrees(document):
    rows = indicator_rows(document)
    row = rows["Tỷ lệ tham gia BHTN"]
    assert notes_of(document, row[4]) == ["Đánh giá do cơ quan tổng hợp điều chỉnh: số liệu BHXH tỉnh chưa chốt."]
    assert row[7].startswith("Cơ bản đạt")          # overridden to "chưa đạt": a not-met band


def test_trajectory_and_baseline_source_stated(document):
    rows = indicator_rows(document)
    assert rows["Tỷ lệ hộ nghèo"][8] == "Đúng tiến độ"
    assert notes_of(document, rows["Tỷ lệ hộ nghèo"][4]) == ["Tiến độ tính từ số liệu năm 2023 theo Báo cáo 2023 của tỉnh."]
    assert rows["Tỷ lệ lao động qua đào tạo"][8] == "Đúng tiến độ"   # baseline: 2023, from the 2024 report
    assert rows["Tỷ lệ tham gia BHTN"][8] == "Chưa xác định"


def test_each_task_is_one_paragraph_after_the_secretariats_synthesis(document):
    paragraphs = [p.text for p in document.paragraphs]
    start = paragraphs.index("1.2. Việc làm")
    assert paragraphs[start + 1:start + 6] == [
        "Thị trường lao động phục hồi.",
        "- 60.000 lao động có việc làm.",
        "- Tỷ lệ thất nghiệp: ước 2,9% (năm 2023: 3,2%; mục tiêu năm 2030: dưới 3%); vượt, đúng tiến độ (Sở LĐ-TB&XH).",
        "a) Phát triển thị trường lao động: Sở LĐ-TB&XH (chủ trì) báo cáo nhiệm vụ hoàn thành đúng hạn: Giải quyết "
        "việc làm cho 60.000 lao động. Sở Y tế (phối hợp) báo cáo hoàn thành đúng hạn.",
        "b) Trợ giúp xã hội: Sở LĐ-TB&XH (chủ trì) báo cáo nhiệm vụ đang thực hiện, trong hạn: Trợ cấp cho 1.200 hộ.",
    ]


def test_missing_bodies_counted_in_section_two_and_named_once(document):
    text = body_text(document)
    assert "b) Nhà ở xã hội: Sở Xây dựng (chủ trì) chưa gửi báo cáo kết quả thực hiện." in text
    assert ("a) Tuyên truyền: UBND huyện Bá Thước và UBND huyện Nga Sơn (chủ trì): 1 đơn vị đã báo cáo "
            "(1 hoàn thành đúng hạn), 1 đơn vị chưa báo cáo.") in text
    body = text.split("\nPhụ lục I\n")[0]
    assert body.count("Sở Xây dựng, UBND huyện Bá Thước") == 1       # the reporting paragraph of part I
    assert "2 cơ quan, đơn vị chưa gửi báo cáo: Sở Xây dựng, UBND huyện Bá Thước" in body


def test_parts_three_to_five_are_the_secretariats_or_drawn_from_the_data(document):
    text = body_text(document)
    strengths = text.split("1. Ưu điểm\n")[1].split("\n2. ")[0]
    assert strengths == "- Các ngành phối hợp chặt chẽ."                 # the secretariat's, alone
    shortcomings = text.split("2. Hạn chế, tồn tại\n")[1].split("\n3. ")[0].split("\n")
    assert "- Nhóm chỉ tiêu về lao động và xã hội còn 2/5 chỉ tiêu không đạt;" in shortcomings
    assert shortcomings[-1] == ("- Việc báo cáo chưa nghiêm: 2 cơ quan, đơn vị chưa gửi báo cáo và 1 cơ quan, "
                                "đơn vị gửi muộn (Phụ lục II).")
    assert "đơn vị khác" not in text


def test_without_the_secretariats_words_the_points_bodies_raised_are_counted():
    document = docx.Document(io.BytesIO(render(charts=False)))
    text = body_text(document)
    assert "- Công tác chỉ đạo kịp thời (nêu trong báo cáo của 2 cơ quan, đơn vị)." in text
    assert "Sở Y tế" not in text.split("1. Ưu điểm")[1].split("IV. ")[0]      # counted, never listed


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
    assert ("Sở Y tế (chủ trì) báo cáo nhiệm vụ đang thực hiện, trong hạn: Kết quả {{ x }} {% if %} <b> & \"trích\"."
            in body_text(document))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "- Kết quả {{ x }} {% if %} <b> & \"trích\"." in cells                  # Phụ lục III


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
    assert "Sở Nội vụ (chủ trì) báo cáo nhiệm vụ hoàn thành đúng hạn: Kết nối cung cầu lao động." in text
    rows = {r[1]: r for r in data_rows(tracking_table(document))}
    assert "Sở Lao động - Thương binh và Xã hội" not in rows
    assert rows["Sở Nội vụ"][4] == "Đúng hạn"
    assert rows["Ủy ban nhân dân xã Nga Sơn"][4] == "Muộn 5 ngày"
    assert rows["Ủy ban nhân dân xã Đông Tiến"][4] == "Chưa nộp"
    indicators = indicator_rows(document)
    assert indicators["Tỷ lệ thất nghiệp"][3] == "2,9"                 # 2024 figure from last year's report
    assert indicators["Tỷ lệ thất nghiệp"][4].startswith("2,8")
    assert indicators["Tỷ lệ thất nghiệp"][9] == "Sở Nội vụ"
    assert "Số năm 2024 do Sở LĐ-TB&XH báo cáo." in notes_of(document, indicators["Tỷ lệ thất nghiệp"][4])


def test_report_command_replaces_its_own_output_and_keeps_an_edited_one(tmp_path):
    fx.write_project(tmp_path, fx.submissions_2024(), secretariat=fx.secretariat_2024())
    runner = CliRunner()
    result = runner.invoke(cli, ["--root", str(tmp_path), "report", "--year", "2024"])
    assert result.exit_code == 0, result.output
    target = tmp_path / "outputs" / "2024" / "BC-tong-hop-2024.docx"
    assert target.is_file()
    assert "4/9 chỉ tiêu đạt hoặc vượt" in result.output
    assert "chỉ tiêu A01 năm 2024 có số liệu khác nhau giữa các đơn vị" in result.output   # in the summary line
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


def test_a_bodys_own_note_is_a_numbered_note_naming_it(noted):
    rows = indicator_rows(noted)
    assert notes_of(noted, rows["Tỷ lệ tham gia BHTN"][4])[-1] == "Sở LĐ-TB&XH: Số liệu của BHXH tỉnh đến tháng 11."
    b03 = rows["Số căn nhà ở xã hội"]
    assert b03[9] == "-" and notes_of(noted, b03[4]) == ["Sở Xây dựng: Chưa có số liệu thống kê."]
    assert notes_of(noted, rows["Tuổi thọ trung bình"][4]) == []


def test_a_note_repeated_on_many_rows_has_one_number(noted):
    rows = indicator_rows(noted)
    marks = {rows[name][4].rsplit("(", 1)[1] for name in ("Tỷ lệ thất nghiệp", "Tỷ lệ hộ nghèo",
                                                         "Tỷ lệ lao động qua đào tạo")}
    shared = {m.rstrip(")").split(",")[-1] for m in marks}
    assert len(shared) == 1
    text = "\n".join(p.text for p in noted.paragraphs)
    assert f"({shared.pop()}) Sở LĐ-TB&XH: Ước thực hiện đến 31/12/2024." in text
    everything = text + "\n".join(c.text for t in noted.tables for r in t.rows for c in r.cells)
    assert everything.count("Ước thực hiện đến 31/12/2024") == 1
    table = indicator_table(noted)
    marks = [r for r in table._tbl.iter(qn("w:r")) if (r.findtext(qn("w:t")) or "").startswith("(")]
    assert marks and all(r.find(f"{qn('w:rPr')}/{qn('w:vertAlign')}").get(qn("w:val")) == "superscript"
                         for r in marks)


def test_recipients_from_the_secretariats_file():
    sec = fx.secretariat_2024(recipients=["Giám đốc Sở (để b/c)", "- Các Phó Giám đốc Sở;", "Như trên"])
    document = docx.Document(io.BytesIO(render(secretariat=sec, charts=False)))
    [signature] = [t for t in document.tables if t.cell(0, 0).text.startswith("Nơi nhận:")]
    assert signature.cell(0, 0).text == ("Nơi nhận:\n- Như trên;\n- Giám đốc Sở (để b/c);\n- Các Phó Giám đốc Sở;"
                                         "\n- Lưu: VT.")


def _writers(report, note: str) -> str:
    line = next(p.text for p in report.paragraphs if p.text.endswith(f": {note}") and re.match(r"\(\d+\) ", p.text))
    return line.split(") ", 1)[1].rsplit(": ", 1)[0]


def test_bundled_2024_report_recipients_and_figure_notes():
    from render_helpers import built_project

    from reportgen.load import load_project
    from reportgen.load.project import load_earlier_years

    root = built_project(2024)                               # the build test_build_check also uses
    report = docx.Document(root / "outputs" / "2024" / "BC-tong-hop-2024.docx")
    [signature] = [t for t in report.tables if t.cell(0, 0).text.startswith("Nơi nhận:")]
    assert signature.cell(0, 0).text.split("\n")[1:] == ["- Như trên;", "- Giám đốc Sở (để b/c);",
                                                        "- Các Phó Giám đốc Sở;", "- Lưu: VT, VP."]
    project = load_project(root, year=2024)
    load_earlier_years(project, 2024)
    progress = consolidate(project.plan, project.registry, project.submissions_up_to(2024), 2024).progress
    note = "Ước thực hiện đến 31/12/2024."
    noted = progress[progress["figure_note"] == note]
    assert len(noted) > 10
    rows = indicator_rows(report)
    numbers = {notes_of(report, rows[name][4]).index(f"{_writers(report, note)}: {note}") for name in noted["name"]}
    assert len(numbers) >= 1                                     # every noted row carries the one number
    everything = "\n".join([body_text(report), *(c.text for t in report.tables for r in t.rows for c in r.cells)])
    assert everything.count(note) == 1
