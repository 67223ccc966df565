"""The bundled sample submissions read as a real year would: each body within its own functions,
figures that keep their size from 2024 to 2025, documents dated when they could have been issued.

Read with PyYAML straight from `inputs/` (the samples are made by `tools/make_samples.py`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from reportgen.load import load_project
from reportgen.model.routing import responsible_bodies

ROOT = Path(__file__).resolve().parents[1]
INPUTS = ROOT / "inputs"
YEARS = (2024, 2025)
MAX_YEARLY_CHANGE = Decimal("0.35")       # a province-wide total moves by less than this share in a year


def load_yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def samples() -> dict[int, list[dict]]:
    return {y: [load_yaml(p) for p in sorted((INPUTS / "submissions" / str(y)).glob("*.yaml"))] for y in YEARS}


@pytest.fixture(scope="module")
def project():
    return load_project(ROOT, year=0)


def entries(samples, year: int, task: str):
    for sub in samples[year]:
        for entry in sub["tasks"]:
            if entry["task"] == task:
                yield sub["agency"], entry


def test_only_the_body_in_charge_of_nguoi_co_cong_pays_their_allowances(samples, project):
    plan, registry = project.plan, project.registry
    for year in YEARS:
        payers = {code for code, e in entries(samples, year, "III.3.1") if "ncc-tro-cap" in (e.get("metrics") or {})}
        in_charge = set(responsible_bodies(plan, registry, plan.task("III.3.2"), year))
        assert payers and payers <= in_charge, (year, payers)
        for code, e in entries(samples, year, "III.3.1"):
            if code == "SNGV":
                assert "ncc-tro-cap" not in (e.get("metrics") or {})
                assert not any("trợ cấp" in r for r in e["results"])


def test_the_task_on_martyrs_remains_is_answered_with_remains(samples):
    for year in YEARS:
        [(code, entry)] = list(entries(samples, year, "III.3.3"))
        assert set(entry["metrics"]) == {"hai-cot-quy-tap", "hai-cot-danh-tinh"}
        assert all("trợ cấp" not in r and "chi trả" not in r.lower() for r in entry["results"])
        assert any("hài cốt" in r for r in entry["results"])


def test_a_split_task_gives_each_successor_its_own_figures(samples):
    by_body = {code: set(e.get("metrics") or {}) for code, e in entries(samples, 2025, "III.5.1")}
    assert by_body["SNV"] == {"bhxh-tu-nguyen"}
    assert by_body["SYT"] == {"doi-tuong-btxh", "kinh-phi-tro-giup"}
    assert by_body["SNNMT"] == {"ho-thoat-ngheo"}


def test_every_figure_written_in_a_result_is_the_bodys_own(samples):
    for year in YEARS:
        for sub in samples[year]:
            for entry in sub["tasks"]:
                for value in (entry.get("metrics") or {}).values():
                    assert Decimal(str(value)) >= 0
                    shown = f"{int(value):,}".replace(",", ".")
                    if entry["results"] and sub["agency"].startswith(("S", "C", "B", "T", "V")):
                        assert shown in entry["results"][0], (sub["agency"], entry["task"])


def test_province_wide_totals_keep_their_size_from_2024_to_2025(samples, project):
    checked = 0
    for task in project.plan.tasks:
        for metric in project.plan.task_metrics(task):
            totals = [sum(Decimal(str(e["metrics"][metric.key])) for _, e in entries(samples, y, task.code)
                          if metric.key in (e.get("metrics") or {})) for y in YEARS]
            if not all(totals):
                continue
            change = abs(totals[1] - totals[0]) / totals[0]
            assert change < MAX_YEARLY_CHANGE, (task.code, metric.key, totals)
            checked += 1
    assert checked > 40


def test_documents_are_dated_after_the_plan_and_the_body_and_before_the_report(samples, project):
    plan, registry = project.plan, project.registry
    for year in YEARS:
        for sub in samples[year]:
            agency = registry[sub["agency"]]
            report_date = sub["report"]["date"]
            numbers = []
            for entry in sub["tasks"]:
                for d in entry.get("documents", []):
                    day = d["date"] if isinstance(d["date"], dt.date) else dt.date.fromisoformat(d["date"])
                    assert plan.date < day < report_date, (sub["agency"], d)
                    assert agency.valid_from is None or day >= agency.valid_from, (sub["agency"], d)
                    numbers.append(d["number"])
            assert len(numbers) == len(set(numbers)), sub["agency"]


def test_the_2025_communes_issue_their_plans_after_1_july(samples, project):
    registry = project.registry
    communes = [s for s in samples[2025] if registry[s["agency"]].kind == "ubnd-xa"]
    assert len(communes) > 100
    for sub in communes:
        for entry in sub["tasks"]:
            for d in entry.get("documents", []):
                assert d["date"] >= dt.date(2025, 7, 1), sub["agency"]
