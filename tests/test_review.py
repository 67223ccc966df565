"""`reportgen review`: the mid-term / final review over years, read back from the .docx."""

from __future__ import annotations

import math
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from cycle_helpers import body_texts, kinh_gui, page_one, read, run, signature_block, table_rows
from render_helpers import copy_project

from reportgen.check.engine import check_docx

REPO = Path(__file__).resolve().parents[1]
INPUTS = REPO / "reportgen" / "bundled" / "inputs"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("review"))
    for last in ("2025", "2027"):
        result = run(root, "review", "--from", "2024", "--to", last)
        assert result.exit_code == 0, result.output
    return root


def _path(root: Path, last: int, kind: str = "so-ket") -> Path:
    return root / "outputs" / str(last) / f"BC-{kind}-2024-{last}.docx"


def _figure(year: int, body: str, code: str) -> Decimal:
    data = yaml.safe_load((INPUTS / "submissions" / str(year) / f"{body}.yaml").read_text(encoding="utf-8"))
    return Decimal(str(next(f for f in data["figures"] if f["indicator"] == code)["value"]).replace(",", "."))


def _vn(value: Decimal, places: int) -> str:
    return f"{value:.{places}f}".replace(".", ",")


def test_title_addressee_and_header(built: Path):
    doc = read(_path(built, 2027))
    texts = body_texts(doc)
    assert texts[0] == "BÁO CÁO"
    assert texts[1].startswith("Sơ kết 04 năm thực hiện Kế hoạch số 68/KH-UBND ngày 08/3/2024")
    assert "(giai đoạn 2024 - 2027)" in texts[1]
    assert kinh_gui(doc) == ["Kính gửi: Ủy ban nhân dân tỉnh Thanh Hóa."]
    assert page_one(doc)[0][:2] == ["UBND TỈNH THANH HÓA", "SỞ NỘI VỤ"]


def test_years_without_reports_are_said_plainly(built: Path):
    texts = body_texts(read(_path(built, 2027)))
    assert any("Các năm 2026 và 2027 chưa có báo cáo của các cơ quan, đơn vị" in t for t in texts)
    assert "- Năm 2026: chưa có báo cáo." in texts
    assert not any("chưa có báo cáo của các cơ quan, đơn vị (chưa có dữ liệu)" in t
                   for t in body_texts(read(_path(built, 2025))))


def test_each_indicator_year_by_year_against_its_path(built: Path):
    rows = table_rows(read(_path(built, 2027)))
    a02 = next(i for i, r in enumerate(rows) if r[1].endswith("(A02)"))
    years = rows[a02:a02 + 4]
    assert [r[4] for r in years] == ["2024", "2025", "2026", "2027"]
    v2024, v2025 = _figure(2024, "SLDTBXH", "A02"), _figure(2025, "SNV", "A02")
    assert years[0][5] == f"{_vn(v2024, 1)} (ước)" and years[1][5] == f"{_vn(v2025, 1)} (ước)"
    target = Decimal(3)
    for row, year in zip(years, range(2024, 2028), strict=True):
        expected = v2024 + (target - v2024) * Decimal(year - 2024) / Decimal(2030 - 2024)
        assert row[6] == _vn(expected, 2), (year, row)
    assert "năm gốc" in years[0][7]
    assert years[1][7] == ("Chưa đạt; đúng lộ trình" if v2025 <= v2024 + (target - v2024) / 6
                           else "Chưa đạt; chậm so với lộ trình")
    assert years[2][5] == "x" and years[2][7] == "-"


def test_the_amended_target_is_named(built: Path):
    texts = body_texts(read(_path(built, 2027)))
    assert any(t.startswith("Chỉ tiêu C01 (từ «ít nhất 13.787 căn hộ» thành «ít nhất 15.000 căn hộ») được điều "
                            "chỉnh mục tiêu tại Kế hoạch số 187/KH-UBND ngày 15/7/2025") for t in texts)


