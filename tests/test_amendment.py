"""Plan revisions as data: `plan_as_of`, the loader applying it per year, `validate`, and citations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from cycle_helpers import body_texts, read, run

from reportgen.load import load_project
from reportgen.model.amendment import Amendment, amendments_of, overlaps, plan_as_of

SAMPLE = Path(__file__).resolve().parents[1] / "reportgen" / "bundled" / "inputs" / "amendments" / "KH-187-2025.yaml"


def _amendment(**changes) -> Amendment:
    data = {"number": 12, "issuer": "UBND_TINH", "date": "2025-06-01", "title": "Điều chỉnh",
            "indicators": [{"indicator": "A02", "target": "2,8", "target_text": "dưới 2,8%"}]}
    data.update(changes)
    return Amendment.model_validate(data)


@pytest.fixture(scope="module")
def base_plan():
    return load_project(Path(__file__).resolve().parents[1] / "reportgen" / "bundled").base_plan


def test_the_bundled_sample_is_marked_as_a_sample():
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    assert data["sample"] is True
    assert "DỮ LIỆU MẪU" in SAMPLE.read_text(encoding="utf-8")


def test_plan_as_of_changes_only_what_the_amendment_writes(base_plan):
    amended = plan_as_of(base_plan, [_amendment()], date(2025, 12, 10))
    a02 = amended.indicator("A02")
    assert a02.target == Decimal("2.8") and a02.target_text == "dưới 2,8%"
    assert a02.comparator == base_plan.indicator("A02").comparator and a02.name == base_plan.indicator("A02").name
    assert amended.indicator("A03") == base_plan.indicator("A03")
    assert [a.number for a in amendments_of(amended)] == [12]
    assert base_plan.indicator("A02").target == Decimal(3)          # the plan itself is never modified


@pytest.mark.parametrize("effective, day, applies", [
    ("2025-12-10", date(2025, 12, 10), True),      # in force on the deadline itself
    ("2025-12-11", date(2025, 12, 10), False),     # one day later: not yet
])
def test_an_amendment_applies_from_its_effective_day(base_plan, effective, day, applies):
    amended = plan_as_of(base_plan, [_amendment(date="2025-06-01", effective=effective)], day)
    assert (amended.indicator("A02").target == Decimal("2.8")) is applies
    assert (amended is base_plan) is not applies


def test_a_later_amendment_wins_and_reassignments_keep_the_text(base_plan):
    first = _amendment(number=5, date="2025-03-01", tasks=[{"task": "III.6.4", "lead": ["SVHTTDL"]}])
    second = _amendment(number=9, date="2025-08-01", indicators=[{"indicator": "A02", "target": 2}],
                        tasks=[{"task": "III.6.4", "lead": ["SKHCN"]}])
    amended = plan_as_of(base_plan, [second, first], date(2025, 12, 10))
    task = amended.task("III.6.4")
    assert task.lead == ["SKHCN"] and task.content == base_plan.task("III.6.4").content
    assert amended.indicator("A02").target == Decimal(2)
    assert [a.number for a in amendments_of(amended)] == [5, 9]


def test_overlaps_are_the_same_item_on_the_same_day():
    a = _amendment(number=1, date="2025-06-01")
    b = _amendment(number=2, date="2025-06-01")
    c = _amendment(number=3, date="2025-06-02")
    assert overlaps([("a.yaml", a), ("b.yaml", b)]) == [("b.yaml", "a.yaml", "indicator:A02", date(2025, 6, 1))]
    assert overlaps([("a.yaml", a), ("c.yaml", c)]) == []


def test_the_loader_applies_the_plan_as_amended_at_each_years_deadline():
    root = Path(__file__).resolve().parents[1] / "reportgen" / "bundled"
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    target = Decimal(str(data["indicators"][0]["target"]))
    code = data["indicators"][0]["indicator"]
    p2024, p2025 = load_project(root, year=2024), load_project(root, year=2025)
    assert p2024.plan.indicator(code).target != target and not amendments_of(p2024.plan)
    assert p2025.plan.indicator(code).target == target
    assert amendments_of(p2025.plan)[0].number == data["number"]
    assert p2025.plan.reporting.focal == data["reporting"]["focal"]


def _write(root: Path, name: str, data: dict) -> None:
    folder = root / "inputs" / "amendments"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


BASE = {"number": 40, "issuer": "UBND_TINH", "date": "2026-02-02", "title": "Điều chỉnh một số nội dung"}


@pytest.mark.parametrize("change, message", [
    ({"indicators": [{"indicator": "Z99", "target": 1}]}, "mã chỉ tiêu «Z99» không có trong kế hoạch"),
    ({"tasks": [{"task": "III.99", "lead": ["SYT"]}]}, "mã nhiệm vụ «III.99» không có trong kế hoạch"),
    ({"tasks": [{"task": "III.6.4", "lead": ["SO_MA"]}]}, "mã cơ quan «SO_MA» không có trong danh mục"),
    ({"tasks": [{"task": "III.6.4", "lead": ["@khong-co"]}]}, "nhóm «@khong-co» không có trong groups"),
    ({"indicators": [{"indicator": "A02", "target": 150}]}, "nằm ngoài khoảng 0–100"),
    ({"effective": "2031-01-01"}, "nằm ngoài thời gian của kế hoạch"),
    ({"effective": "2026-02-01"}, "ngày hiệu lực (effective) trước ngày ký (date)"),
])
def test_validate_rejects_a_bad_amendment(project_dir: Path, change, message):
    _write(project_dir, "bad.yaml", {**BASE, "indicators": [{"indicator": "A01", "target": 100}], **change})
    result = run(project_dir, "validate")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "amendments/bad.yaml" in line]
    assert any(message in line for line in lines), result.output[-2000:]


def test_validate_rejects_two_amendments_of_one_item_on_one_day(project_dir: Path):
    _write(project_dir, "a.yaml", {**BASE, "indicators": [{"indicator": "A02", "target": 2}]})
    _write(project_dir, "b.yaml", {**BASE, "number": 41, "indicators": [{"indicator": "A02", "target": 2}]})
    result = run(project_dir, "validate")
    assert result.exit_code == 1
    assert "chỉ tiêu A02 được điều chỉnh ở cả inputs/amendments/a.yaml với cùng ngày hiệu lực 02/02/2026" \
        in result.output


def test_two_amendments_of_one_item_on_different_days_are_fine(project_dir: Path):
    _write(project_dir, "a.yaml", {**BASE, "indicators": [{"indicator": "A02", "target": 2}]})
    _write(project_dir, "b.yaml", {**BASE, "number": 41, "date": "2026-02-03",
                                   "indicators": [{"indicator": "A02", "target": "2,5"}]})
    result = run(project_dir, "validate")
    assert result.exit_code == 0, result.output[-2000:]
    plan = load_project(project_dir, year=2026).plan
    assert plan.indicator("A02").target == Decimal("2.5")


def test_documents_of_a_revised_year_cite_the_amendment(project_dir: Path):
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    cited = f"được điều chỉnh tại Kế hoạch số {data['number']}/KH-UBND ngày 15/7/2025"
    assert run(project_dir, "build", "--year", "2025").exit_code == 0
    assert run(project_dir, "build", "--year", "2024").exit_code == 0
    for path in ("2025/bao-cao/BC-SYT-2025.docx", "2025/ke-hoach/KH-SYT-2025.docx", "2025/BC-tong-hop-2025.docx"):
        assert any(cited in t for t in body_texts(read(project_dir / "outputs" / path))), path
    for path in ("2024/bao-cao/BC-SYT-2024.docx", "2024/BC-tong-hop-2024.docx"):
        assert not any("được điều chỉnh tại" in t for t in body_texts(read(project_dir / "outputs" / path))), path
