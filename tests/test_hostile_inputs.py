"""Hostile or broken inputs give located Vietnamese errors (exit 1 or 2) or are made safe; never a traceback.

One test (or one parametrized group) per item of the red-team list: agency codes that are
not safe file names, outputs outside the project, impossible YAML values, years outside
the plan, bidi controls, write failures, output encodings that cannot print Vietnamese,
files that are not regular files, floods of identical errors, English messages.
Each checks the exit code, that the message is Vietnamese and names the place, that
no "Traceback" reached the user, and, where something is written, that nothing landed
outside the project's outputs/ folder.
"""

from __future__ import annotations

import errno
import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import docx
import openpyxl
import pytest
import yaml
from click.testing import CliRunner
from test_forms_fixture import syt_submission_data, write_project

from reportgen.cli import cli
from reportgen.errors import ReportgenError
from reportgen.files import confined
from reportgen.load import load_project
from reportgen.load import source as source_module
from reportgen.load.validation import vietnamese_message
from reportgen.model import Agency
from reportgen.vn.text import normalize_text

VIETNAMESE = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")
REPORTGEN = str(Path(sys.executable).with_name("reportgen"))


def run(root: Path, *args: str):
    result = CliRunner().invoke(cli, ["--root", str(root), *args])
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def tiny(tmp_path: Path, **subs) -> Path:
    """The tiny test project (plan, registry) with SYT's 2024 submission, plus `subs` (path → data)."""
    root = tmp_path / "proj"
    write_project(root, {"2024/SYT.yaml": syt_submission_data(), **subs})
    return root


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


# --- agency codes are safe file names -------------------------------------------------


def _rename_syt(root: Path, code: str) -> None:
    """Give SYT the code `code` everywhere the tiny project names it (YAML double-quoted)."""
    quoted = json.dumps(code)   # a JSON string is a valid YAML double-quoted scalar (NUL as \\u0000)
    for path in [root / "inputs" / "agencies.yaml", root / "inputs" / "plan.yaml",
                 *(root / "inputs" / "submissions").rglob("*.yaml")]:
        text = path.read_text("utf-8")
        text = re.sub(r"(?<![\w\"-])SYT(?![\w\"-])(?!\.)", lambda m: quoted, text)
        text = text.replace(f"abbrev: {quoted}", "abbrev: SYT")
        path.write_text(text, "utf-8")


@pytest.mark.parametrize("code, reason", [
    ("../../../../ESC", "chỉ dùng chữ in hoa"),
    ("A\0B", "chỉ dùng chữ in hoa"),
    ("X" * 300, "tối đa 40"),
    ("A/B", "chỉ dùng chữ in hoa"),
])
def test_unsafe_agency_code_is_a_located_error_and_nothing_is_written(tmp_path, code, reason):
    root = tiny(tmp_path)
    _rename_syt(root, code)
    before = files_under(tmp_path)
    result = run(root, "plan", "--all", "--year", "2024")
    assert result.exit_code == 1
    line = next(x for x in result.stderr.splitlines() if "agencies.yaml" in x and "code" in x)
    assert "Lỗi: inputs/agencies.yaml, dòng " in line and reason in line
    assert "\0" not in result.stderr
    assert files_under(tmp_path) == before   # not one file, inside the project or outside it
    assert run(root, "validate").exit_code == 1


def test_agency_code_length_limit_just_inside_and_outside():
    base = {"name": "Sở Y tế", "kind": "so", "header_lines": ["UBND TỈNH", "SỞ Y TẾ"], "abbrev": "SYT",
            "head_title": "GIÁM ĐỐC"}
    assert Agency.model_validate({**base, "code": "A" * 40}).code == "A" * 40
    with pytest.raises(ValueError, match="tối đa 40"):
        Agency.model_validate({**base, "code": "A" * 41})
    for bad in ("syt", "1SYT", "S-YT", "SỞ", "S YT", ""):
        with pytest.raises(ValueError):
            Agency.model_validate({**base, "code": bad})


