"""The render engine: user text is data, missing values are errors, output is deterministic."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from docxtpl import DocxTemplate
from render_helpers import document, part_xml, texts

from reportgen.errors import OutputExistsError, TemplateError
from reportgen.render import CoreProperties, Renderer, RenderJob, render_batch

HOSTILE = [
    "{{ 7*7 }}",
    "{% if true %}x{% endif %}",
    "<w:p><w:r><w:t>chèn</w:t></w:r></w:p>",
    "Công ty A & B",
    'trích "dẫn" và \'nháy\'',
    "Sở LĐ-TB&XH < 5 > 3",
    "{_{ x }_} {# ghi chú #}",
    "{{r bold }} {%p if x %}",
]


def make_template(folder: Path, name: str, paragraphs: list[str]) -> Path:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    path = folder / name
    doc.save(path)
    return path


@pytest.fixture
def renderer(tmp_path: Path) -> Renderer:
    make_template(tmp_path, "t.docx", ["Giá trị: {{ value }} hết."])
    make_template(tmp_path, "many.docx", ["{%p for v in values %}", "{{ v }}", "{%p endfor %}"])
    make_template(tmp_path, "filters.docx", [
        "{{ d | nd30_date }}|{{ d | short_date }}|{{ n | number }}|{{ p | percent }}|{{ 4 | roman }}|"
        "{{ 5 | diem }}|{{ s | upper }}|{{ none | kyhieu('Kế hoạch', 'SYT') }}|{{ 5 | kyhieu('Báo cáo', 'SYT') }}",
    ])
    make_template(tmp_path, "missing.docx", ["Đầu văn bản", "Đoạn có {{ agency.name }} ở giữa"])
    make_template(tmp_path, "broken.docx", ["Đoạn tốt", "Đoạn hỏng {% if x %} không đóng"])
    return Renderer(tmp_path)


@pytest.mark.parametrize("text", HOSTILE)
def test_user_text_appears_literally(renderer: Renderer, text: str):
    data = renderer.render("t.docx", {"value": text})
    assert texts(document(data))[0] == f"Giá trị: {text} hết."


def test_all_hostile_text_in_one_paragraph_keeps_every_character(renderer: Renderer):
    value = " | ".join(HOSTILE)
    data = renderer.render("t.docx", {"value": value})
    assert texts(document(data))[0] == f"Giá trị: {value} hết."


def test_plain_docxtpl_loses_text_after_ampersand_and_angle_bracket(tmp_path: Path):
    """The behaviour the engine corrects: docxtpl's default (no autoescape) silently drops text."""
    path = make_template(tmp_path, "plain.docx", ["Giá trị: {{ value }} hết."])
    tpl = DocxTemplate(str(path))
    tpl.render({"value": "A & B < C"})
    buf = io.BytesIO()
    tpl.save(buf)
    text = texts(document(buf.getvalue()))[0]
    assert "&" not in text and "<" not in text   # dropped without a word


def test_line_break_becomes_a_word_line_break(renderer: Renderer):
    data = renderer.render("t.docx", {"value": "dòng 1\ndòng 2\r\ndòng 3"})
    body = part_xml(data, "word/document.xml")
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    assert len(body.findall(".//w:br", ns)) == 2
    assert texts(document(data))[0] == "Giá trị: dòng 1\ndòng 2\ndòng 3 hết."


def test_control_characters_cannot_make_paragraphs_or_page_breaks(renderer: Renderer):
    data = renderer.render("t.docx", {"value": "a\x07b\x0cc\x00d"})
    assert texts(document(data)) == ["Giá trị: abcd hết."]


def test_missing_variable_names_template_variable_and_paragraph(renderer: Renderer):
    with pytest.raises(TemplateError) as err:
        renderer.render("missing.docx", {"agency": {"code": "SYT"}})
    problem = err.value.problems[0]
    assert problem.file == "missing.docx"
    assert "name" in problem.message and "code" in problem.message
    assert "Đoạn có {{ agency.name }} ở giữa" in problem.place


def test_missing_top_level_variable(renderer: Renderer):
    with pytest.raises(TemplateError, match="biến «value» không có"):
        renderer.render("t.docx", {})


@pytest.mark.parametrize("value, words", [(None, "None"), (Decimal("95.2"), "number"), (1.5, "number"),
                                          (True, "đúng/sai")])
def test_values_without_a_text_form_are_errors(renderer: Renderer, value, words):
    with pytest.raises(TemplateError, match=words):
        renderer.render("t.docx", {"value": value})


def test_syntax_error_names_the_paragraph(renderer: Renderer):
    with pytest.raises(TemplateError) as err:
        renderer.render("broken.docx", {})
    problem = err.value.problems[0]
    assert problem.file == "broken.docx"
    assert "Đoạn hỏng" in problem.place


def test_missing_template_is_an_error(renderer: Renderer):
    with pytest.raises(TemplateError, match="không tìm thấy mẫu «khong-co.docx»"):
        renderer.render("khong-co.docx", {})


def test_vietnamese_filters(renderer: Renderer):
    data = renderer.render("filters.docx", {
        "d": date(2024, 1, 5), "n": Decimal("1234567.5"), "p": Decimal("95.20"), "s": "ủy ban nhân dân",
        "none": None})
    assert texts(document(data))[0] == (
        "ngày 05 tháng 01 năm 2024|05/01/2024|1.234.567,5|95,2%|IV|đ|ỦY BAN NHÂN DÂN|      /KH-SYT|05/BC-SYT")


