"""`reportgen build` and `reportgen plan` through click: files written, exit codes, messages."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from render_helpers import copy_project, document, find, texts

from reportgen.cli import cli
from reportgen.documents.agency_plan import plan_bodies
from reportgen.load import load_project
from reportgen.pipeline import default_year


def run(root: Path, *args: str, env: dict | None = None):
    return CliRunner().invoke(cli, ["--root", str(root), *args], env=env)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


def _all_files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_writes_every_plan_and_report_and_keeps_them_unless_forced(project: Path):
    result = run(project, "build", "--year", "2024")
    assert result.exit_code == 0, result.output
    out = project / "outputs" / "2024"
    loaded = load_project(project, year=2024)
    plans = plan_bodies(loaded.plan, loaded.registry, 2024)
    reports = [s.agency for s in loaded.submissions_for(2024)]
    files = _all_files(out)
    assert {f"ke-hoach/KH-{c}-2024.docx" for c in plans} <= set(files)
    assert {f"bao-cao/BC-{c}-2024.docx" for c in reports} <= set(files)
    assert "KH-SLDTBXH-2024.docx" in {Path(f).name for f in files}
    assert f"Đã tạo {len(files)} văn bản trong outputs/2024/" in result.output
    # a long build is summarised by kind; --list names every file
    assert "Kế hoạch thực hiện của cơ quan, đơn vị" in result.output and f"│ {len(plans)} │" in result.output
    listed = run(project, "build", "--year", "2024", "--force", "--list")
    assert "Kế hoạch — Sở Y tế" in listed.output and "ke-hoach/KH-SYT-2024.docx" in listed.output

    again = run(project, "build", "--year", "2024")     # its own untouched outputs: replaced, no --force
    assert again.exit_code == 0, again.output
    assert "đã thay" in again.output
    assert _all_files(out) == files            # same inputs, same bytes

    edited = out / "ke-hoach" / "KH-SYT-2024.docx"
    edited.write_bytes(edited.read_bytes() + b"\0")   # a person's edit
    refused = run(project, "build", "--year", "2024")
    assert refused.exit_code == 1
    assert "outputs/2024/ke-hoach/KH-SYT-2024.docx" in refused.output and "đã được sửa" in refused.output
    assert refused.output.count("Lỗi:") == 1          # only the edited file is named
    assert edited.read_bytes() == files["ke-hoach/KH-SYT-2024.docx"] + b"\0"

    forced = run(project, "build", "--year", "2024", "--force")
    assert forced.exit_code == 0, forced.output
    assert _all_files(out) == files


def test_build_stops_on_invalid_inputs_and_writes_nothing(project: Path):
    path = project / "inputs" / "submissions" / "2024" / "SYT.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["tasks"][0]["task"] = "III.99.9"
    data["figures"][1]["value"] = "abc"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run(project, "build", "--year", "2024")
    assert result.exit_code == 1
    assert "III.99.9" in result.output
    assert "SYT.yaml" in result.output and result.output.count("Lỗi:") >= 2
    assert not any((project / "outputs").rglob("*.docx"))


def test_plan_for_named_agencies_only(project: Path):
    result = run(project, "plan", "SYT", "UBND_H_NGA_SON", "--year", "2024")
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (project / "outputs" / "2024").rglob("*.docx"))
    assert written == ["KH-SYT-2024.docx", "KH-UBND_H_NGA_SON-2024.docx"]


def test_plan_ignores_problems_in_submissions(project: Path):
    (project / "inputs" / "submissions" / "2024" / "SYT.yaml").write_text("agency: [", encoding="utf-8")
    result = run(project, "plan", "SYT", "--year", "2024")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("args, code, words", [
    (["plan"], 2, "--all"),
    (["plan", "SYT", "--all"], 2, "--all"),
    (["plan", "KHONG_CO", "--year", "2024"], 2, "KHONG_CO"),
    (["plan", "SLDTBXH", "--year", "2025"], 2, "không còn hoạt động năm 2025; đơn vị kế nhiệm: SNV (Sở Nội vụ)"),
])
def test_plan_usage_errors(project: Path, args, code, words):
    result = run(project, *args)
    assert result.exit_code == code
    assert words in result.output
    assert not any((project / "outputs").rglob("*.docx"))


def test_2025_plans_route_the_old_departments_tasks_to_their_successors(project: Path):
    result = run(project, "plan", "SNV", "SYT", "--year", "2025")
    assert result.exit_code == 0, result.output
    snv = document(project / "outputs" / "2025" / "ke-hoach" / "KH-SNV-2025.docx")
    syt = document(project / "outputs" / "2025" / "ke-hoach" / "KH-SYT-2025.docx")
    # III.2.3 was Sở LĐ-TB&XH's (labour, people with merit, social protection): split in 2025
    assert find(snv, "Nhiệm vụ III.2.3", start=False)
    assert find(syt, "Nhiệm vụ III.2.3", start=False)
    assert find(snv, "2. Sở Nội vụ là cơ quan thường trực")
    assert "gửi Sở Nội vụ trước ngày 10/12" in find(syt, "2. Sở Y tế").text
    assert not any("Lao động - Thương binh" in t for t in texts(snv) if t.startswith("2. "))
    loaded = load_project(project, year=2025)
    assert "SLDTBXH" not in plan_bodies(loaded.plan, loaded.registry, 2025)


def test_pdf_without_libreoffice_is_a_clear_usage_error(project: Path, tmp_path: Path):
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    result = run(project, "plan", "SYT", "--year", "2024", "--pdf", env={"PATH": str(empty)})
    assert result.exit_code == 2
    assert "không tìm thấy LibreOffice" in result.output
    assert not any((project / "outputs").rglob("*.docx"))


def test_default_year_is_the_latest_with_submissions(project: Path):
    assert default_year(project) == 2025
    for f in (project / "inputs" / "submissions" / "2025").iterdir():
        f.unlink()
    assert default_year(project) == 2024


def test_build_warns_when_two_bodies_give_different_values(project: Path):
    path = project / "inputs" / "submissions" / "2024" / "SGDDT.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    syt = yaml.safe_load((project / "inputs" / "submissions" / "2024" / "SYT.yaml").read_text(encoding="utf-8"))
    b14 = next(f for f in syt["figures"] if f["indicator"] == "B14")
    data.setdefault("figures", []).append({"indicator": "B14", "value": "50,5", "estimate": False})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run(project, "build", "--year", "2024")
    assert result.exit_code == 0, result.output
    line = next(ln for ln in result.stderr.splitlines() if "chỉ tiêu B14 năm 2024 có số liệu khác nhau" in ln)
    assert line.startswith("Cảnh báo") and "Sở Y tế" in line and "Sở Giáo dục và Đào tạo" in line
    assert "50,5" in line and b14["value"].replace(".", ",") in line
