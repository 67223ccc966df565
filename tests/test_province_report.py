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
    assert _own(2025)["summary"].split()[:6] == next(t for t in texts if t.startswith("Năm 2025, trong")).split()[:6]


def test_it_states_the_data_period_of_the_plan(built: Path):
    texts = body_texts(read(_path(built, 2025)))
    assert any(t.startswith("Số liệu trong báo cáo tính từ ngày 15/12/2024 đến ngày 14/12/2025") for t in texts)
    assert not any("Phụ lục I" in t for t in texts if not t.startswith("(Kèm theo"))   # its one appendix: "Phụ lục"


def _metric_sum(year: int, section: str, key: str) -> Decimal:
    """What every report of year Y says for metric `key` on the tasks of `section`, summed (read from the YAML)."""
    total = Decimal(0)
    for path in sorted((INPUTS / "submissions" / str(year)).glob("*.yaml")):
        for task in yaml.safe_load(path.read_text(encoding="utf-8")).get("tasks") or []:
            code = str(task["task"])
            if code.startswith(section + ".") and key in (task.get("metrics") or {}):
                total += Decimal(str(task["metrics"][key]))
    return total


def _vn(n: Decimal) -> str:
    return f"{int(n):,}".replace(",", ".")


def test_each_section_states_the_provinces_totals_of_its_tasks(built: Path):
    """2.1 (section III.1): the province's conferences, summed over every report and task of the section."""
    texts = body_texts(read(_path(built, 2025)))
    section = next(t for t in texts if t.startswith("2.1. Tuyên truyền"))
    now, before = _metric_sum(2025, "III.1", "hoi-nghi"), _metric_sum(2024, "III.1", "hoi-nghi")
    change = (now - before) / before * 100
    word = "tăng" if change > 0 else "giảm"
    pct = f"{abs(change):.1f}".replace(".", ",")
    assert f"tổ chức {_vn(now)} hội nghị tuyên truyền, quán triệt, {word} {pct}% so với năm 2024" in section
    assert not any(name in section for name in ("Sở Y tế", "UBND xã", "(chủ trì)"))   # the province, not its bodies


def test_tasks_are_counted_by_status(built: Path):
    texts = body_texts(read(_path(built, 2025)))
    sentence = next(t for t in texts if t.startswith("Trong ") and "nhiệm vụ Kế hoạch giao" in t)
    plan = yaml.safe_load((INPUTS / "plan.yaml").read_text(encoding="utf-8"))
    ordered = [t for t in plan["tasks"] if t.get("mode", "giao") == "giao"]
    assert sentence.startswith(f"Trong {len(ordered)} nhiệm vụ")
    counted = sum(int(n) for n in __import__("re").findall(r"(\d+) nhiệm vụ (?:hoàn thành|đang thực hiện|chưa "
                                                         r"thực hiện|chưa có báo cáo)", sentence))
    assert counted == len(ordered)


def test_the_bands_sentence_counts_the_appendix_verdicts(built: Path):
    """`08/40 chỉ tiêu vượt, …` agrees with the verdict column of the appendix, read back from the table."""
    doc = read(_path(built, 2025))
    rows = [r for r in table_rows(doc) if r[0].strip().isdigit()]
    verdicts = [r[7].split(" (")[0].lower() for r in rows if not r[7].startswith("Chưa có số liệu")]
    sentence = next(t for t in body_texts(doc) if t.startswith("Năm 2025, ") and "(chi tiết tại Phụ lục)" in t)
    n = len(verdicts)
    for band in ("vượt", "đạt", "cơ bản đạt", "không đạt"):
        k = verdicts.count(band)
        if k:
            assert f"{k:02d}/{n:02d} " in sentence and (f"{k:02d}/{n:02d} {band}" in sentence
                                                         or f"{k:02d}/{n:02d} chỉ tiêu {band}" in sentence)