def test_sandbox_blocks_python_internals(tmp_path: Path):
    make_template(tmp_path, "evil.docx", ["{{ value.__class__.__mro__ }}"])
    with pytest.raises(TemplateError):
        Renderer(tmp_path).render("evil.docx", {"value": "x"})


def test_same_inputs_give_the_same_bytes(renderer: Renderer):
    props = CoreProperties("Tiêu đề", "Sở Y tế", date(2024, 12, 2))
    first = renderer.render("t.docx", {"value": "x & y"}, props)
    second = Renderer(renderer.search_path).render("t.docx", {"value": "x & y"}, props)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as zf:
        infos = zf.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_core_properties_come_from_the_inputs(renderer: Renderer):
    props = CoreProperties("Báo cáo kết quả", "Sở Y tế", date(2024, 12, 2))
    doc = document(renderer.render("t.docx", {"value": "x"}, props))
    core = doc.core_properties
    assert core.title == "Báo cáo kết quả"
    assert core.author == "Sở Y tế"
    assert core.created.date() == date(2024, 12, 2) and core.created.hour == 0
    assert core.modified == core.created


def test_render_to_keeps_an_existing_file_unless_forced(renderer: Renderer, tmp_path: Path):
    target = tmp_path / "out" / "a.docx"
    renderer.render_to(target, "t.docx", {"value": "một"})
    first = target.read_bytes()
    with pytest.raises(OutputExistsError):
        renderer.render_to(target, "t.docx", {"value": "hai"})
    assert target.read_bytes() == first
    renderer.render_to(target, "t.docx", {"value": "hai"}, force=True)
    assert texts(document(target))[0] == "Giá trị: hai hết."
    assert [p.name for p in target.parent.iterdir()] == ["a.docx"]   # no temporary file left


def test_loops_render_one_paragraph_per_item(renderer: Renderer):
    data = renderer.render("many.docx", {"values": ["a", "b & c", "d"]})
    assert texts(document(data)) == ["a", "b & c", "d"]


def test_batch_in_worker_processes_gives_the_bytes_of_a_single_render(renderer: Renderer, tmp_path: Path):
    jobs = [RenderJob("t.docx", {"value": f"văn bản {i} & <{i}>"}, CoreProperties(f"T{i}", "Sở Y tế", date(2024, 1, i + 1)),
                      tmp_path / f"{i}.docx", f"#{i}") for i in range(6)]
    pooled = render_batch(renderer, jobs, workers=2)
    single = [Renderer(renderer.search_path).render(j.template, j.context, j.properties) for j in jobs]
    assert pooled == single


def test_batch_error_in_a_worker_keeps_template_and_place(renderer: Renderer, tmp_path: Path):
    jobs = [RenderJob("missing.docx", {"agency": {}}, None, tmp_path / f"{i}.docx") for i in range(4)]
    with pytest.raises(TemplateError) as err:
        render_batch(renderer, jobs, workers=2)
    assert err.value.problems[0].file == "missing.docx"
    assert "agency.name" in err.value.problems[0].place


def test_tabs_in_user_text_become_word_tabs(renderer: Renderer):
    data = renderer.render("t.docx", {"value": "cột 1\tcột 2"})
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    assert len(part_xml(data, "word/document.xml").findall(".//w:tab", ns)) == 1
    assert texts(document(data))[0] == "Giá trị: cột 1\tcột 2 hết."


def test_column_loops_still_get_docxtpl_table_fixing(tmp_path: Path):
    doc = Document()
    table = doc.add_table(rows=2, cols=4)
    for r, (label, value) in enumerate((("Năm", "{{ y }}"), ("Giá trị", "x"))):
        for c, text in enumerate((label, "{%tc for y in years %}", value, "{%tc endfor %}")):
            table.cell(r, c).text = text
    doc.save(tmp_path / "cols.docx")
    years = [2024, 2025, 2026, 2027, 2028]
    data = Renderer(tmp_path).render("cols.docx", {"years": years})
    out = document(data).tables[0]
    assert [c.text for c in out.rows[0].cells] == ["Năm", *map(str, years)]
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    assert len(part_xml(data, "word/document.xml").findall(".//w:tblGrid/w:gridCol", ns)) == 6   # grid widened


def test_same_text_as_docxtpl_itself_on_a_bundled_plan():
    """The narrow seam changes speed, not content: docxtpl's own render gives the same paragraphs."""
    from render_helpers import BUNDLED, built_project

    from reportgen.documents.agency_plan import plan_document
    from reportgen.load import load_project
    from reportgen.render import make_environment

    project = load_project(built_project(2024), year=2024)
    spec = plan_document(project, "SYT", 2024)
    tpl = DocxTemplate(str(BUNDLED / "templates" / spec.template))
    tpl.render(spec.context, jinja_env=make_environment(), autoescape=True)
    buf = io.BytesIO()
    tpl.save(buf)
    ours = Renderer(BUNDLED / "templates").render(spec.template, spec.context, spec.properties)
    theirs_doc, ours_doc = document(buf.getvalue()), document(ours)
    assert texts(ours_doc) == texts(theirs_doc)
    assert [[c.text for r in t.rows for c in r.cells] for t in ours_doc.tables] == \
           [[c.text for r in t.rows for c in r.cells] for t in theirs_doc.tables]
