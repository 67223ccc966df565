"""`--json`: one envelope for every command, checked against docs/json-schema.json, and nothing else on stdout."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from reportgen import __version__
from reportgen.cli import COMMANDS, cli

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "reportgen" / "bundled"
SCHEMA = json.loads((REPO / "docs" / "json-schema.json").read_text(encoding="utf-8"))


def envelope(*args: str, root: Path | None = None, exit_code: int | None = 0) -> dict:
    argv = (["--root", str(root)] if root else []) + list(args)
    result = CliRunner().invoke(cli, argv, catch_exceptions=False)
    data = json.loads(result.stdout)      # stdout is the envelope and nothing else
    jsonschema.validate(data, SCHEMA)
    assert data["version"] == __version__
    assert data["exit_code"] == result.exit_code
    assert data["ok"] is (result.exit_code == 0)
    if exit_code is not None:
        assert result.exit_code == exit_code, result.output
    assert result.stderr == "", result.stderr
    return data


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The bundled project with SYT's and STC's 2025 plans and SYT's form made."""
    root = tmp_path_factory.mktemp("built")
    for name in ("inputs", "templates"):
        shutil.copytree(BUNDLED / name, root / name)
    data = envelope("plan", "SYT", "STC", "--year", "2025", "--json", root=root)
    assert [d["path"] for d in data["result"]["documents"]] == [
        "outputs/2025/ke-hoach/KH-SYT-2025.docx", "outputs/2025/ke-hoach/KH-STC-2025.docx"]
    assert data["result"]["counts"] == {"ke-hoach": 2}
    assert {d["status"] for d in data["result"]["documents"]} == {"created"}
    assert all(p["severity"] == "warning" for p in data["problems"])
    return root


def test_validate(built: Path):
    data = envelope("validate", "--json", root=built)
    assert data["command"] == "validate"
    assert data["result"]["agencies"] == len(yaml.safe_load(
        (built / "inputs" / "agencies.yaml").read_text(encoding="utf-8"))["agencies"])
    codes = {p["code"] for p in data["problems"]}
    assert {"submission.figure.estimate", "submission.late"} <= codes
    assert data["result"]["warnings"] == len(data["problems"])


def test_validate_with_errors_keeps_each_problems_place(built: Path, tmp_path: Path):
    bad = tmp_path / "SYT.yaml"
    text = (built / "inputs" / "submissions" / "2025" / "SYT.yaml").read_text(encoding="utf-8")
    head, figures = text.split("\nfigures:\n", 1)
    figures = re.sub(r"(?m)^  value: .*$", "  value: nhiều", figures, count=1)
    bad.write_text(f"{head}\nfigures:\n{figures}", encoding="utf-8")
    data = envelope("validate", str(bad), "--json", root=built, exit_code=1)
    error = next(p for p in data["problems"] if p["severity"] == "error")
    assert error["code"] == "submission.figure.not-number"
    assert error["place"] == "figures[0].value" and error["line"] > 1 and error["file"].endswith("SYT.yaml")


def test_status(built: Path):
    data = envelope("status", "--year", "2025", "--as-of", "2025-12-31", "--json", root=built)
    result = data["result"]
    assert result["as_of"] == "2025-12-31" and result["deadline"] == "2025-12-10"
    assert {b["status"] for b in result["bodies"]} <= {"on_time", "late", "missing", "not_due"}
    assert sum(1 for b in result["bodies"] if b["status"] == "late") == result["counts"]["late"]
    late = next(b for b in result["bodies"] if b["status"] == "late")
    assert late["label"] == f"muộn {late['days_late']} ngày"


def test_forms(built: Path):
    data = envelope("forms", "--year", "2025", "--agency", "SYT", "--json", root=built)
    assert data["result"]["forms"] == ["outputs/2025/bieu-mau/SYT-2025.xlsx"]


def test_report(built: Path):
    data = envelope("report", "--year", "2024", "--json", root=built)
    assert [d["path"] for d in data["result"]["documents"]] == ["outputs/2024/BC-tong-hop-2024.docx"]


