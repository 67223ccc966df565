"""Templates render with a budget, print only plain values, and fail in Vietnamese by template and paragraph.

A template is a Word file a secretariat edits: a division by zero, a huge `range`, a
recursive macro, a nested loop that would run for hours, a value built to fill the
memory, or `{{ ''.join }}` (which would print a memory address) each become one
`TemplateError` naming the template and the paragraph, in Vietnamese. Limits are tested
just inside and just outside, with the budget lowered so the tests stay small.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from test_forms_fixture import syt_submission_data, write_project

from reportgen.cli import cli
from reportgen.errors import TemplateError
from reportgen.render import Renderer
from reportgen.render import environment as env_module
from reportgen.render.lint import lint_template

VIETNAMESE = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")


def _template(folder: Path, *paragraphs: str, name: str = "mau.docx") -> str:
    doc = Document()
    doc.add_paragraph("Tiêu đề")
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.save(folder / name)
    return name


def _render_error(tmp_path: Path, text: str, context: dict | None = None) -> str:
    name = _template(tmp_path, text)
    with pytest.raises(TemplateError) as info:
        Renderer(tmp_path).render(name, context or {})
    problem = info.value.problems[0]
    assert problem.file == "mau.docx"
    assert problem.place.startswith("thân văn bản")
    assert VIETNAMESE.search(problem.message), problem.message
    return str(problem)


@pytest.mark.parametrize("text, words", [
    ("{{ 1/0 }}", "phép chia cho 0"),
    ("{% for i in range(10**9) %}x{% endfor %}", "range() trong mẫu quá lớn"),
    ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "đệ quy"),
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", "bước"),
    ("{{ 'x' * 10**9 }}", "quá lớn"),
    ("{{ 10**100000000 }}", "lũy thừa quá lớn"),
    ("{{ 'x'|center(1000000000) }}", "độ rộng quá lớn"),
    ("{{ 'x'.ljust(1000000000) }}", "độ rộng quá lớn"),
    ("{{ '%01000000000d'|format(1) }}", "độ rộng quá lớn"),
    ("{{ '%*d'|format(1000000000, 1) }}", "độ rộng quá lớn"),
    ("{{ '{:>1000000000}'.format(1) }}", "độ rộng quá lớn"),
    ("{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}", "quá lớn"),
    ("{{ ('x' * 99999)|replace('x', 'y' * 99999) }}", "quá lớn"),
    ("{{ ''.__class__.__mro__ }}", "không được phép"),
    ("{{ ''.join }}", "là một hàm"),
    ("{{ [1, 2] }}", "danh sách"),
    ("{{ {'a': 1} }}", "bảng khóa"),
    ("{{ 1.5 }}", "bộ lọc number"),
    ("{{ none }}", "trống (None)"),
    ("{{ 'a' + 1 }}", "sai kiểu dữ liệu"),
    ("{{ khong_co }}", "khong_co"),
])
def test_template_errors_are_vietnamese_and_name_the_paragraph(tmp_path, text, words):
    line = _render_error(tmp_path, text)
    assert words in line
    assert f"đoạn «{text}»" in line or "đoạn «" in line


def test_ordinary_formatting_still_works(tmp_path):
    name = _template(tmp_path, "{{ 'mã 1234567: %s'|format(a) }} {{ '{:>4}'.format(b) }} {{ '%d'|format(50000000) }}")
    data = Renderer(tmp_path).render(name, {"a": "x", "b": 7})
    assert [p.text for p in Document(io.BytesIO(data)).paragraphs][1] == "mã 1234567: x    7 50000000"


def test_callables_and_objects_are_never_printed(tmp_path):
    name = _template(tmp_path, "{{ obj }}", "{{ obj.items }}")
    for value in ({"a": 1}, object(), print):
        with pytest.raises(TemplateError) as info:
            Renderer(tmp_path).render(name, {"obj": value})
        assert "0x" not in str(info.value)
    data = Renderer(tmp_path).render(_template(tmp_path, "{{ a }} {{ b }}", name="ok.docx"), {"a": "chữ", "b": 7})
    assert [p.text for p in Document(io.BytesIO(data)).paragraphs] == ["Tiêu đề", "chữ 7"]


def test_step_budget_just_inside_and_outside(tmp_path, monkeypatch):
    name = _template(tmp_path, "{% for i in range(n) %}{% endfor %}")
    renderer = Renderer(tmp_path)
    renderer.render(name, {"n": 10})
    used = renderer._env._budget.steps
    monkeypatch.setattr(env_module, "MAX_STEPS", used)
    renderer.render(name, {"n": 10})
    with pytest.raises(TemplateError, match="bước"):
        renderer.render(name, {"n": 11})


def test_output_size_limit_just_inside_and_outside(tmp_path, monkeypatch):
    import reportgen.render.template as template_module

    name = _template(tmp_path, "{{ text }}")
    renderer = Renderer(tmp_path)
    chunks = []
    real = template_module._render_bounded

    def measure(template, context):
        out = real(template, context)
        chunks.append(len(out))
        return out

    monkeypatch.setattr(template_module, "_render_bounded", measure)
    renderer.render(name, {"text": "x" * 1000})
    size = chunks[0]
    monkeypatch.setattr(template_module, "_render_bounded", real)
    monkeypatch.setattr(env_module, "MAX_OUTPUT_CHARS", size)
    renderer.render(name, {"text": "x" * 1000})
    with pytest.raises(TemplateError, match="quá lớn"):
        renderer.render(name, {"text": "x" * 1001})


def test_a_hanging_template_stops_the_build_with_a_located_error(tmp_path, monkeypatch):
    monkeypatch.setattr(env_module, "MAX_STEPS", 50_000)
    root = tmp_path / "proj"
    write_project(root, {"2024/SYT.yaml": syt_submission_data()})
    (root / "templates").mkdir()
    doc = Document(Path(__file__).resolve().parents[1] / "reportgen/bundled/templates/ke-hoach-don-vi.docx")
    doc.paragraphs[-1].insert_paragraph_before(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")
    doc.save(root / "templates" / "ke-hoach-don-vi.docx")
    result = CliRunner().invoke(cli, ["--root", str(root), "plan", "SYT", "--year", "2024"])
    assert result.exit_code == 1
    assert "Lỗi: ke-hoach-don-vi.docx, thân văn bản, đoạn «{% for i in range(100000) %}" in result.stderr
    assert "bước" in result.stderr and "Traceback" not in result.output
    assert not list(root.glob("outputs/**/*.docx"))


# --- lint covers what the renderer refuses --------------------------------------------------


def _no_body(path: Path, empty: bool) -> Path:
    import zipfile

    doc = Document()
    doc.add_paragraph("{{ header.place_date }}")
    buf = io.BytesIO()
    doc.save(buf)
    with zipfile.ZipFile(buf) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    xml = parts["word/document.xml"].decode()
    parts["word/document.xml"] = re.sub(r"<w:body>.*</w:body>", "<w:body/>" if empty else "", xml, flags=re.S).encode()
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


@pytest.mark.parametrize("empty, words", [(False, "không có phần thân"), (True, "thân văn bản của mẫu trống")])
def test_lint_refuses_a_template_the_renderer_refuses(tmp_path, empty, words):
    path = _no_body(tmp_path / "ke-hoach-don-vi.docx", empty)
    problems = lint_template(path, None)
    assert [p for p in problems if p.severity == "error" and words in p.message]
    with pytest.raises(TemplateError, match=words):
        Renderer(tmp_path).render(path.name, {})
    result = CliRunner().invoke(cli, ["templates", "lint", str(path)])
    assert result.exit_code == 1 and words in result.stderr
