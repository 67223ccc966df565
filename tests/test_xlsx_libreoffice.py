"""Forms opened by a real office suite: LibreOffice converts them cleanly, and what Calc saves reads back.

One soffice call per conversion kind, each with a fresh profile and a timeout.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from test_forms_fixture import (
    fill_form,
    in_plan_order,
    make_plan,
    make_registry,
    syt_submission_data,
)
from test_xlsx_reader import FIGURES_PART, patch_cell

from reportgen.forms import generate_forms
from reportgen.load.validation import validate
from reportgen.load.xlsx import read_submission_xlsx
from reportgen.model import Submission

# Text CSV, comma, double quote, UTF-8 (76), from line 1, ..., and -1: every sheet to its own file.
ALL_SHEETS_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"


def soffice_convert(files: list[Path], target: str, out: Path, profile: Path) -> subprocess.CompletedProcess:
    """Convert `files` with LibreOffice in one call; fails the test on a non-zero exit."""
    cmd = [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
           "--convert-to", target, "--outdir", str(out), *map(str, files)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    return done


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


@pytest.fixture(scope="module")
def forms(tmp_path_factory) -> tuple[Path, list[Path]]:
    folder = tmp_path_factory.mktemp("forms")
    plan, registry = make_plan(), make_registry()
    made = {**generate_forms(plan, registry, 2024), **generate_forms(plan, registry, 2025)}
    for name, data in made.items():
        (folder / name).write_bytes(data)
    return folder, sorted(folder / name for name in made)


def test_every_sheet_of_every_form_converts_to_csv(forms, tmp_path):
    folder, files = forms
    out = tmp_path / "csv"
    soffice_convert(files, ALL_SHEETS_CSV, out, tmp_path / "profile")
    for f in files:
        for sheet in ("Hướng dẫn", "Thông tin chung", "Nhiệm vụ", "Chỉ tiêu", "_meta"):
            assert (out / f"{f.stem}-{sheet}.csv").stat().st_size > 0, (f.name, sheet)
    guide = [row[0] for row in read_csv(out / "SYT-2024-Hướng dẫn.csv") if row]
    assert guide[:2] == ["BIỂU MẪU BÁO CÁO KẾT QUẢ THỰC HIỆN NĂM 2024",
                         "Kế hoạch số 68/KH-UBND ngày 08/3/2024 của Ủy ban nhân dân tỉnh Thanh Hóa"]
    assert "Thời hạn gửi: trước ngày 10/12/2024." in guide
    assert "Nơi nhận: Sở Nội vụ." in [row[0] for row in read_csv(out / "SNV-2025-Hướng dẫn.csv") if row]
    tasks = read_csv(out / "SYT-2024-Nhiệm vụ.csv")
    assert tasks[2][:4] == ["STT", "Mã nhiệm vụ", "Nội dung nhiệm vụ (theo Kế hoạch)", "Vai trò"]
    # plan text that looks like a formula is shown as written, not computed
    assert tasks[5][:4] == ["3", "III.2.3", "=SUM(A1:A2) không phải công thức; chỉ là chữ.", "Chủ trì"]
    assert tasks[6][2] == "+84 là mã nước; @SYT là tên gọi."
    bullets = read_csv(out / "SLDTBXH-2024-Nhiệm vụ.csv")
    assert bullets[5][2] == "- Tạo việc làm bền vững.\n- Phát triển thị trường lao động."
    figures = read_csv(out / "SYT-2024-Chỉ tiêu.csv")
    assert figures[3] == ["1", "B01", "Tỷ lệ dân số tham gia bảo hiểm y tế", "%", "trên 95%", "", "", "", ""]


def test_form_filled_and_saved_by_calc_reads_back(tmp_path):
    """Calc rewrites the package its own way (shared strings, hidden _meta); a formula with no cached
    value gets one when Calc saves, as the error message tells senders."""
    plan, registry = make_plan(), make_registry()
    sub = Submission.model_validate(syt_submission_data())
    filled = fill_form(generate_forms(plan, registry, 2024, ["SYT"])["SYT-2024.xlsx"], sub, plan)
    src = tmp_path / "in" / "SYT-2024.xlsx"
    src.parent.mkdir()
    src.write_bytes(patch_cell(filled, FIGURES_PART, "G5", "><f>30+1.5</f></c>"))
    _, problems = read_submission_xlsx(src, src.name, plan, registry)
    assert [p.place for p in problems if p.severity == "error"] == ["Chỉ tiêu!G5"]

    out = tmp_path / "out"
    soffice_convert([src], "xlsx:Calc MS Excel 2007 XML", out, tmp_path / "profile")
    saved = out / "SYT-2024.xlsx"
    doc, problems = read_submission_xlsx(saved, saved.name, plan, registry)
    assert [p for p in problems if p.severity == "error"] == []
    got, _ = validate(Submission, doc)
    expected = in_plan_order(sub, plan)
    expected["figures"][1]["value"] = Decimal("31.5")
    assert in_plan_order(got, plan) == expected

    wb = openpyxl.load_workbook(io.BytesIO(saved.read_bytes()))
    assert wb["_meta"].sheet_state in ("hidden", "veryHidden")
    assert all(wb[n].protection.sheet for n in wb.sheetnames)
    kinds = {(dv.type, dv.formula1) for dv in wb["Chỉ tiêu"].data_validations.dataValidation}
    assert {("decimal", "0"), ("list", '"Đạt,Chưa đạt"'), ("list", '"Ước thực hiện,Chính thức"')} <= kinds
    assert [(str(dv.sqref), dv.formula1) for dv in wb["Nhiệm vụ"].data_validations.dataValidation] == [
        ("E4:E7", '"hoàn thành,đang thực hiện,chưa thực hiện"')]
    assert wb["Nhiệm vụ"]["E4"].protection.locked is False and wb["Nhiệm vụ"]["C4"].protection.locked is True
