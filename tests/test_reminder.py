"""`reportgen remind`: the công văn đôn đốc goes to exactly the bodies `status` lists as missing."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from cycle_helpers import body_texts, kinh_gui, page_one, read, run, signature_block, table_rows
from render_helpers import copy_project

from reportgen.check.engine import check_docx
from reportgen.documents.reminder import reminder_document
from reportgen.load import load_project

OUT = "cong-van/CV-don-doc-{year}-{day}.docx"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("remind"))
    result = run(root, "remind", "--year", "2025", "--as-of", "11/12/2025")
    assert result.exit_code == 0, result.output
    return root


def _doc(root: Path, year: int = 2025, day: str = "20251211"):
    return read(root / "outputs" / str(year) / OUT.format(year=year, day=day))


def _missing(root: Path, year: int, as_of: str) -> list[dict]:
    data = json.loads(run(root, "status", "--year", str(year), "--as-of", as_of, "--json").stdout)["result"]
    return [b for b in data["bodies"] if b["status"] == "missing"]


def _names(root: Path) -> dict[str, dict]:
    data = yaml.safe_load((root / "inputs" / "agencies.yaml").read_text(encoding="utf-8"))
    return {a["code"]: a for a in data["agencies"]}


def test_kinh_gui_names_exactly_the_missing_bodies(built: Path):
    missing = _missing(built, 2025, "2025-12-11")
    assert missing, "the sample has missing bodies on 11/12/2025"
    agencies = _names(built)
    lines = kinh_gui(_doc(built))[1:]
    text = " ".join(lines)
    for body in missing:
        agency = agencies[body["body"]]
        assert agency["name"] in text or (agency.get("place") and agency["place"] in text), body
    named_communes = sum(len(line.split(":", 1)[1].split(",")) for line in lines if line.startswith("- UBND các"))
    named_each = sum(1 for line in lines if not line.startswith("- UBND các"))
    assert named_communes + named_each == len(missing)
    assert lines[-1].endswith(".") and all(line.endswith(";") for line in lines[:-1])


def test_the_appendix_lists_them_with_days_overdue(built: Path):
    missing = _missing(built, 2025, "2025-12-11")
    rows = [r for r in table_rows(_doc(built)) if r[0].strip().isdigit()]
    assert sorted(r[1] for r in rows) == sorted(m["name"] for m in missing)
    assert {r[2] for r in rows} == {"1"}                # 11/12 is one day after the 10/12 deadline


def test_it_cites_the_request_and_gives_the_new_deadline(built: Path):
    secretariat = yaml.safe_load((built / "inputs" / "secretariat" / "2025.yaml").read_text(encoding="utf-8"))
    request, reminder = secretariat["request"], secretariat["reminders"][0]
    texts = body_texts(_doc(built))
    assert any(t.startswith(f"Ngày 14/11/2025, Sở Nội vụ có Công văn số {request['number']}/SNV-VP") for t in texts)
    assert any(f"trước ngày {reminder['deadline']:%d/%m/%Y}" in t and "khẩn trương" in t for t in texts)
    left, right = page_one(_doc(built))
    assert left[2:] == [f"Số: {reminder['number']}/SNV-VP",
                        "V/v đôn đốc báo cáo kết quả thực hiện Kế hoạch số 68/KH-UBND năm 2025"]
    assert right[-1] == "Thanh Hóa, ngày 12 tháng 12 năm 2025"
    noi_nhan, signature = signature_block(_doc(built))
    assert noi_nhan[1] == "- Như trên;" and noi_nhan[-1] == "- Lưu: VT, VP."
    assert "- Giám đốc Sở (để b/c);" in noi_nhan       # signed KT. GIÁM ĐỐC: the director gets a copy
    assert signature[-1] == reminder["signer"]["name"]


def test_it_counts_among_the_bodies_the_request_went_to(built: Path):
    """The focal body does not report to itself: the letter counts as the request did (181 bodies, not 182)."""
    data = json.loads(run(built, "status", "--year", "2025", "--as-of", "2025-12-11", "--json").stdout)["result"]
    others = [b for b in data["bodies"] if b["body"] != "SNV"]
    sent = sum(1 for b in others if b["status"] != "missing")
    missing = len(others) - sent
    texts = body_texts(_doc(built))
    assert any(f"đã nhận được báo cáo của {sent}/{len(others)} cơ quan, đơn vị; còn {missing} cơ quan" in t
               for t in texts), texts


def test_passes_the_strict_checker(built: Path):
    findings = check_docx(built / "outputs" / "2025" / OUT.format(year=2025, day="20251211"))
    assert not findings, [f"{f.rule_id}: {f.message}" for f in findings]


@pytest.mark.parametrize("as_of, made", [("10/12/2025", True), ("09/12/2025", False)])
def test_nothing_is_missing_before_the_deadline(tmp_path: Path, as_of: str, made: bool):
    root = copy_project(tmp_path)
    result = run(root, "remind", "--year", "2025", "--as-of", as_of)
    assert result.exit_code == 0, result.output
    day = "202512" + as_of[:2]
    assert (root / "outputs" / "2025" / OUT.format(year=2025, day=day)).exists() is made
    if not made:
        assert "chưa đến hạn báo cáo (10/12/2025)" in result.output


def test_without_reminder_data_the_default_deadline_is_five_working_days(tmp_path: Path):
    root = copy_project(tmp_path)
    assert run(root, "remind", "--year", "2025", "--as-of", "13/12/2025").exit_code == 0
    doc = _doc(root, day="20251213")
    day, left = date(2025, 12, 13), 5
    while left:
        day += timedelta(days=1)
        left -= day.weekday() < 5
    assert any(f"trước ngày {day:%d/%m/%Y}" in t for t in body_texts(doc))
    assert page_one(doc)[0][2] == "Số:      /SNV-VP"


def test_no_reminder_when_every_report_is_in(tmp_path: Path):
    root = copy_project(tmp_path)
    agencies = _names(root)
    for body in _missing(root, 2025, "2025-12-11"):
        agency = agencies[body["body"]]
        signer = {"title": agency["head_title"], "name": "Nguyễn Văn A"}
        if agency.get("authority"):
            signer["authority"] = agency["authority"]
        path = root / "inputs" / "submissions" / "2025" / f"{body['body']}.yaml"
        path.write_text(yaml.safe_dump({
            "agency": body["body"], "year": 2025,
            "report": {"number": 1, "date": "2025-12-08", "signer": signer},
        }, allow_unicode=True), encoding="utf-8")
    result = run(root, "remind", "--year", "2025", "--as-of", "11/12/2025")
    assert result.exit_code == 0, result.output
    assert "Không cần đôn đốc" in result.output
    assert not (root / "outputs" / "2025" / "cong-van").exists()
    project = load_project(root, year=2025)
    assert reminder_document(project, 2025, date(2025, 12, 11)) is None


def test_the_library_function_gives_the_same_letter(built: Path):
    project = load_project(built, year=2025)
    spec = reminder_document(project, 2025, date(2025, 12, 11))
    assert spec is not None and spec.filename == OUT.format(year=2025, day="20251211")
    assert len(spec.context["addressed"]) == len(_missing(built, 2025, "2025-12-11"))


@pytest.mark.parametrize("as_of, message", [
    ("2027-01-05", "ngày tính 05/01/2027 không hợp lý cho báo cáo năm 2025"),
    ("2025-12-11", "hai công văn đôn đốc cùng ngày tính 11/12/2025"),
])
def test_validate_checks_the_reminders_dates(tmp_path: Path, as_of: str, message: str):
    root = copy_project(tmp_path)
    path = root / "inputs" / "secretariat" / "2025.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["reminders"].append({"as_of": as_of, "number": 2700})
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run(root, "validate", "--year", "2025")
    assert result.exit_code == 1 and message in result.output


def test_just_inside_the_reminder_year_is_accepted(tmp_path: Path):
    root = copy_project(tmp_path)
    path = root / "inputs" / "secretariat" / "2025.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["reminders"].append({"as_of": "2026-12-31"})
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert run(root, "validate", "--year", "2025").exit_code == 0


def test_a_reminder_rebuild_is_byte_identical(built: Path):
    target = built / "outputs" / "2025" / OUT.format(year=2025, day="20251211")
    first = target.read_bytes()
    assert run(built, "remind", "--year", "2025", "--as-of", "11/12/2025").exit_code == 0   # its own file: replaced
    assert target.read_bytes() == first


def test_a_level_missing_whole_is_addressed_by_its_collective_name(tmp_path: Path):
    root = copy_project(tmp_path)
    assert run(root, "remind", "--year", "2026", "--as-of", "15/12/2026").exit_code == 0   # no 2026 report yet
    lines = kinh_gui(_doc(root, 2026, "20261215"))
    assert lines == ["Kính gửi:", "- Các sở, ban, ngành cấp tỉnh;", "- UBND các xã, phường."]
    texts = body_texts(_doc(root, 2026, "20261215"))
    assert ("Tuy nhiên, tính đến ngày 15/12/2026, Sở Nội vụ chưa nhận được báo cáo của cơ quan, đơn vị nào "
            "(danh sách tại Phụ lục kèm theo).") in texts
    assert not any(re.search(r"\b0/\d", t) for t in texts)