def test_outputs_are_confined_to_their_folder(tmp_path):
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    assert confined(outputs / "2024" / "a.docx", outputs) == outputs / "2024" / "a.docx"
    for bad in (outputs / ".." / "x.docx", outputs / "2024" / ".." / ".." / "x.docx", Path("/etc/x.docx"),
                outputs / "a\0b.docx", outputs):
        with pytest.raises(ReportgenError, match="nằm ngoài thư mục"):
            confined(bad, outputs)
    (tmp_path / "elsewhere").mkdir()
    (outputs / "link").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(ReportgenError):
        confined(outputs / "link" / "x.docx", outputs)


def test_build_refuses_a_document_whose_name_leaves_outputs(tmp_path, monkeypatch):
    """Defence in depth: even a document kind that built a hostile file name cannot write outside."""
    import reportgen.pipeline as pipeline
    from reportgen.documents import DocumentSpec

    root = tiny(tmp_path)
    real = pipeline.document_specs

    def hostile_specs(*args, **kwargs):
        specs = real(*args, **kwargs)
        first = specs[0]
        return [DocumentSpec(**{**first.__dict__, "filename": "../../../escaped.docx"})]

    monkeypatch.setattr(pipeline, "document_specs", hostile_specs)
    before = files_under(tmp_path)
    result = run(root, "plan", "SYT", "--year", "2024")
    assert result.exit_code == 1 and "nằm ngoài thư mục" in result.stderr
    assert files_under(tmp_path) == before


# --- YAML values that the YAML library cannot construct ----------------------------------


def _submission_text(**replace: str) -> str:
    text = yaml.safe_dump(syt_submission_data(), allow_unicode=True, sort_keys=False)
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new, 1)
    return text


def _write(root: Path, rel: str, text: str) -> Path:
    path = root / "inputs" / "submissions" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize("bad, message", [
    ("date: 2024-02-30", "ngày «2024-02-30» không có thật"),
    ("date: 2024-13-01", "ngày «2024-13-01» không có thật"),
])
def test_impossible_unquoted_date_is_one_located_error_and_other_files_are_still_checked(tmp_path, bad, message):
    root = tiny(tmp_path)
    _write(root, "2024/SYT.yaml", _submission_text(**{"date: '2024-12-05'": bad}))
    other = syt_submission_data() | {"agency": "SNV"}
    other["report"] = dict(other["report"], number="không phải số")
    _write(root, "2024/SNV.yaml", yaml.safe_dump(other, allow_unicode=True))
    result = run(root, "validate")
    assert result.exit_code == 1
    errors = [x for x in result.stderr.splitlines() if x.startswith("Lỗi")]
    syt = [x for x in errors if "SYT.yaml" in x]
    assert len(syt) == 1 and message in syt[0] and ", dòng " in syt[0] and "report.date" in syt[0]
    assert any("SNV.yaml" in x and "report.number" in x for x in errors)   # the other file was validated too
    build = run(root, "build", "--year", "2024")
    assert build.exit_code == 1 and message in build.stderr
    good = _write(root, "2024/copy.yaml", _submission_text())
    diff = run(root, "diff", str(good), str(root / "inputs" / "submissions" / "2024" / "SYT.yaml"))
    assert diff.exit_code == 2 and message in diff.stderr and "Lỗi: Lỗi:" not in diff.stderr


