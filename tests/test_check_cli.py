"""`reportgen check` through click: exit codes, human report, JSON, --strict, grouping."""

from __future__ import annotations

import json

import pytest
from check_fixtures import (
    W,
    break_docx,
    good_docx,
    good_plan_docx,
    insert_after,
    para,
    remove,
    set_run,
    set_text,
)
from click.testing import CliRunner

from reportgen.cli import cli


def _write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def _typed_line(root):
    motto = para(root, "Độc lập")
    remove(motto.find(f"{W}pPr/{W}pBdr"))
    insert_after(motto, "____________")


def _small_body(root):
    for p in root.iter(f"{W}p"):
        text = "".join(t.text or "" for t in p.iter(f"{W}t"))
        if text.startswith(("Sở Y tế đã", "- Tổ chức", "- Lồng ghép", "Tỷ lệ dân số", "Tiếp tục")):
            set_run(p, sz=12)


@pytest.fixture
def files(tmp_path):
    return {
        "good": _write(tmp_path, "tot.docx", good_docx()),
        "warning": _write(tmp_path, "canh-bao.docx", break_docx(good_docx(), _typed_line)),
        "errors": _write(tmp_path, "loi.docx", break_docx(good_docx(), _small_body)),
    }


def run(*args):
    return CliRunner().invoke(cli, ["check", *args])


def test_good_document_exits_0(files):
    result = run(files["good"])
    assert result.exit_code == 0
    assert "đúng thể thức" in result.stdout


def test_warnings_pass_unless_strict(files):
    result = run(files["warning"])
    assert result.exit_code == 0
    assert "0 lỗi, 1 cảnh báo" in result.stdout
    assert "CẢNH BÁO [typed-line]" in result.stdout
    assert run("--strict", files["warning"]).exit_code == 1


def test_errors_exit_1_and_repeated_findings_are_grouped(files):
    result = run(files["errors"])
    assert result.exit_code == 1
    out = result.stdout
    assert "5 lỗi, 0 cảnh báo" in out
    assert out.count("[body-size]") == 1
    assert "và 2 đoạn khác" in out
    assert "Căn cứ: NĐ 30/2020, Phụ lục I, Phần I, mục II.6.e" in out
    assert "Đoạn 7: «Sở Y tế đã ban hành" in out


def test_json_keeps_every_finding(files):
    result = run("--json", files["errors"], files["good"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [entry["file"] for entry in data["result"]["files"]] == [files["errors"], files["good"]]
    assert data["result"]["files"][0]["errors"] == 5
    findings = data["problems"]          # the envelope's problems, one per finding
    assert len(findings) == 5 and {f["file"] for f in findings} == {files["errors"]}
    assert set(findings[0]) == {"severity", "code", "message", "file", "line", "place", "reference"}
    assert {f["severity"] for f in findings} == {"error"}
    assert all(f["code"].startswith("check.") and f["place"] for f in findings)


def test_json_reports_unreadable_files(tmp_path):
    bad = _write(tmp_path, "hong.docx", b"PK\x03\x04 broken")
    result = run("--json", bad)
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["result"]["files"] == [{"file": bad, "readable": False, "errors": 0, "warnings": 0}]
    [problem] = data["problems"]
    assert "không phải tệp Word" in problem["message"] and problem["code"] == "input.unreadable"


def test_quiet_shows_errors_only(files):
    result = CliRunner().invoke(cli, ["-q", "check", files["warning"]])
    assert result.exit_code == 0
    assert "typed-line" not in result.stdout


def test_no_file_is_a_usage_error():
    assert run().exit_code == 2


def test_findings_outside_the_body_are_grouped_by_paragraph(tmp_path):
    """Arial in the footnote and the text box: one group, places named, counted as paragraphs."""
    def arial(root):
        for p in root.iter(f"{W}p"):
            if "".join(t.text or "" for t in p.iter(f"{W}t")).startswith(("Sở Y tế đã", "- Tổ chức")):
                set_run(p, font="Arial")
        for box in root.iter(f"{W}txbxContent"):
            for p in box.iter(f"{W}p"):
                set_run(p, font="Arial")
    data = break_docx(break_docx(good_plan_docx(), arial), lambda r: set_run(r.find(f".//{W}footnote[@{W}id='1']/{W}p"), font="Arial"), "word/footnotes.xml")
    result = run(_write(tmp_path, "phong.docx", data))
    assert result.exit_code == 1
    assert "4 lỗi, 0 cảnh báo" in result.stdout
    assert result.stdout.count("[font]") == 1
    assert "và 1 đoạn khác" in result.stdout


def test_new_rules_are_warnings(tmp_path):
    data = break_docx(good_plan_docx(), lambda root: set_text(para(root, "g) Sơ kết"), "f) Sơ kết."))
    path = _write(tmp_path, "diem.docx", data)
    result = run(path)
    assert result.exit_code == 0
    assert "CẢNH BÁO [diem-letters]" in result.stdout
    assert "mục II.6.đ" in result.stdout
    assert run("--strict", path).exit_code == 1
