"""`reportgen validate`: every kind of bad input gives its Vietnamese line, place and exit 1."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import cli

SUBMISSION = """\
agency: SYT
year: 2024
report:
  number: 12
  date: 2024-12-05
  signer:
    authority: KT. GIÁM ĐỐC
    title: PHÓ GIÁM ĐỐC
    name: Nguyễn Văn A
tasks:
  - task: III.6.2
    status: đang thực hiện
    results:
      - Khám sức khỏe định kỳ cho 1.200 người cao tuổi.
figures:
  - indicator: B14
    value: "93,5"
    previous: "92,8"
    estimate: true
"""


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--root", str(root), "validate", *args], catch_exceptions=False)


def put(root: Path, text: str, name: str = "SYT-extra.yaml", year: int = 2024) -> Path:
    folder = root / "inputs" / "submissions" / str(year)
    # the bundled SYT sample would clash (two reports from one body): drop it for these tests
    (folder / "SYT.yaml").unlink(missing_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_inputs_are_valid(project_dir: Path) -> None:
    result = run(project_dir, "--json")
    assert result.exit_code == 0, result.output
    envelope = json.loads(result.stdout)
    data = envelope["result"]
    assert data["errors"] == 0 and not [p for p in envelope["problems"] if p["severity"] == "error"]
    assert data["indicators"] == 47
    assert data["tasks"] == 37
    assert data["agencies"] >= 48
    assert data["submissions"] > 40
    # samples include late bodies: a warning, not an error
    assert any("nộp muộn" in w["message"] for w in envelope["problems"] if w["severity"] == "warning")


def test_good_submission_passes(project_dir: Path) -> None:
    put(project_dir, SUBMISSION)
    assert run(project_dir, "--year", "2024").exit_code == 0


@pytest.mark.parametrize(
    ("edit", "expected", "line"),
    [
        (lambda s: s.replace("status: đang thực hiện", "status: [đang"), "cú pháp YAML/JSON không hợp lệ", None),
        (lambda s: s.replace("  number: 12\n", "  number: 12\n  numbr: 3\n"), "trường «numbr» không được phép", 5),
        (lambda s: s.replace("    name: Nguyễn Văn A\n", ""), "thiếu trường bắt buộc «name»", 6),
        (lambda s: s.replace("agency: SYT", "agency: SYTX"), "mã cơ quan «SYTX» không có trong danh mục", 1),
        (lambda s: s.replace("task: III.6.2", "task: III.6.99"), "mã nhiệm vụ «III.6.99» không có trong kế hoạch", 11),
        (lambda s: s.replace("task: III.6.2", "task: III.6.5"), "nhiệm vụ III.6.5 không giao cho Sở Y tế", 11),
        (lambda s: s.replace('value: "93,5"', 'value: "khoảng 93"'), "khoảng 93", 17),
        (lambda s: s.replace('value: "93,5"', 'value: "101,5"'), "101,5% của chỉ tiêu B14 nằm ngoài khoảng 0–100%", 17),
        (lambda s: s.replace("date: 2024-12-05", "date: 2023-12-05"), "ngày báo cáo 05/12/2023 không thuộc năm báo cáo 2024", 5),
        (lambda s: s.replace("indicator: B14", "indicator: Z99"), "mã chỉ tiêu «Z99» không có trong kế hoạch", 16),
        (lambda s: s.replace("status: đang thực hiện", "status: xong"), "giá trị «xong» không hợp lệ", 12),
        (lambda s: s.replace("date: 2024-12-05", "date: 31/02/2024"), "31/02/2024", 5),
    ],
    ids=["broken-yaml", "unknown-key", "missing-field", "unknown-agency", "unknown-task", "task-not-assigned",
         "not-a-number", "percent-over-100", "date-outside-year", "unknown-indicator", "bad-status", "impossible-date"],
)
def test_each_bad_input_gives_its_line(project_dir: Path, edit, expected: str, line: int | None) -> None:
    path = put(project_dir, edit(SUBMISSION))
    result = run(project_dir, "--year", "2024")
    assert result.exit_code == 1, result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("Lỗi:")]
    matching = [ln for ln in lines if expected in ln]
    assert matching, f"expected «{expected}» in:\n{result.stderr}"
    assert str(path.relative_to(project_dir)) in matching[0]
    if line is not None:
        assert f"dòng {line}," in matching[0] or f"dòng {line}:" in matching[0], matching[0]
    assert "Traceback" not in result.output


def test_every_problem_reported_in_one_run(project_dir: Path) -> None:
    bad = (SUBMISSION.replace("agency: SYT", "agency: SYT")
           .replace("task: III.6.2", "task: III.6.99")
           .replace('value: "93,5"', 'value: "n/a"')
           .replace("  number: 12\n", "  number: 12\n  colour: red\n"))
    put(project_dir, bad)
    result = run(project_dir, "--year", "2024", "--json")
    assert result.exit_code == 1
    errors = [p for p in json.loads(result.stdout)["problems"] if p["severity"] == "error"]
    messages = " | ".join(e["message"] for e in errors)
    assert "III.6.99" in messages and "n/a" in messages and "colour" in messages
    assert all(e["file"].endswith("SYT-extra.yaml") and e["line"] for e in errors)


def test_two_submissions_from_one_body(project_dir: Path) -> None:
    put(project_dir, SUBMISSION, "a.yaml")
    put(project_dir, SUBMISSION, "b.yaml")
    result = run(project_dir, "--year", "2024")
    assert result.exit_code == 1
    assert "SYT đã có báo cáo năm 2024 trong tệp" in result.stderr


def test_json_submission_loads_like_yaml(project_dir: Path) -> None:
    import yaml

    data = yaml.safe_load(SUBMISSION)
    data["report"]["date"] = "2024-12-05"
    put(project_dir, json.dumps(data, ensure_ascii=False, indent=1), "SYT.json")
    assert run(project_dir, "--year", "2024").exit_code == 0
    # and a JSON error names its line too
    put(project_dir, json.dumps(data, ensure_ascii=False, indent=1).replace('"B14"', '"B99"'), "SYT.json")
    result = run(project_dir, "--year", "2024")
    assert result.exit_code == 1 and "SYT.json, dòng" in result.stderr


def test_nfd_text_is_accepted_and_stored_as_nfc(project_dir: Path) -> None:
    from reportgen.load import load_project

    put(project_dir, unicodedata.normalize("NFD", SUBMISSION))
    assert run(project_dir, "--year", "2024").exit_code == 0
    project = load_project(project_dir, year=2024)
    sub = next(s for s in project.submissions_for(2024) if s.agency == "SYT")
    text = sub.tasks[0].results[0]
    assert text == unicodedata.normalize("NFC", text) and "sức khỏe" in text


def test_legacy_tcvn3_text_is_converted_with_a_warning(project_dir: Path) -> None:
    from reportgen.load import load_project

    legacy = SUBMISSION.replace("Khám sức khỏe định kỳ cho 1.200 người cao tuổi.", "Kh¸m søc kháe ®Þnh kú cho ng­êi cao tuæi.")
    put(project_dir, legacy)
    result = run(project_dir, "--year", "2024")
    assert result.exit_code == 0, result.output
    assert "TCVN3" in result.stderr and "Cảnh báo" in result.stderr
    sub = next(s for s in load_project(project_dir, year=2024).submissions_for(2024) if s.agency == "SYT")
    assert sub.tasks[0].results[0] == "Khám sức khỏe định kỳ cho người cao tuổi."


def test_old_tone_placement_is_normalised(project_dir: Path) -> None:
    from reportgen.load import load_project

    put(project_dir, SUBMISSION.replace("Khám sức khỏe", "Khám sức khoẻ"))
    sub = next(s for s in load_project(project_dir, year=2024).submissions_for(2024) if s.agency == "SYT")
    assert "sức khỏe" in sub.tasks[0].results[0]


def test_missing_inputs_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--root", str(tmp_path), "validate"])
    assert result.exit_code == 2      # the wrong folder: a usage error
    assert "không thấy thư mục inputs/" in result.stderr


def test_usage_error_exit_2(project_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["--root", str(project_dir), "validate", "--year", "abc"])
    assert result.exit_code == 2
    assert "Lỗi" in result.output


def test_init_creates_a_working_project(tmp_path: Path) -> None:
    target = tmp_path / "duan"
    result = CliRunner().invoke(cli, ["init", str(target)])
    assert result.exit_code == 0, result.output
    assert (target / "inputs" / "plan.yaml").is_file() and (target / "outputs").is_dir()
    assert run(target).exit_code == 0
    again = CliRunner().invoke(cli, ["init", str(target)])       # nothing edited: nothing to refuse
    assert again.exit_code == 0, again.output
    (target / "inputs" / "plan.yaml").write_text("# sửa tay\n", encoding="utf-8")
    edited = CliRunner().invoke(cli, ["init", str(target)])
    assert edited.exit_code == 1 and "tệp đã có và khác bản đi kèm" in edited.output


def test_broken_files_are_all_listed_and_unreadable_exits_2(project_dir: Path) -> None:
    folder = project_dir / "inputs" / "submissions" / "2024"
    (folder / "empty.yaml").write_text("", encoding="utf-8")
    (folder / "list.yaml").write_text("- a\n- b\n", encoding="utf-8")
    (folder / "latin1.yaml").write_bytes("agency: SYT\nnote: Hoà\n".encode("cp1258"))
    (folder / "fake.xlsx").write_text("not a workbook", encoding="utf-8")
    result = run(project_dir, "--year", "2024")
    assert result.exit_code == 2
    err = result.stderr
    assert "empty.yaml: tệp rỗng" in err
    assert "list.yaml: nội dung phải là một bảng khóa" in err
    assert "latin1.yaml, dòng 2: tệp không phải UTF-8" in err
    assert "fake.xlsx: không phải tệp Excel .xlsx hợp lệ" in err
    assert "Traceback" not in result.output