def test_check(built: Path):
    plan = built / "outputs" / "2025" / "ke-hoach" / "KH-SYT-2025.docx"
    data = envelope("check", str(plan), str(built / "khong-co.docx"), "--json", root=built, exit_code=2)
    files = data["result"]["files"]
    assert files[0]["readable"] and not files[1]["readable"]
    assert {p["severity"] for p in data["problems"]} <= {"error", "warning"}
    findings = [p for p in data["problems"] if p["code"].startswith("check.")]
    assert len(findings) == files[0]["errors"] + files[0]["warnings"]
    assert all(p["reference"] for p in findings)
    assert any(p["code"] == "input.unreadable" and "khong-co.docx" in p["message"] for p in data["problems"])


def test_diff_one_shape_for_documents_and_data(built: Path, tmp_path: Path):
    a, b = built / "inputs" / "submissions" / "2024" / "SYT.yaml", built / "inputs" / "submissions" / "2025" / "SYT.yaml"
    data_diff = envelope("diff", str(a), str(b), "--json", root=built, exit_code=1)["result"]
    docs = built / "outputs" / "2025" / "ke-hoach"
    doc_diff = envelope("diff", str(docs / "KH-SYT-2025.docx"), str(docs / "KH-STC-2025.docx"), "--json",
                        root=built, exit_code=1)["result"]
    assert data_diff["format"] == "data" and doc_diff["format"] == "docx"
    assert set(data_diff) == set(doc_diff)
    core = {"kind", "label", "place", "text"}
    assert all(core <= set(c) for c in data_diff["changes"] + doc_diff["changes"])
    same = envelope("diff", str(a), str(a), "--json", root=built)["result"]
    assert same["equal"] and same["changes"] == []


def test_diff_of_an_invalid_form_is_exit_2_not_1(built: Path, tmp_path: Path):
    """"Different" (1) and "the new file is invalid" (2) never share an exit code."""
    import openpyxl

    form = built / "outputs" / "2025" / "bieu-mau" / "SYT-2025.xlsx"
    if not form.exists():
        envelope("forms", "--year", "2025", "--agency", "SYT", "--json", root=built)
    book = openpyxl.load_workbook(form)
    book["Chỉ tiêu"]["G4"] = "khoảng 80"
    broken = tmp_path / "SYT-2025.xlsx"
    book.save(broken)
    valid = built / "inputs" / "submissions" / "2025" / "SYT.yaml"
    data = envelope("diff", str(valid), str(broken), "--json", root=built, exit_code=2)
    assert any(p["place"] == "Chỉ tiêu!G4" for p in data["problems"])


def test_agencies(built: Path):
    data = envelope("agencies", "--year", "2025", "y", "tế", "--json", root=built)
    assert [a["code"] for a in data["result"]["agencies"]] == ["SYT"]
    ended = envelope("agencies", "nga sơn", "--json", root=built)["result"]["agencies"]
    old = next(a for a in ended if a["code"] == "UBND_H_NGA_SON")
    assert old["valid_to"] == "2025-06-30" and "UBND_X_NGA_SON" in [s["code"] for s in old["successors"]]


def test_templates_lint(built: Path):
    data = envelope("templates", "lint", "--json", root=built)
    assert data["command"] == "templates lint"
    assert {Path(t["file"]).name for t in data["result"]["templates"]} == {
        p.name for p in (BUNDLED / "templates").glob("*.docx")}


def test_a_stopped_command_has_a_null_result(built: Path, tmp_path: Path):
    data = envelope("plan", "SYTT", "--year", "2025", "--json", root=built, exit_code=2)
    assert data["result"] is None and data["problems"][0]["code"] == "usage.agency.unknown"
    data = envelope("build", "--json", root=tmp_path, exit_code=2)
    assert data["problems"][0]["code"] == "project.not-found"


def test_usage_errors_are_envelopes_too():
    data = envelope("--json", "buld", exit_code=2)
    assert data["command"] == "reportgen" and data["problems"][0]["code"] == "usage"
    data = envelope("forms", "--json", exit_code=2)
    assert data["command"] == "forms" and "--year" in data["problems"][0]["message"]


def test_every_command_is_covered_by_the_schema():
    named = {c["if"]["properties"]["command"]["const"] for c in SCHEMA["allOf"] if "command" in c["if"]["properties"]}
    assert set(COMMANDS) - {"templates"} <= named and "templates lint" in named