def test_one_chart_per_twelve_quantitative_indicators_of_each_group(built: Path):
    plan = yaml.safe_load((INPUTS / "plan.yaml").read_text(encoding="utf-8"))
    expected = 0
    for group in plan["indicator_groups"]:
        n = sum(1 for i in plan["indicators"] if i["group"] == group["key"] and i.get("comparator"))
        expected += math.ceil(n / 12)
    with zipfile.ZipFile(_path(built, 2027)) as zf:
        media = [n for n in zf.namelist() if n.startswith("word/media/")]
    assert len(media) == expected
    captions = [t for t in body_texts(read(_path(built, 2027))) if t.startswith("Biểu đồ ")]
    assert len(captions) == expected


def test_tasks_cumulative_status(built: Path):
    doc = read(_path(built, 2027))
    plan = yaml.safe_load((INPUTS / "plan.yaml").read_text(encoding="utf-8"))
    rows = [r for r in table_rows(doc) if len(r) == 6 and r[0].strip().isdigit()]
    assert [r[1] for r in rows] == [t["code"] for t in plan["tasks"]]
    assert all(r[4].splitlines()[2:] == ["2026: chưa có báo cáo", "2027: chưa có báo cáo"] for r in rows)
    texts = body_texts(doc)
    assert any(t.startswith(f"Tính đến năm 2025, trong {len(plan['tasks'])} nhiệm vụ của Kế hoạch") for t in texts)