@pytest.mark.parametrize("text, message", [
    ("agency: SYT\nbase: &b {number: 1}\nreport:\n  <<: *b\n", "khóa gộp «<<»"),
    ("agency: SYT\nyear: 2024\nreport: {number: " + "9" * 5000 + "}\n", "quá lớn (hơn 30 chữ số)"),
    ("agency: SYT\nyear: 2024\nfigures: [{indicator: B01, value: .inf}]\n", "không phải là một số hữu hạn"),
    ("agency: SYT\nyear: 2024\nfigures: [{indicator: B01, value: .nan}]\n", "không phải là một số hữu hạn"),
    ("agency: SYT\nyear: 2024\nfigures: [{indicator: B01, value: 1.0e+400}]\n", "không phải là một số hữu hạn"),
    ("agency: SYT\n2024-02-30: x\n", "không có thật"),
])
def test_yaml_values_that_cannot_be_built_are_located_errors(tmp_path, text, message):
    root = tiny(tmp_path)
    _write(root, "2024/SYT.yaml", text)
    result = run(root, "validate")
    assert result.exit_code == 1
    line = next(x for x in result.stderr.splitlines() if message in x)
    assert line.startswith("Lỗi: inputs/submissions/2024/SYT.yaml, dòng ")


def test_integer_digit_limit_just_inside_and_outside(tmp_path):
    path = tmp_path / "n.yaml"
    path.write_text(f"a: {'9' * 30}\nb: -{'9' * 30}\n", "utf-8")
    assert source_module.load_structured(path).data["a"] == int("9" * 30)
    path.write_text(f"a: {'9' * 31}\n", "utf-8")
    with pytest.raises(ReportgenError, match="hơn 30 chữ số"):
        source_module.load_structured(path)


def test_deeply_nested_data_is_refused_with_a_message(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 300 + "]" * 300 + "\n", "utf-8")
    with pytest.raises(ReportgenError, match="lồng nhau quá sâu"):
        source_module.load_structured(path)
    path.write_text("a: " + "[" * 150 + "]" * 150 + "\n", "utf-8")
    assert source_module.load_structured(path).data is not None


@pytest.mark.parametrize("year", ["99999", "1900", "0", "-5"])
def test_year_outside_the_plan_in_a_submission_is_a_located_error(tmp_path, year):
    root = tiny(tmp_path)
    _write(root, "2024/SYT.yaml", _submission_text(**{"year: 2024": f"year: {year}"}))
    result = run(root, "validate")
    assert result.exit_code == 1
    assert f"năm {year} nằm ngoài thời gian của kế hoạch (2024–2030)" in result.stderr
    assert "inputs/submissions/2024/SYT.yaml, dòng 2, year" in result.stderr
    assert run(root, "build", "--year", "2024").exit_code == 1


def test_json_surrogate_pair_escape_is_accepted(tmp_path):
    root = tiny(tmp_path)
    data = syt_submission_data()
    data["strengths"] = ["Đạt 100% 😀 kế hoạch."]
    path = root / "inputs" / "submissions" / "2024" / "SYT.json"
    (root / "inputs" / "submissions" / "2024" / "SYT.yaml").unlink()
    path.write_text(json.dumps(data), "utf-8")   # ensure_ascii: "\ud83d\ude00", and "\u0110" for Đ
    assert "\\ud83d\\ude00" in path.read_text("utf-8")
    project = load_project(root, year=2024)
    assert not project.errors, project.errors
    assert project.submissions_for(2024)[0].strengths == ["Đạt 100% 😀 kế hoạch."]
    lone = path.read_text("utf-8").replace("\\ud83d\\ude00", "\\ud83d")
    path.write_text(lone, "utf-8")
    result = run(root, "validate")
    assert result.exit_code == 1 and "mã thoát Unicode" in result.stderr


def test_escaped_backslash_before_u_is_left_alone(tmp_path):
    path = tmp_path / "a.json"
    path.write_text('{"a": "\\\\ud83d\\\\ude00"}', "utf-8")
    assert source_module.load_structured(path).data == {"a": "\\ud83d\\ude00"}


# --- bidi controls -------------------------------------------------------------------


@pytest.mark.parametrize("char", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
                                  "\u2069", "\u200e", "\u200f", "\u061c"])
def test_normalize_text_removes_every_bidi_control(char):
    assert normalize_text(f"Sở Y{char} tế") == "Sở Y tế"


