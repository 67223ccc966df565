"""`reportgen templates lint`: a template broken in Word is found, with the paragraph named."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml import OxmlElement
from render_helpers import BUNDLED, document, texts

from reportgen.cli import cli
from reportgen.documents import template_contexts
from reportgen.render import Renderer
from reportgen.render.lint import lint_template


def _template(path: Path, paragraphs: list[list[str]]) -> Path:
    """A .docx whose paragraphs are given as runs; a run "<TAB>" is a tab, "<BR>" a line break."""
    doc = Document()
    for runs in paragraphs:
        p = doc.add_paragraph()
        for text in runs:
            run = p.add_run()
            if text in ("<TAB>", "<BR>"):
                run._r.append(OxmlElement("w:tab" if text == "<TAB>" else "w:br"))
            else:
                run.text = text
    doc.save(path)
    return path


def test_a_tag_split_across_plain_runs_is_fine_and_renders(tmp_path: Path):
    path = _template(tmp_path / "ok.docx", [["Đơn vị: {{ agen", "cy.na", "me }} hết."]])
    assert lint_template(path, {"agency"}) == []
    data = Renderer(tmp_path).render("ok.docx", {"agency": {"name": "Sở Y tế"}})
    assert texts(document(data)) == ["Đơn vị: Sở Y tế hết."]


@pytest.mark.parametrize("runs, words", [
    (["{{ agency", "<TAB>", ".name }}"], "một dấu tab"),
    (["{% if agency", "<BR>", " %}x{% endif %}"], "một dấu xuống dòng"),
])
def test_a_tag_cut_by_a_tab_or_break_is_an_error(tmp_path: Path, runs, words):
    path = _template(tmp_path / "t.docx", [["Đầu"], runs])
    problems = lint_template(path, {"agency"})
    assert [p.severity for p in problems] == ["error"]
    assert words in problems[0].message
    # the place quotes the paragraph as a reader sees it: the tab or break shows as a space
    assert "đoạn «{{ agency .name }}»" in problems[0].place or "đoạn «{% if agency" in problems[0].place


def test_a_tag_across_two_paragraphs_is_an_error(tmp_path: Path):
    path = _template(tmp_path / "t.docx", [["Tên: {{ agency."], ["name }}"]])
    problems = lint_template(path, {"agency"})
    assert any("mở mà không đóng trong cùng đoạn" in p.message and "Tên: {{ agency." in p.place for p in problems)


def test_syntax_errors_name_the_paragraph(tmp_path: Path):
    path = _template(tmp_path / "t.docx", [["Đoạn một"], ["{% if ok %}Đoạn hai không đóng"], ["Đoạn ba"]])
    problems = lint_template(path, {"ok"})
    assert len(problems) == 1 and problems[0].message.startswith("lỗi cú pháp")
    assert problems[0].file == "t.docx"


def test_unknown_filter_is_a_syntax_error(tmp_path: Path):
    path = _template(tmp_path / "t.docx", [["Ngày {{ d | ngay_thang }}"]])
    problems = lint_template(path, {"d"})
    assert len(problems) == 1 and "ngay_thang" in problems[0].message and "Ngày" in problems[0].place


def test_variables_the_context_does_not_provide(tmp_path: Path):
    path = _template(tmp_path / "t.docx", [["Có {{ header.so_ky_hieu }}"], ["Thiếu {{ so_van_ban }} ở đây"]])
    problems = lint_template(path, {"header"})
    assert len(problems) == 1
    assert "«so_van_ban»" in problems[0].message and "Thiếu {{ so_van_ban }} ở đây" in problems[0].place


def test_a_deleted_tracked_change_holding_a_tag_is_an_error(tmp_path: Path):
    path = _template(tmp_path / "t.docx", [["Giữ lại"]])
    doc = Document(path)
    p = doc.paragraphs[0]._p
    deleted = OxmlElement("w:del")
    deleted.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}id", "1")
    deleted.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}author", "VT")
    run = OxmlElement("w:r")
    text = OxmlElement("w:delText")
    text.text = "{{ cu }}"
    run.append(text)
    deleted.append(run)
    p.append(deleted)
    doc.save(path)
    assert any("Track Changes" in pr.message for pr in lint_template(path, set()))


def test_bundled_templates_are_clean():
    contexts = template_contexts()
    for path in sorted((BUNDLED / "templates").glob("*.docx")):
        assert path.name in contexts
        assert [p for p in lint_template(path, contexts[path.name]) if p.severity == "error"] == [], path.name


def test_cli_lint_reports_and_exits_1_on_a_broken_copy_of_a_bundled_template(tmp_path: Path):
    source = BUNDLED / "templates" / "ke-hoach-don-vi.docx"
    broken = tmp_path / "ke-hoach-don-vi.docx"
    with zipfile.ZipFile(source) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"{{ trich_yeu }}", b"{{ trich_yue }}", 1)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    broken.write_bytes(buf.getvalue())
    result = CliRunner().invoke(cli, ["templates", "lint", str(broken)])
    assert result.exit_code == 1
    assert "biến «trich_yue» không có trong dữ liệu" in result.output
    ok = CliRunner().invoke(cli, ["templates", "lint", str(source)])
    assert ok.exit_code == 0 and "không có lỗi" in ok.output


def test_cli_lint_defaults_to_the_project_templates(tmp_path: Path):
    (tmp_path / "templates").mkdir()
    _template(tmp_path / "templates" / "rieng.docx", [["{{ x }"]])
    result = CliRunner().invoke(cli, ["--root", str(tmp_path), "templates", "lint"])
    assert result.exit_code == 1
    assert "rieng.docx" in result.output
