"""The yearly cycle's commands (request, remind, review, report --level province) on the CLI's conventions:
one `--json` envelope (checked against docs/json-schema.json), exit codes, file names with the year,
warnings grouped into one line per kind, a closing line that says where the document is and what next,
options after the command, and Vietnamese usage."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from reportgen.cli import cli

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "reportgen" / "bundled"
SCHEMA = json.loads((REPO / "docs" / "json-schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cycle-cli")
    for name in ("inputs", "templates"):
        shutil.copytree(BUNDLED / name, folder / name)
    return folder


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, [*args, "--root", str(root)], catch_exceptions=False)


def envelope(root: Path, *args: str) -> dict:
    result = run(root, *args, "--json")
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    assert data["exit_code"] == result.exit_code and result.stderr == ""
    return data


def test_request_envelope_names_its_file_with_the_year(root: Path):
    data = envelope(root, "request", "--year", "2025")
    assert data["command"] == "request" and data["ok"] is True
    [doc] = data["result"]["documents"]
    assert doc["path"] == "outputs/2025/cong-van/CV-yeu-cau-bao-cao-2025.docx" and doc["status"] in ("created", "replaced")
    assert data["result"]["counts"] == {doc["kind"]: 1}


def test_request_closing_line_says_where_and_what_next(root: Path):
    result = run(root, "request", "--year", "2025")
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("Đã ") and "outputs/2025/cong-van/CV-yeu-cau-bao-cao-2025.docx" in lines[0]
    assert "hạn 10/12/2025" in lines[0]
    assert lines[-1].startswith("Tiếp theo:") and "reportgen forms --year 2025" in lines[-1]


def test_quiet_after_the_command_prints_nothing(root: Path):
    result = run(root, "request", "--year", "2025", "-q")
    assert result.exit_code == 0 and result.output == ""


@pytest.mark.parametrize(("as_of", "letter"), [("09/12/2025", False), ("10/12/2025", True)])
def test_remind_just_inside_and_just_outside_the_deadline(root: Path, as_of: str, letter: bool):
    """The day before the deadline nothing is due yet (exit 0, no letter); from the deadline on, a report not in is
    missing and the letter has the year and the day in its name."""
    data = envelope(root, "remind", "--year", "2025", "--as-of", as_of)
    result = data["result"]
    assert data["exit_code"] == 0 and result["as_of"] == "-".join(reversed(as_of.split("/")))
    assert result["deadline"] == "2025-12-10"
    assert set(result["status_counts"]) >= {"on_time", "late", "missing", "not_due", "total"}
    if letter:
        [doc] = result["documents"]
        assert doc["path"] == "outputs/2025/cong-van/CV-don-doc-2025-20251210.docx"
        assert result["missing"] and all(isinstance(code, str) for code in result["missing"])
    else:
        assert result["documents"] == [] and result["counts"] == {}


def test_remind_without_a_letter_says_why_in_one_line(root: Path):
    result = run(root, "remind", "--year", "2025", "--as-of", "01/12/2025")
    assert result.exit_code == 0
    assert result.stdout.strip().startswith("Không tạo công văn đôn đốc: tính đến ngày 01/12/2025 chưa đến hạn")


def test_review_envelope_and_grouped_warnings(root: Path):
    data = envelope(root, "review", "--from", "2024", "--to", "2025", "--kind", "so-ket")
    [doc] = data["result"]["documents"]
    assert doc["path"] == "outputs/2025/BC-so-ket-2024-2025.docx"
    assert {"submission.late", "submission.figure.estimate"} <= {p["code"] for p in data["problems"]}
    human = run(root, "review", "--from", "2024", "--to", "2025", "--kind", "so-ket")
    warnings = [line for line in human.stderr.splitlines() if line.startswith("Cảnh báo")]
    assert len(warnings) == 1 and "dùng --verbose" in warnings[0]           # one summary line, not one per report
    verbose = run(root, "review", "--from", "2024", "--to", "2025", "--kind", "so-ket", "-v")
    assert len([line for line in verbose.stderr.splitlines() if line.startswith("Cảnh báo")]) > 10


def test_report_level_province_envelope(root: Path):
    data = envelope(root, "report", "--year", "2025", "--level", "province")
    [doc] = data["result"]["documents"]
    assert doc["path"] == "outputs/2025/BC-UBND-tinh-2025.docx"


@pytest.mark.parametrize("args", [
    ["request", "--year", "2031"],                       # just outside the plan's period (2024–2030)
    ["remind", "--year", "2023", "--as-of", "11/12/2023"],
    ["review", "--from", "2025", "--to", "2024"],       # a period that runs backwards
    ["report", "--year", "2025", "--level", "tinh"],
    ["request", "--year", "2025", "--deadline", "31/02/2025"],
])
def test_usage_errors_exit_2_as_envelopes(root: Path, args: list[str]):
    data = envelope(root, *args)
    assert data["exit_code"] == 2 and data["result"] is None and data["problems"][0]["severity"] == "error"


def test_just_inside_the_plans_period(root: Path):
    assert run(root, "request", "--year", "2030", "-q").exit_code == 0


@pytest.mark.parametrize("name", ["request", "remind", "review"])
def test_help_is_vietnamese_with_examples_and_exit_codes(name: str):
    page = CliRunner().invoke(cli, [name, "--help"]).output
    assert "[TÙY CHỌN]" in page and "Ví dụ" in page and "Mã thoát" in page
    assert "INTEGER" not in page and "TEXT" not in page and "NĂM" in page
