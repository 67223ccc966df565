"""`reportgen request`: the focal body's công văn asking for the year's reports, read back from the .docx."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from cycle_helpers import body_texts, kinh_gui, page_one, read, run, signature_block, table_rows
from render_helpers import copy_project

from reportgen.check.engine import check_docx

OUT = "cong-van/CV-yeu-cau-bao-cao-{year}.docx"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A project where `reportgen request` has written the 2024 and 2025 requests."""
    root = copy_project(tmp_path_factory.mktemp("request"))
    for year in ("2024", "2025"):
        result = run(root, "request", "--year", year)
        assert result.exit_code == 0, result.output
    return root


def _doc(root: Path, year: int):
    return read(root / "outputs" / str(year) / OUT.format(year=year))


def _secretariat(root: Path, year: int) -> dict:
    return yaml.safe_load((root / "inputs" / "secretariat" / f"{year}.yaml").read_text(encoding="utf-8"))


def _expected_bodies(root: Path, year: int) -> list[str]:
    """The bodies `reportgen status` expects to report, minus the focal body (it does not write to itself)."""
    data = json.loads(run(root, "status", "--year", str(year), "--as-of", f"{year}-12-01", "--json").stdout)["result"]
    return [b["body"] for b in data["bodies"]]


def test_page_one_is_a_cong_van_with_the_vv_line_under_the_number(built: Path):
    request = _secretariat(built, 2025)["request"]
    left, right = page_one(_doc(built, 2025))
    assert left[:2] == ["UBND TỈNH THANH HÓA", "SỞ NỘI VỤ"]
    assert left[2] == f"Số: {request['number']}/SNV-VP"
    assert left[3] == "V/v báo cáo kết quả thực hiện Kế hoạch số 68/KH-UBND năm 2025"
    assert right[-1] == "Thanh Hóa, ngày 14 tháng 11 năm 2025"
    assert not any(t in ("CÔNG VĂN", "BÁO CÁO") for t in body_texts(_doc(built, 2025)))   # no type name


def test_the_2024_request_is_the_old_focal_body_with_its_drafting_unit(built: Path):
    left, _ = page_one(_doc(built, 2024))
    request = _secretariat(built, 2024)["request"]
    assert f"Số: {request['number']}/SLĐTBXH-{request['unit']}" in left


@pytest.mark.parametrize("year, local", [(2024, "- UBND các huyện, thị xã, thành phố."),
                                         (2025, "- UBND các xã, phường.")])
def test_kinh_gui_addresses_the_levels_of_the_year(built: Path, year: int, local: str):
    assert kinh_gui(_doc(built, year)) == ["Kính gửi:", "- Các sở, ban, ngành cấp tỉnh;", local]


@pytest.mark.parametrize("year", [2024, 2025])
def test_appendix_two_names_every_body_that_must_report_with_its_form(built: Path, year: int):
    doc = _doc(built, year)
    rows = [r for r in table_rows(doc) if r[0].strip().isdigit()]
    focal = "SNV" if year == 2025 else "SLDTBXH"
    expected = [b for b in _expected_bodies(built, year) if b != focal]
    assert sorted(r[-1] for r in rows) == sorted(f"{code}-{year}.xlsx" for code in expected)
    assert [r[0] for r in rows] == [str(i) for i in range(1, len(expected) + 1)]
    forms = run(built, "forms", "--year", str(year), "--agency", expected[0], "--json")
    assert Path(json.loads(forms.stdout)["result"]["forms"][0]).name in {r[-1] for r in rows}   # the names `forms` writes