def test_bidi_override_in_a_submission_is_removed_with_a_warning_and_never_reaches_the_document(tmp_path):
    root = tiny(tmp_path)
    _write(root, "2024/SYT.yaml", _submission_text(**{"Hoàn thành kế hoạch khám sàng lọc.":
                                                      "Hoàn thành \u202ekế hoạch\u202c khám sàng lọc."}))
    result = run(root, "validate", "--verbose")
    assert result.exit_code == 0, result.output
    warning = next(x for x in result.stderr.splitlines() if "bidi" in x)
    assert warning.startswith("Cảnh báo: inputs/submissions/2024/SYT.yaml, dòng ") and "strengths[0]" in warning
    assert "\u202e" not in result.stderr and "\\u202e" not in warning
    assert run(root, "build", "--year", "2024").exit_code == 0
    text = "\n".join(p.text for p in docx.Document(root / "outputs/2024/bao-cao/BC-SYT-2024.docx").paragraphs)
    assert "Hoàn thành kế hoạch khám sàng lọc." in text
    assert not re.search("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]", text)


def test_control_characters_in_messages_are_shown_as_escapes(tmp_path):
    root = tiny(tmp_path)
    _write(root, "2024/SYT.yaml", _submission_text(**{"agency: SYT": 'agency: "S\\e[2JYT\\nX"'}))
    result = run(root, "validate")
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "\\x1b[2J" in result.stderr


# --- write failures ------------------------------------------------------------------


def _fail_writes(monkeypatch, err: int) -> None:
    """Creating the temporary output file fails as it would on a full or read-only disk (we run as root,
    so permissions cannot make it fail for real)."""
    import reportgen.ooxml.writing as ooxml

    def failing(*args, **kwargs):
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(ooxml.tempfile, "mkstemp", failing)


@pytest.mark.parametrize("err, words", [(errno.ENOSPC, "ổ đĩa đã đầy"), (errno.EROFS, "chỉ cho phép đọc"),
                                        (errno.EACCES, "không có quyền")])
def test_a_failing_write_is_a_located_message(tmp_path, monkeypatch, err, words):
    root = tiny(tmp_path)
    _fail_writes(monkeypatch, err)
    result = run(root, "plan", "SYT", "--year", "2024")
    assert result.exit_code == 2
    assert "Lỗi: " in result.stderr and "KH-SYT-2024.docx: không ghi được tệp (" in result.stderr and words in result.stderr
    assert not [p for p in (root / "outputs").rglob("*") if p.is_file()]


def test_disk_full_while_writing_leaves_no_temporary_file(tmp_path, monkeypatch):
    import reportgen.ooxml.writing as ooxml

    real_fdopen = os.fdopen

    class Full:
        """The temporary file, on a disk that fills up after 10 bytes."""

        def __init__(self, fd, mode):
            self.raw = real_fdopen(fd, mode)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.raw.close()

        def write(self, data):
            self.raw.write(data[:10])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(ooxml.os, "fdopen", Full)
    root = tiny(tmp_path)
    result = run(root, "plan", "SYT", "--year", "2024")
    assert result.exit_code == 2 and "ổ đĩa đã đầy (ENOSPC)" in result.stderr
    assert not [p for p in root.rglob("*") if p.is_file() and p.suffix in (".tmp", ".docx")]


def test_outputs_being_a_file_is_a_located_message(tmp_path):
    root = tiny(tmp_path)
    (root / "outputs").write_text("not a folder")
    result = run(root, "plan", "SYT", "--year", "2024")
    assert result.exit_code == 2
    assert "outputs/2024/ke-hoach/KH-SYT-2024.docx: không ghi được tệp" in result.stderr
    assert "tệp chứ không phải thư mục" in result.stderr


# --- output encodings that cannot print Vietnamese --------------------------------------


