"""`validate` covers `build`: anything the build can refuse, validate reports first, with file and line.

The first test lists every `raise` in the modules a build runs (read from their source with
`ast`) and checks that each one is either in `COVERED` (an input can provoke it, and a case
below proves validate reports that input first) or in `NOT_FROM_INPUTS` (with the reason no
input can). A new `raise` in the build path fails this test until it is classified: give it
a validator and a case, or say why no input reaches it.

Each case writes one bad input into a copy of the bundled project, then checks that
`validate` exits 1 naming the file and the line of the bad value, and that `build` refuses
the same input with exit 1 (never an internal error) and writes nothing.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from reportgen.cli import cli

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "reportgen"
BUILD_PATH = ["pipeline.py", "manifest.py", "files.py", "ooxml", "indicator_text.py", "model/routing.py", "documents", "compute",
              "render", "charts", "vn"]

# (module, function, exception) → the case below that proves validate reports the input first.
COVERED = {
    ("vn/kyhieu.py", "_code", "ValueError"): "abbrev",
    ("vn/kyhieu.py", "doc_type_abbrev", "ValueError"): "doc_type",
    ("vn/kyhieu.py", "_number_text", "ValueError"): "plan_number",
    ("documents/consolidated.py", "consolidated_context", "ReportgenError"): "focal",
    ("vn/numbering.py", "diem_letter", "ValueError"): "extra_tasks",
    ("compute/assessment.py", "_compare", "ValueError"): "comparator",
}
# (module, function, exception) → why no input can reach it.
NOT_FROM_INPUTS = {
    ("charts/embed.py", "add_pictures", "ValueError"): "chart relationship ids are generated, one per chart",
    ("charts/embed.py", "png_size", "ValueError"): "the PNGs are matplotlib's own",
    ("documents/common.py", "header_context", "ValueError"): "every caller passes the year",
    ("manifest.py", "check", "OutputExistsError"): "the state of outputs/, not an input (refused by name)",
    ("pipeline.py", "resolve_agencies", "UnknownAgencyError"): "agency codes or names typed on the command line",
    ("pipeline.py", "document_specs", "ReportgenError"): "document kinds come from the commands",
    ("render/batch.py", "render_batch", "type_of(result)"): "a template problem (reportgen templates lint)",
    ("render/engine.py", "render", "TypeError"): "contexts are built as dicts by documents/",
    ("render/engine.py", "render_to", "OutputExistsError"): "not used by build",
    ("render/engine.py", "template_path", "TemplateError"): "templates fall back to the bundled ones",
    ("render/environment.py", "xml_text_value", "ValueNotPrintable"): "a template problem (templates lint)",
    ("render/filters.py", "_date", "ValueError"): "a template problem: a filter on the wrong value",
    ("render/filters.py", "_number", "ValueError"): "a template problem: a filter on the wrong value",
    ("render/pdf.py", "convert_batch", "w.error"): "LibreOffice (reported per file, not an input)",
    ("render/pdf.py", "convert_to_pdf", "ReportgenError"): "LibreOffice, not used by build",
    ("render/pdf.py", "require_soffice", "OfficeMissingError"): "LibreOffice not installed (exit 2)",
    ("render/pdf.py", "run_soffice", "OfficeMissingError"): "LibreOffice not runnable (exit 2)",
    ("render/template.py", "__init__", "TemplateError"): "a template problem (templates lint)",
    ("render/template.py", "_check_xml", "TemplateError"): "a template problem (templates lint)",
    ("render/template.py", "_parse_document", "TemplateError"): "a template problem (templates lint): tags that cut a table or paragraph",
    ("render/template.py", "_around_body", "TemplateError"): "a template problem (templates lint): no w:body",
    ("render/template.py", "_compile", "TemplateError"): "a template problem (templates lint)",
    ("render/template.py", "_run", "self._error"): "a template problem (templates lint)",
    ("vn/dates.py", "parse_date", "ValueError"): "dates are parsed by the input models (located errors)",
    ("vn/kyhieu.py", "parse_so_ky_hieu", "ValueError"): "used by check, not by build",
    ("vn/legacy.py", "convert_legacy", "ValueError"): "used while loading, not by build",
    ("vn/legacy.py", "encode_legacy", "ValueError"): "used while loading, not by build",
    ("vn/numbering.py", "_check_positive", "ValueError"): "callers number from 1 (enumerate(start=1))",
    ("vn/numbering.py", "arabic_ladder", "ValueError"): "callers always pass a level",
    ("vn/numbering.py", "roman", "ValueError"): "parts and groups number at most 5",
    ("vn/numbers.py", "format_number", "ValueError"): "figures are finite Decimals checked by the models",
    ("vn/numbers.py", "parse_number", "ValueError"): "numbers are parsed by the input models",
    ("vn/numbers.py", "parse_number_with_flags", "ValueError"): "numbers are parsed by the input models",
    ("vn/numbers.py", "to_decimal", "ValueError"): "figures are Decimals already",
    ("files.py", "_require_regular", "UnreadableFileError"): "reading inputs: validate reports it (exit 2)",
    ("files.py", "read_regular_file", "UnreadableFileError"): "reading inputs: validate reports it (exit 2)",
    ("files.py", "require_regular_file", "UnreadableFileError"): "reading inputs: validate reports it (exit 2)",
    ("files.py", "confined", "ReportgenError"): "agency codes are checked as safe names when the registry loads",
    ("ooxml/package.py", "_read_entries", "UnreadableFileError"): "reading a template (templates lint) or our own output",
    ("ooxml/package.py", "keep_known_parts", "UnreadableFileError"): "diff --redline, not build",
    ("ooxml/package.py", "open", "UnreadableFileError"): "reading a template (templates lint) or our own output",
    ("ooxml/package.py", "parse_xml", "UnreadableFileError"): "reading a template (templates lint) or our own output",
    ("ooxml/package.py", "parse_xml", "_too_many"): "reading a template (templates lint) or our own output",
    ("ooxml/package.py", "xml", "UnreadableFileError"): "reading a template (templates lint) or our own output",
    ("ooxml/writing.py", "write_atomic", "OutputExistsError"): "the manifest checks every target first",
    ("ooxml/writing.py", "write_atomic", "WriteFailedError"): "the disk or outputs/ (exit 2, named), not an input",
    ("compute/__init__.py", "__getattr__", "AttributeError"): "the lazy package's unknown attribute (a programming error)",
    # The yearly cycle's documents (request, remind, report --level province, review) are made by
    # their own commands, not by build; each refuses on the command's arguments or a missing
    # part of the plan, named by file (tests/test_request.py, test_reminder.py, test_review.py,
    # test_province_report.py).
    ("documents/electronic.py", "metadata", "ValueError"): "every Phụ lục VI field is filled by the code (a bug)",
    ("documents/province_report.py", "province_context", "ReportgenError"): "report --level province, not build",
    ("documents/reminder.py", "reminder_document", "ReportgenError"): "remind, not build (its --deadline)",
    ("documents/request.py", "request_context", "ReportgenError"): "request, not build (its --deadline)",
    ("documents/review.py", "review_context", "ReportgenError"): "review, not build",
    ("documents/review.py", "review_document", "ReportgenError"): "review, not build (its --from/--to/--kind)",
    ("render/pdfpages.py", "page_count", "ValueError"): "LibreOffice's own PDF, read for --electronic",
    # The render budget bounds a template's own work; inputs are bounded by the input limits
    # (load/source.py MAX_INPUT_BYTES), and a budget hit is a TemplateError naming template and paragraph.
    ("render/environment.py", "_bounded_filter", "RenderLimitError"): "render budget (template work)",
    ("render/environment.py", "_check_join", "RenderLimitError"): "render budget (template work)",
    ("render/environment.py", "_check_replace", "RenderLimitError"): "render budget (template work)",
    ("render/environment.py", "_check_str_method", "RenderLimitError"): "render budget (template work)",
    ("render/environment.py", "_output_child_to_const", "jinja_nodes.Impossible"): "Jinja's compile-time signal",
    ("render/environment.py", "bounded", "RenderLimitError"): "render budget (template work)",
    ("render/environment.py", "call_binop", "RenderLimitError"): "render budget (template work)",
    ("render/environment.py", "checked_text", "RenderLimitError"): "render budget (template work)",
    ("render/environment.py", "step", "RenderLimitError"): "render budget (template work)",
    ("render/template.py", "_render_bounded", "RenderLimitError"): "render budget (template work)",
}


def raise_sites() -> set[tuple[str, str, str]]:
    """(module, function, exception) of every `raise X` in the build path's modules."""
    files: list[Path] = []
    for entry in BUILD_PATH:
        path = PACKAGE / entry
        files.extend(sorted(path.glob("*.py")) if path.is_dir() else [path])
    sites = set()
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(fn):
                if isinstance(node, ast.Raise) and node.exc is not None:
                    exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
                    sites.add((path.relative_to(PACKAGE).as_posix(), fn.name, ast.unparse(exc)))
    return sites