def test_what_when_and_how_are_said(built: Path):
    texts = body_texts(_doc(built, 2025))
    assert any("Số liệu báo cáo tính từ ngày 15/12/2024 đến ngày 14/12/2025 (theo quy định tại Nghị định "
               "09/2019/NĐ-CP" in t for t in texts)
    assert any(t.startswith("Báo cáo bằng văn bản") and "trước ngày 10/12/2025" in t
               and "qua Hệ thống quản lý văn bản và điều hành của tỉnh" in t for t in texts)
    assert "Phụ lục I" in texts and "ĐỀ CƯƠNG BÁO CÁO" in texts and "Phụ lục II" in texts
    assert any(t.startswith("(Kèm theo Công văn số 2456/SNV-VP ngày 14/11/2025 của Sở Nội vụ)") for t in texts)
    assert any("Kế hoạch đã được điều chỉnh tại Kế hoạch số 187/KH-UBND ngày 15/7/2025" in t for t in texts)
    assert not any("được điều chỉnh" in t for t in body_texts(_doc(built, 2024)))


def test_signature_and_noi_nhan(built: Path):
    noi_nhan, signature = signature_block(_doc(built, 2025))
    assert noi_nhan[:3] == ["Nơi nhận:", "- Như trên;", "- UBND tỉnh Thanh Hóa (để b/c);"]
    assert noi_nhan[-1] == "- Lưu: VT, VP."
    assert signature == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Văn Thắng"]


@pytest.mark.parametrize("year", [2024, 2025])
def test_passes_the_strict_checker(built: Path, year: int):
    findings = check_docx(built / "outputs" / str(year) / OUT.format(year=year))
    assert not findings, [f"{f.rule_id}: {f.message}" for f in findings]


def test_a_rebuild_is_byte_identical(built: Path, tmp_path: Path):
    target = built / "outputs" / "2025" / OUT.format(year=2025)
    first = target.read_bytes()
    assert run(built, "request", "--year", "2025").exit_code == 0     # its own untouched file: replaced
    assert target.read_bytes() == first


@pytest.mark.parametrize("deadline, ok", [("15/11/2025", True), ("14/11/2025", False)])
def test_the_deadline_option_must_follow_the_letter(tmp_path: Path, deadline: str, ok: bool):
    root = copy_project(tmp_path)
    result = run(root, "request", "--year", "2025", "--deadline", deadline)
    assert (result.exit_code == 0) is ok, result.output
    if ok:
        assert any("trước ngày 15/11/2025" in t for t in body_texts(_doc(root, 2025)))
    else:
        assert "không sau ngày của công văn (14/11/2025)" in result.output


def test_without_request_data_the_letter_is_a_draft_signed_by_the_head(tmp_path: Path):
    root = copy_project(tmp_path)
    path = root / "inputs" / "secretariat" / "2025.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["request"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert run(root, "request", "--year", "2025").exit_code == 0
    doc = _doc(root, 2025)
    left, right = page_one(doc)
    assert left[2] == "Số:      /SNV-VP" and right[-1] == "Thanh Hóa, ngày      tháng      năm 2025"
    assert signature_block(doc)[1] == ["GIÁM ĐỐC"]


def test_a_plan_data_period_replaces_the_decrees(tmp_path: Path):
    root = copy_project(tmp_path)
    path = root / "inputs" / "plan.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "  first_year: 2024\n", "  first_year: 2024\n  cutoff_day: 30\n  cutoff_month: 11\n", 1)
    path.write_text(text, encoding="utf-8")
    assert run(root, "request", "--year", "2025").exit_code == 0
    texts = body_texts(_doc(root, 2025))
    assert any("Số liệu báo cáo tính từ ngày 01/12/2024 đến ngày 30/11/2025 (theo Kế hoạch số 68/KH-UBND)." in t
               for t in texts)
    assert not any("số ước thực hiện" in t and "Số liệu báo cáo" in t for t in texts)   # deadline after the cut-off


def test_a_year_outside_the_plan_is_a_usage_error(tmp_path: Path):
    root = copy_project(tmp_path)
    result = run(root, "request", "--year", "2031")
    assert result.exit_code == 2 and "năm 2031 nằm ngoài thời gian thực hiện của kế hoạch (2024–2030)" in result.output
    shutil.rmtree(root / "outputs")
