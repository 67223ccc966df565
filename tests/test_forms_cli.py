"""`reportgen forms`, and .xlsx submissions through `validate` and `status`, run in-process."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from click.testing import CliRunner
from test_forms_fixture import (
    fill_form,
    make_plan,
    make_registry,
    syt_submission_data,
    write_project,
)

from reportgen.cli import cli
from reportgen.forms import generate_forms
from reportgen.model import Submission


@pytest.fixture
def project(tmp_path):
    return write_project(tmp_path / "proj")


def run(root, *args):
    return CliRunner().invoke(cli, ["--root", str(root), *args])


def test_forms_writes_one_file_per_body(project):
    result = run(project, "forms", "--year", "2024")
    assert result.exit_code == 0, result.output
    folder = project / "outputs" / "2024" / "bieu-mau"
    assert sorted(p.name for p in folder.iterdir()) == [
        "SLDTBXH-2024.xlsx", "SNV-2024.xlsx", "SYT-2024.xlsx", "UBND_HUYEN_NGA_SON-2024.xlsx"]
    assert "Đã tạo 4 biểu mẫu năm 2024 trong outputs/2024/bieu-mau/. Tiếp theo:" in result.output
    wb = openpyxl.load_workbook(folder / "SYT-2024.xlsx")
    assert wb.sheetnames[:4] == ["Hướng dẫn", "Thông tin chung", "Nhiệm vụ", "Chỉ tiêu"]


def test_existing_forms_are_kept_unless_force(project):
    assert run(project, "forms", "--year", "2024", "--agency", "SYT").exit_code == 0
    target = project / "outputs" / "2024" / "bieu-mau" / "SYT-2024.xlsx"
    assert run(project, "forms", "--year", "2024", "--agency", "SYT").exit_code == 0   # its own: replaced
    target.write_bytes(b"filled by the secretariat")
    result = run(project, "forms", "--year", "2024")
    assert result.exit_code == 1
    assert ("Lỗi: outputs/2024/bieu-mau/SYT-2024.xlsx: tệp đã được sửa sau khi reportgen tạo ra "
            "(có thể đổi tên tệp để giữ bản đã sửa)") in result.output
    assert "Gợi ý: dùng --force để ghi đè tệp đã có" in result.output     # the option is named by the CLI only
    assert target.read_bytes() == b"filled by the secretariat"
    assert not (target.parent / "SNV-2024.xlsx").exists()          # nothing half-written
    assert run(project, "forms", "--year", "2024", "--force").exit_code == 0
    assert target.read_bytes()[:2] == b"PK"


def test_agency_and_out_options(project, tmp_path):
    out = tmp_path / "gui-di"
    result = run(project, "forms", "--year", "2025", "--agency", "SYT", "--agency", "SNV", "--out", str(out), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["result"] == {"year": 2025, "folder": str(out),
                                                   "forms": [str(out / "SYT-2025.xlsx"), str(out / "SNV-2025.xlsx")]}


@pytest.mark.parametrize(("args", "message"), [
    (["--year", "2025", "--agency", "SLDTBXH"],
     "«SLDTBXH» là Sở Lao động - Thương binh và Xã hội (mã SLDTBXH), không còn hoạt động năm 2025; "
     "đơn vị kế nhiệm: SNV (Sở Nội vụ)"),
    (["--year", "2024", "--agency", "XYZ"], "không có cơ quan, đơn vị nào có mã hoặc tên «XYZ» trong danh mục"),
    (["--year", "2031"], "năm 2031 nằm ngoài thời gian của kế hoạch (2024–2030)"),
])
def test_usage_errors_exit_2(project, args, message):
    result = run(project, "forms", *args)
    assert result.exit_code == 2
    assert message in result.output


def test_last_year_figures_prefill_and_broken_files_are_skipped(tmp_path):
    sldtbxh = {"agency": "SLDTBXH", "year": 2024,
               "report": {"date": "2024-12-05", "signer": {"title": "GIÁM ĐỐC", "name": "Nguyễn Văn B"}},
               "figures": [{"indicator": "A01", "value": "2,4"}]}
    broken = {**syt_submission_data(), "figures": [{"indicator": "B01", "value": "khoảng 95"}]}
    root = write_project(tmp_path / "proj", {"2024/SLDTBXH.yaml": sldtbxh, "2024/SYT.yaml": broken})
    result = run(root, "forms", "--year", "2025")
    assert result.exit_code == 0, result.output
    assert "Cảnh báo: inputs/submissions/2024/SYT.yaml: bỏ qua tệp có lỗi khi lấy số liệu năm trước" in result.output
    ws = openpyxl.load_workbook(root / "outputs" / "2025" / "bieu-mau" / "SNV-2025.xlsx")["Chỉ tiêu"]
    assert (ws["B4"].value, ws["F4"].value, ws["F4"].protection.locked) == ("A01", 2.4, True)


def test_invalid_plan_exits_1(project):
    plan = project / "inputs" / "plan.yaml"
    plan.write_text(plan.read_text("utf-8").replace("code: KH-TEST-2024", "code: KH-TEST-2024\nbogus: 1"), "utf-8")
    result = run(project, "forms", "--year", "2024")
    assert result.exit_code == 1
    assert "inputs/plan.yaml" in result.output and "bogus" in result.output


def filled_syt() -> bytes:
    plan, registry = make_plan(), make_registry()
    form = generate_forms(plan, registry, 2024, ["SYT"])["SYT-2024.xlsx"]
    return fill_form(form, Submission.model_validate(syt_submission_data()), plan)


def test_validate_accepts_a_filled_form(project):
    path = project / "inputs" / "submissions" / "2024" / "SYT-2024.xlsx"
    path.parent.mkdir(parents=True)
    path.write_bytes(filled_syt())
    result = run(project, "validate")
    assert result.exit_code == 0, result.output
    assert "1 báo cáo: không có lỗi" in result.output


def test_validate_names_sheet_and_cell_and_exits_1(project, tmp_path):
    wb = openpyxl.load_workbook(io.BytesIO(filled_syt()))
    wb["Chỉ tiêu"]["G4"].value = "khoảng 95"
    path = tmp_path / "SYT-2024.xlsx"
    wb.save(path)
    result = run(project, "validate", str(path))
    assert result.exit_code == 1
    assert (f"Lỗi: {path}, Chỉ tiêu!G4: «khoảng 95» không phải là một số: chỉ ghi con số (ví dụ 95,2 hoặc "
            "13.787); nếu chưa có số liệu, để trống và ghi lý do vào cột Ghi chú") in result.output


def test_validate_unreadable_xlsx_exits_2(project, tmp_path):
    path = tmp_path / "SYT-2024.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0 an old .xls renamed")
    result = run(project, "validate", str(path))
    assert result.exit_code == 2
    assert "không phải tệp Excel .xlsx hợp lệ" in result.output


def test_status_counts_an_xlsx_submission(project):
    path = project / "inputs" / "submissions" / "2024" / "SYT-2024.xlsx"
    path.parent.mkdir(parents=True)
    path.write_bytes(filled_syt())
    result = run(project, "status", "--year", "2024", "--as-of", "2024-12-20", "--json")
    assert result.exit_code == 0, result.output
    bodies = {b["body"]: b for b in json.loads(result.output)["result"]["bodies"]}
    assert bodies["SYT"]["status"] == "on_time" and bodies["SYT"]["label"] == "đúng hạn"
    assert bodies["SNV"]["status"] == "missing" and bodies["SNV"]["label"] == "chưa nộp"