def test_every_raise_in_the_build_path_is_classified():
    sites = raise_sites()
    unclassified = sorted(sites - set(COVERED) - set(NOT_FROM_INPUTS))
    stale = sorted((set(COVERED) | set(NOT_FROM_INPUTS)) - sites)
    assert not unclassified, ("raise sites in the build path that validate does not cover yet; add a validator "
                              f"and a case in COVERED, or a reason in NOT_FROM_INPUTS: {unclassified}")
    assert not stale, f"entries for raise sites that no longer exist: {stale}"
    assert not set(COVERED) & set(NOT_FROM_INPUTS)
    assert set(COVERED.values()) <= set(CASES)


# --- the cases ------------------------------------------------------------------------------


def _replace(root: Path, rel: str, old: str, new: str) -> tuple[str, int]:
    """Replace the first `old` in a file; (file, line of the change)."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    line = text[:text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return rel, line


def _abbrev(root: Path):
    return _replace(root, "inputs/agencies.yaml", 'abbrev: "SYT"', 'abbrev: "SỞ Y TẾ"'), 2025


def _doc_type(root: Path):
    return _replace(root, "inputs/plan.yaml", "doc_type: Kế hoạch", "doc_type: Kế hoạch hành động"), 2025


def _plan_number(root: Path):
    return _replace(root, "inputs/plan.yaml", "\nnumber: 68\n", "\nnumber: 0\n"), 2025


def _focal(root: Path):
    """A focal body that did not exist in 2024 (created 2025, no predecessor)."""
    return _replace(root, "inputs/plan.yaml", "  focal: SLDTBXH", "  focal: SDTTG"), 2024


def _extra_tasks(root: Path):
    """24 extra tasks in one section: more than the điểm letters a–y."""
    path = root / "inputs" / "overlays" / "SYT.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["extra_tasks"] = [{"section": "III.6", "content": f"Nhiệm vụ bổ sung {i}."} for i in range(24)]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "section: III.6" in row)
    return ("inputs/overlays/SYT.yaml", line), 2025


def _comparator(root: Path):
    return _replace(root, "inputs/plan.yaml", 'comparator: "<"', 'comparator: "=>"'), 2025


CASES: dict[str, Callable[[Path], tuple[tuple[str, int], int]]] = {
    "abbrev": _abbrev, "doc_type": _doc_type, "plan_number": _plan_number, "focal": _focal,
    "extra_tasks": _extra_tasks, "comparator": _comparator,
}


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--root", str(root), *args])


@pytest.mark.parametrize("case", sorted(CASES))
def test_validate_reports_first_what_build_refuses(project_dir: Path, case: str):
    (file, line), year = CASES[case](project_dir)
    checked = run(project_dir, "validate")
    assert checked.exit_code == 1, checked.output
    located = [row for row in checked.output.splitlines() if row.startswith(f"Lỗi: {file}, dòng ")]
    assert located, checked.output
    lines = {int(row.split(", dòng ")[1].split(",")[0].split(":")[0]) for row in located}
    assert any(abs(n - line) <= 1 for n in lines), (line, located)
    built = run(project_dir, "build", "--year", str(year))
    assert built.exit_code == 1, built.output
    assert any(row in built.output for row in located)
    assert not [p for p in (project_dir / "outputs").rglob("*") if p.is_file()]


def test_the_front_s_own_abbreviation_validates_and_builds(project_dir: Path):
    """The issue's case: MTTQ_TINH signs `…/BC-MTTQ-BTT`; its report used to stop the build."""
    sub = {
        "agency": "MTTQ_TINH", "year": 2025,
        "report": {"number": 7, "date": "2025-12-05",
                   "signer": {"authority": "TM. BAN THƯỜNG TRỰC", "title": "CHỦ TỊCH", "name": "Lê Văn Hòa"}},
        "tasks": [{"task": "III.1.3", "status": "đang thực hiện",
                   "results": ["Tổ chức 12 hội nghị tuyên truyền tại khu dân cư."]}],
    }
    (project_dir / "inputs" / "submissions" / "2025" / "MTTQ_TINH.yaml").write_text(
        yaml.safe_dump(sub, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert run(project_dir, "validate", "--year", "2025").exit_code == 0
    done = run(project_dir, "build", "--year", "2025")
    assert done.exit_code == 0, done.output
    import docx

    report = project_dir / "outputs" / "2025" / "bao-cao" / "BC-MTTQ_TINH-2025.docx"
    text = "\n".join(p.text for t in docx.Document(str(report)).tables for c in t._cells for p in c.paragraphs)
    assert "Số: 07/BC-MTTQ-BTT" in text