def test_assessment_parts_are_present(built: Path):
    texts = body_texts(read(_path(built, 2027)))
    for heading in ("1. Kết quả nổi bật", "2. Hạn chế, tồn tại", "3. Nguyên nhân", "4. Bài học kinh nghiệm",
                    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ GIAI ĐOẠN 2028 - 2030", "V. ĐỀ XUẤT, KIẾN NGHỊ"):
        assert heading in texts
    lessons = texts[texts.index("4. Bài học kinh nghiệm") + 1]
    assert lessons.startswith("- Giao rõ cơ quan cung cấp số liệu cho từng chỉ tiêu")


@pytest.mark.parametrize("last", [2025, 2027])
def test_passes_the_strict_checker(built: Path, last: int):
    findings = check_docx(_path(built, last))
    assert not findings, [f"{f.rule_id}: {f.message}" for f in findings]


def test_a_rebuild_is_byte_identical(built: Path):
    first = _path(built, 2025).read_bytes()
    assert run(built, "review", "--from", "2024", "--to", "2025").exit_code == 0   # its own file: replaced
    assert _path(built, 2025).read_bytes() == first


def test_tong_ket_by_choice_and_by_default_at_the_plans_end(tmp_path: Path):
    root = copy_project(tmp_path)
    assert run(root, "review", "--from", "2024", "--to", "2025", "--kind", "tong-ket").exit_code == 0
    assert body_texts(read(_path(root, 2025, "tong-ket")))[1].startswith("Tổng kết 02 năm")
    assert run(root, "review", "--from", "2024", "--to", "2030").exit_code == 0
    assert _path(root, 2030, "tong-ket").exists()


@pytest.mark.parametrize("first, last, code, message", [
    ("2026", "2027", 1, "chưa có báo cáo nào của các cơ quan, đơn vị trong giai đoạn 2026–2027"),
    ("2023", "2025", 2, "năm 2023 nằm ngoài thời gian thực hiện của kế hoạch (2024–2030)"),
    ("2024", "2031", 2, "năm 2031 nằm ngoài thời gian thực hiện của kế hoạch (2024–2030)"),
    ("2025", "2024", 2, "năm đầu (2025) phải không sau năm cuối (2024)"),
])
def test_a_period_with_nothing_to_review_is_refused(tmp_path: Path, first: str, last: str, code: int, message: str):
    root = copy_project(tmp_path)
    result = run(root, "review", "--from", first, "--to", last)
    assert result.exit_code == code and message in result.output, result.output
    assert not [p for p in (root / "outputs").rglob("*") if p.is_file()]


def test_signed_as_the_secretariats_review_block_says(built: Path):
    """The 2027 sample review block gives number, date and signer: page 1 and the signature show them."""
    own = yaml.safe_load((INPUTS / "secretariat" / "2027.yaml").read_text(encoding="utf-8"))["review"]
    doc = read(_path(built, 2027))
    left, right = page_one(doc)
    assert left[2] == f"Số: {own['number']}/BC-SNV"
    assert right[-1] == f"Thanh Hóa, ngày {own['date'].day} tháng {own['date'].month} năm {own['date'].year}"
    noi_nhan, signature = signature_block(doc)
    assert signature[0] == own["signer"]["authority"] and signature[-1] == own["signer"]["name"]
    assert [f"- {r};" for r in own["recipients"]] == noi_nhan[2:-1]


def test_a_review_without_the_secretariats_block_says_what_is_left_blank(tmp_path: Path):
    root = copy_project(tmp_path)
    (root / "inputs" / "secretariat" / "2027.yaml").unlink()
    result = run(root, "review", "--from", "2024", "--to", "2027")
    assert result.exit_code == 0, result.output
    assert ("inputs/secretariat/2027.yaml: chưa có phần viết của cơ quan thường trực (review) cho báo cáo sơ kết "
            "2024–2027: báo cáo để trống họ tên người ký, số, ngày") in result.output
    left, _ = page_one(read(_path(root, 2027)))
    assert left[2].replace(" ", "") == "Số:/BC-SNV"


def test_lists_of_codes_never_leave_out_just_one_and_counts_of_zero_are_not_said(built: Path):
    import re

    from reportgen.documents.review import SHOWN_CODES, _codes

    codes = [f"A{i:02d}" for i in range(1, SHOWN_CODES + 3)]
    assert _codes(codes[:SHOWN_CODES + 1]) == ", ".join(codes[:SHOWN_CODES + 1])          # just inside: all named
    assert _codes(codes).endswith(f"{codes[SHOWN_CODES - 1]} và 2 chỉ tiêu khác")        # just outside: 2 left out
    assert _codes(codes, "nhiệm vụ").endswith("và 2 nhiệm vụ khác")
    texts = body_texts(read(_path(built, 2027)))
    assert not any("mục khác" in t or "và 1 chỉ tiêu khác" in t for t in texts)
    tasks = next(t for t in texts if t.startswith("Tính đến năm 2025, trong 37 nhiệm vụ"))
    assert not re.search(r"[:,] 0 ", tasks), tasks


def test_tasks_are_named_by_their_titles(built: Path):
    """The task column quotes each task's title whole (it quoted the content cut with "…")."""
    doc = read(_path(built, 2027))
    plan = yaml.safe_load((INPUTS / "plan.yaml").read_text(encoding="utf-8"))
    rows = [r for r in table_rows(doc) if len(r) == 6 and r[0].strip().isdigit()]
    titles = {t["code"]: " ".join(t["title"].split()).rstrip(".") for t in plan["tasks"]}
    assert [r[2] for r in rows] == [titles[r[1]] for r in rows]
    assert not any("…" in cell for r in rows for cell in r)


def test_directions_and_proposals_carry_no_year_tag(built: Path):
    """They come from the latest year's reports only: «(năm 2025)» after each would only repeat it."""
    texts = body_texts(read(_path(built, 2027)))
    start = next(i for i, t in enumerate(texts) if "PHƯƠNG HƯỚNG" in t)
    end = next(i for i, t in enumerate(texts) if t.startswith("Trên đây"))
    items = [t for t in texts[start:end] if t.startswith("- ")]
    assert len(items) >= 4
    assert not [t for t in items if "(năm 20" in t]
    # sentences gathered over several years still say which years wrote them
    assert any("(năm 2024, 2025)" in t for t in texts[:start])