@pytest.mark.parametrize("command, code, phrase", [
    (["status", "--year", "2024"], 0, "Sở Y tế"),
    (["validate"], 0, "Đã kiểm tra"),
    (["check", "{docx}"], None, "cảnh báo"),
    (["diff", "{docx}", "{docx2}"], 1, "Sửa"),
])
def test_cp1258_output_prints_readable_vietnamese(tmp_path, command, code, phrase):
    root = tiny(tmp_path)
    assert run(root, "plan", "SYT", "SNV", "--year", "2024").exit_code == 0
    paths = {"docx": str(root / "outputs/2024/ke-hoach/KH-SYT-2024.docx"),
             "docx2": str(root / "outputs/2024/ke-hoach/KH-SNV-2024.docx")}
    args = [a.format(**paths) for a in command]
    env = {**os.environ, "PYTHONIOENCODING": "cp1258"}
    proc = subprocess.run([REPORTGEN, "--root", str(root), *args], capture_output=True, env=env, timeout=300)
    assert b"Traceback" not in proc.stderr, proc.stderr.decode("cp1258", "replace")
    if code is not None:
        assert proc.returncode == code, proc.stderr.decode("cp1258", "replace")
    else:
        assert proc.returncode in (0, 1)
    out = unicodedata.normalize("NFC", (proc.stdout + proc.stderr).decode("cp1258"))
    assert phrase in out


# --- only regular files are read --------------------------------------------------------


def _cli(args: list[str], root: Path) -> subprocess.CompletedProcess:
    """The real command in its own process, so a hang is a test failure (timeout), not a stuck run."""
    return subprocess.run([REPORTGEN, "--root", str(root), *args], capture_output=True, timeout=120, text=True)


@pytest.mark.parametrize("maker", ["fifo", "dev-zero", "directory"])
def test_a_path_that_is_not_a_regular_file_is_refused_everywhere(tmp_path, maker):
    root = tiny(tmp_path)
    folder = root / "inputs" / "submissions" / "2024"

    def special(name: str) -> Path:
        path = folder / name
        if maker == "fifo":
            os.mkfifo(path)
        elif maker == "dev-zero":
            path.symlink_to("/dev/zero")
        else:
            path.mkdir()
        return path

    yaml_path, docx_path, xlsx_path = special("X.yaml"), special("X.docx"), special("X.xlsx")
    checks = [
        (["validate", str(yaml_path)], 2),
        (["validate", str(xlsx_path)], 2),
        (["validate"], 2),                     # the submissions folder holds them
        (["check", str(docx_path)], 2),
        (["diff", str(docx_path), str(docx_path)], 2),
        (["diff", str(yaml_path), str(yaml_path)], 2),
        (["diff", str(xlsx_path), str(xlsx_path)], 2),
    ]
    for args, code in checks:
        proc = _cli(args, root)
        assert proc.returncode == code, (args, proc.stderr)
        assert "Traceback" not in proc.stderr
        assert "không phải tệp thông thường" in proc.stderr or "thư mục" in proc.stderr, (args, proc.stderr)


def test_input_size_limit_just_inside_and_outside(tmp_path, monkeypatch):
    path = tmp_path / "a.yaml"
    path.write_text("a: " + "x" * 997 + "\n", "utf-8")   # 1,001 bytes
    monkeypatch.setattr(source_module, "MAX_INPUT_BYTES", 1001)
    assert source_module.load_structured(path).data["a"] == "x" * 997
    monkeypatch.setattr(source_module, "MAX_INPUT_BYTES", 1000)
    with pytest.raises(ReportgenError, match="tệp quá lớn"):
        source_module.load_structured(path)


# --- one message per kind of problem and sheet ------------------------------------------


def test_a_sheet_full_of_bad_cells_gives_one_line_per_kind(tmp_path):
    from test_xlsx_reader import FILLED

    root = tiny(tmp_path)
    (root / "inputs" / "submissions" / "2024" / "SYT.yaml").unlink()
    wb = openpyxl.load_workbook(__import__("io").BytesIO(FILLED))
    sheet = wb["Chỉ tiêu"]
    for row in range(4, 1004):
        for col in range(1, 10):
            sheet.cell(row, col).value = "x"
    wb.save(root / "inputs" / "submissions" / "2024" / "SYT.xlsx")
    result = run(root, "validate")
    assert result.exit_code == 1
    lines = [x for x in result.stderr.splitlines() if x.startswith("Lỗi")]
    assert 1 <= len(lines) <= 6, lines
    assert any(re.search(r"Chỉ tiêu!B4: .*\(cùng loại lỗi ở các ô B5, B6, B7 … và \d{3} ô khác\)", x) for x in lines)


