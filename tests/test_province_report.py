"""`reportgen report --level province`: the provincial People's Committee's report upward, read back."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from cycle_helpers import body_texts, kinh_gui, page_one, read, run, signature_block, table_rows
from render_helpers import copy_project, find, font_value

from reportgen.check.engine import check_docx

INPUTS = Path(__file__).resolve().parents[1] / "reportgen" / "bundled" / "inputs"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("province"))
    for year in ("2024", "2025"):
        result = run(root, "report", "--year", year, "--level", "province")
        assert result.exit_code == 0, result.output
    return root


def _path(root: Path, year: int) -> Path:
    return root / "outputs" / str(year) / f"BC-UBND-tinh-{year}.docx"


def _own(year: int) -> dict:
    return yaml.safe_load((INPUTS / "secretariat" / f"{year}.yaml").read_text(encoding="utf-8"))["province_report"]


def test_issuer_is_the_province_both_lines_bold_no_parent(built: Path):
    doc = read(_path(built, 2025))
    left, right = page_one(doc)
    assert left[:3] == ["ỦY BAN NHÂN DÂN", "TỈNH THANH HÓA", f"Số: {_own(2025)['number']}/BC-UBND"]
    assert font_value(find(doc, "ỦY BAN NHÂN DÂN"), "bold") and font_value(find(doc, "TỈNH THANH HÓA"), "bold")
    assert right[-1] == "Thanh Hóa, ngày 29 tháng 12 năm 2025"


@pytest.mark.parametrize("year", [2024, 2025])
def test_addressed_upward_and_signed_for_the_collective(built: Path, year: int):
    doc = read(_path(built, year))
    own = _own(year)
    assert kinh_gui(doc) == [f"Kính gửi: {own['kinh_gui'][0]}."]
    noi_nhan, signature = signature_block(doc)
    assert noi_nhan[1] == "- Như trên;" and noi_nhan[-1] == "- Lưu: VT, VX."
    assert [f"- {r};" for r in own["recipients"]] == noi_nhan[2:-1]
    signer = own["signer"]
    authority = signer["authority"] if isinstance(signer["authority"], list) else \
        [a.strip() for a in signer["authority"].split("/")]
    assert signature == [*authority, signer["title"], signer["name"]]
    assert signature[:3] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_it_rests_on_the_consolidated_report(built: Path):
    texts = body_texts(read(_path(built, 2025)))
    secretariat = yaml.safe_load((INPUTS / "secretariat" / "2025.yaml").read_text(encoding="utf-8"))
    assert any(f"(Báo cáo số {secretariat['number']}/BC-SNV ngày 22/12/2025)" in t for t in texts)
    assert any("được điều chỉnh tại Kế hoạch số 187/KH-UBND" in t for t in texts)
    assert "I. KẾT QUẢ THỰC HIỆN" in texts and "3. Kết quả thực hiện các chỉ tiêu" in texts


def test_the_appendix_has_every_indicator_with_this_and_last_years_figures(built: Path):
    plan = yaml.safe_load((INPUTS / "plan.yaml").read_text(encoding="utf-8"))
    rows = [r for r in table_rows(read(_path(built, 2025))) if r[0].strip().isdigit()]
    assert len(rows) == len(plan["indicators"])
    fig = next(f for f in yaml.safe_load((INPUTS / "submissions" / "2025" / "SNV.yaml").read_text(encoding="utf-8"))
               ["figures"] if f["indicator"] == "A02")
    a02 = next(r for r in rows if r[1] == "Tỷ lệ thất nghiệp chung")
    value = f"{Decimal(str(fig['value'])):.1f}".replace(".", ",")
    assert a02[5] == value + (" (ước)" if fig.get("estimate") else "")
    assert a02[3] == "dưới 3%"


@pytest.mark.parametrize("year", [2024, 2025])
def test_passes_the_strict_checker(built: Path, year: int):
    findings = check_docx(_path(built, year))
    assert not findings, [f"{f.rule_id}: {f.message}" for f in findings]


def test_a_rebuild_is_byte_identical(built: Path):
    first = _path(built, 2025).read_bytes()
    assert run(built, "report", "--year", "2025", "--level", "province", "--force").exit_code == 0
    assert _path(built, 2025).read_bytes() == first


def test_without_an_addressee_it_says_what_to_write(tmp_path: Path):
    root = copy_project(tmp_path)
    path = root / "inputs" / "secretariat" / "2025.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["province_report"]["kinh_gui"] = []
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run(root, "report", "--year", "2025", "--level", "province")
    assert result.exit_code == 1 and "province_report.kinh_gui" in result.output