def test_the_appendix_has_every_indicator_with_this_and_last_years_figures(built: Path):
    plan = yaml.safe_load((INPUTS / "plan.yaml").read_text(encoding="utf-8"))
    doc = read(_path(built, 2025))
    assert "Phụ lục" in body_texts(doc) and "Phụ lục I" not in body_texts(doc)
    rows = [r for r in table_rows(doc) if r[0].strip().isdigit()]
    assert len(rows) == len(plan["indicators"])
    fig = next(f for f in yaml.safe_load((INPUTS / "submissions" / "2025" / "SNV.yaml").read_text(encoding="utf-8"))
               ["figures"] if f["indicator"] == "A02")
    a02 = next(r for r in rows if r[1].startswith("Tỷ lệ thất nghiệp chung"))
    value = f"{Decimal(str(fig['value'])):.1f}".replace(".", ",")
    assert a02[4].startswith(value)
    assert a02[2] == "dưới 3%"


def test_its_own_tasks_and_proposals_replace_the_consolidated_reports(built: Path):
    texts = body_texts(read(_path(built, 2025)))
    own = _own(2025)
    assert "IV. ĐỀ XUẤT, KIẾN NGHỊ" in texts
    assert any(t.startswith("- " + " ".join(own["proposals"][0].split())[:60]) for t in texts)


@pytest.mark.parametrize("year", [2024, 2025])
def test_passes_the_strict_checker(built: Path, year: int):
    findings = check_docx(_path(built, year))
    assert not findings, [f"{f.rule_id}: {f.message}" for f in findings]


def test_a_rebuild_is_byte_identical(built: Path):
    first = _path(built, 2025).read_bytes()
    assert run(built, "report", "--year", "2025", "--level", "province").exit_code == 0   # its own file: replaced
    assert _path(built, 2025).read_bytes() == first


def test_without_an_addressee_it_says_what_to_write(tmp_path: Path):
    root = copy_project(tmp_path)
    path = root / "inputs" / "secretariat" / "2025.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["province_report"]["kinh_gui"] = []
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert run(root, "report", "--year", "2025", "--level", "province").exit_code == 0   # the plan's upward_to
    assert kinh_gui(read(_path(root, 2025))) == ["Kính gửi: Ban Thường vụ Tỉnh ủy Thanh Hóa."]
    plan = root / "inputs" / "plan.yaml"
    plan.write_text("\n".join(line for line in plan.read_text(encoding="utf-8").splitlines()
                              if not line.strip().startswith("upward_to:")) + "\n", encoding="utf-8")
    result = run(root, "report", "--year", "2025", "--level", "province", "--force")
    assert result.exit_code == 1 and "province_report.kinh_gui" in result.output and "upward_to" in result.output


def test_without_a_secretariat_block_it_is_a_draft_signed_for_the_collective(tmp_path: Path):
    root = copy_project(tmp_path)
    path = root / "inputs" / "secretariat" / "2025.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["province_report"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert run(root, "report", "--year", "2025", "--level", "province").exit_code == 0
    doc = read(_path(root, 2025))
    left, right = page_one(doc)
    assert left[2] == "Số:      /BC-UBND" and right[-1] == "Thanh Hóa, ngày      tháng      năm 2025"
    assert signature_block(doc)[1][0] == "TM. ỦY BAN NHÂN DÂN"


def test_indicator_names_are_quoted_whole(built: Path):
    """A name in running text is the plan's own, never cut with "…" (`… phụ nữ mang… (81%/100%)`)."""
    plan = yaml.safe_load((INPUTS / "plan.yaml").read_text(encoding="utf-8"))
    names = [" ".join(i["name"].split()) for i in plan["indicators"]]
    doc = read(built / "outputs" / "2025" / "BC-UBND-tinh-2025.docx")
    texts = body_texts(doc)
    assert not [t for t in texts if "…" in t.replace("ngày …", "")]
    lagging = [t for t in texts if "không đạt: " in t]
    assert lagging, "the bundled 2025 data has an indicator not met"
    for t in lagging:
        quoted = t.split("không đạt: ", 1)[1]
        assert any(quoted.startswith(n + " (") for n in names), quoted