def test_few_bad_cells_are_each_listed():
    from reportgen.errors import Problem
    from reportgen.load.project import summarize_cells

    few = [Problem(f"«{v}» không phải là số", file="a.xlsx", place=f"Chỉ tiêu!G{r}") for r, v in ((4, "a"), (5, "b"))]
    assert summarize_cells(few) == few
    many = few + [Problem("«c» không phải là số", file="a.xlsx", place=f"Chỉ tiêu!G{r}") for r in range(6, 9)]
    merged = summarize_cells(many)
    assert len(merged) == 1 and "G5, G6, G7 … và 1 ô khác" in merged[0].message


# --- messages are Vietnamese ----------------------------------------------------------------


def test_every_pydantic_error_type_has_a_vietnamese_message():
    from pydantic_core._pydantic_core import list_all_errors

    for info in list_all_errors():
        ctx = {k: "1" for k in (info.get("example_context") or {})}
        if info["type"] in ("value_error", "assertion_error"):
            continue   # our own validators' messages, already Vietnamese
        message = vietnamese_message({"type": info["type"], "loc": ("a",), "input": "x", "ctx": ctx,
                                      "msg": info["message_template_python"]})
        assert VIETNAMESE.search(message), (info["type"], message)


@pytest.mark.parametrize("text", ['a: "x\\qy"\n', "a: [1, 2\n", "a: {b: 1\n", "a:\n\t- 1\n", "- a\nb: 1\n",
                                  "a: 'x\n", "---\na: 1\n---\nb: 2\n", "a: *nothing\n", "a: &x 1\nb: &x 2\nc: @d\n"])
def test_yaml_syntax_errors_are_vietnamese(tmp_path, text):
    path = tmp_path / "a.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(ReportgenError) as info:
        source_module.load_structured(path)
    message = str(info.value)
    assert message.startswith("Lỗi: ") and VIETNAMESE.search(message.split(":", 3)[-1])
    assert not re.search(r"\b(found|expected|while|could not|did not)\b", message), message


def test_no_doubled_error_prefix(tmp_path):
    bad = tmp_path / "a.yaml"
    bad.write_text("a: [1,\n", "utf-8")
    good = tmp_path / "b.yaml"
    good.write_text("a: 1\n", "utf-8")
    result = run(tmp_path, "diff", str(good), str(bad))
    assert result.exit_code == 2 and result.stderr.startswith("Lỗi: a.yaml, dòng ")
    assert "Lỗi: Lỗi:" not in result.stderr


def test_bidi_override_in_a_filled_form_is_removed_with_a_warning_naming_the_cell(tmp_path):
    import io

    from test_xlsx_reader import FILLED

    root = tiny(tmp_path)
    (root / "inputs" / "submissions" / "2024" / "SYT.yaml").unlink()
    wb = openpyxl.load_workbook(io.BytesIO(FILLED))
    wb["Nhiệm vụ"]["F4"].value = "Tổ chức \u202e12 hội nghị."
    wb.save(root / "inputs" / "submissions" / "2024" / "SYT.xlsx")
    result = run(root, "validate", "--verbose")
    assert result.exit_code == 0, result.output
    warning = next(x for x in result.stderr.splitlines() if "bidi" in x)
    assert warning.startswith("Cảnh báo: inputs/submissions/2024/SYT.xlsx, Nhiệm vụ!F4")
    project = load_project(root, year=2024)
    assert project.submissions_for(2024)[0].tasks[0].results == ["Tổ chức 12 hội nghị."]
