"""Only the CLI knows flags and exit codes: the library raises kinds of errors (issue 15).

Read from the source itself: no string a library module can show names `--force`, `--pdf`
or `--root`, and no error class outside `cli/` carries an `exit_code`. The mapping itself is
checked on real errors: unreadable, usage and setup errors exit 2, invalid input 1, and
an existing output is refused with the option named by the CLI only.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from reportgen import errors
from reportgen.cli.common import exit_code_for

PACKAGE = Path(__file__).resolve().parents[1] / "reportgen"
FLAGS = ("--force", "--pdf", "--root")
CALLS_THE_CLI: set[str] = set()   # modules that run a command with its arguments (none: the reminder calls the library)


def _library_modules() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py"))
            if p.relative_to(PACKAGE).parts[0] != "cli" and p.relative_to(PACKAGE).as_posix() not in CALLS_THE_CLI]


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def test_library_strings_name_no_option_and_errors_carry_no_exit_code():
    found = []
    for path in _library_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                found += [f"{path.name}:{node.lineno}: {flag}" for flag in FLAGS if flag in node.value]
            if isinstance(node, ast.ClassDef):
                for stmt in node.body:
                    if isinstance(stmt, ast.Assign) and any(getattr(t, "id", "") == "exit_code" for t in stmt.targets):
                        found.append(f"{path.name}:{stmt.lineno}: {node.name}.exit_code")
    assert found == []


@pytest.mark.parametrize(("error", "code"), [
    (errors.ReportgenError("x"), 1),
    (errors.TemplateError("x"), 1),
    (errors.OutputExistsError("x"), 1),
    (errors.ProjectMissingError("x"), 2),     # the wrong folder: a usage error (issue 16)
    (errors.UnreadableFileError("x"), 2),
    (errors.YearOutOfRangeError("x"), 2),
    (errors.UnknownAgencyError("x"), 2),
    (errors.OfficeMissingError("x"), 2),
    (errors.WriteFailedError("x"), 2),
])
def test_each_kind_of_error_has_its_exit_code(error, code):
    assert exit_code_for(error) == code


def test_an_existing_output_is_refused_and_only_the_cli_names_force(tmp_path):
    from click.testing import CliRunner

    from reportgen.cli import cli
    from reportgen.ooxml.writing import write_atomic

    target = tmp_path / "a.docx"
    target.write_bytes(b"mine")
    with pytest.raises(errors.OutputExistsError) as err:
        write_atomic(target, b"new", force=False)
    assert "--force" not in str(err.value) and "đã tồn tại" in str(err.value)
    missing = CliRunner().invoke(cli, ["--root", str(tmp_path), "status"])
    assert missing.exit_code == 2
    assert "không thấy thư mục inputs/" in missing.output and "Gợi ý: hoặc dùng --root" in missing.output
