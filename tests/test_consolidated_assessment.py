"""The verdict bands of Phụ lục I for values just inside and just outside every limit.

Defaults (`plan.verdict_bands`): a target met is `vượt` above 100% of it, `đạt` at it; a
target not met is `cơ bản đạt` from 90% of it, `không đạt` below. `=` and `≈` cannot be
exceeded; lower-is-better achieves target / value.
"""

from __future__ import annotations

import io

import docx
import fixtures_consolidation as fx
import pytest

from reportgen.compute import consolidate
from reportgen.documents.consolidated import consolidated_context, render_consolidated
from reportgen.render import Renderer

# comparator, target, tolerance, [(value, expected verdict)]
CASES = [
    ("<", "3", None, [("2,99", "Vượt"), ("3", "Cơ bản đạt"), ("3,33", "Cơ bản đạt"), ("3,34", "Không đạt")]),
    ("≤", "10", None, [("9,99", "Vượt"), ("10", "Đạt"), ("11,11", "Cơ bản đạt"), ("11,12", "Không đạt")]),
    ("≥", "80", None, [("80,01", "Vượt"), ("80", "Đạt"), ("72", "Cơ bản đạt"), ("71,99", "Không đạt")]),
    (">", "45", None, [("45,01", "Vượt"), ("45", "Cơ bản đạt"), ("40,5", "Cơ bản đạt"), ("40,49", "Không đạt")]),
    ("=", "100", None, [("100,01", "Cơ bản đạt"), ("100", "Đạt"), ("90", "Cơ bản đạt"), ("89,99", "Không đạt")]),
    ("≈", "75", "0.5", [("74,49", "Cơ bản đạt"), ("74,5", "Đạt"), ("75,5", "Đạt"), ("75,51", "Cơ bản đạt")]),
    ("≈", "33", None, [("32,66", "Cơ bản đạt"), ("32,67", "Đạt"), ("33,33", "Đạt"), ("33,34", "Cơ bản đạt")]),
]


def _plan_and_figures(bands=None):
    data = fx.plan_data()
    indicators, figures, expected = [], [], {}
    for i, (cmp_, target, tol, values) in enumerate(CASES):
        for j, (value, verdict) in enumerate(values):
            code = f"T{i}{j}"
            ind = {"code": code, "group": "a", "name": f"Chỉ tiêu {code}", "unit": {"33": "m²", "100": "điểm"}.get(target, "%"),
                   "comparator": cmp_, "target": target, "supplier": "SYT"}
            if tol:
                ind["tolerance"] = tol
            indicators.append(ind)
            figures.append({"indicator": code, "value": value})
            expected[f"Chỉ tiêu {code}"] = (value, verdict)
    indicators.append({"code": "Q1", "group": "b", "name": "Định tính đạt", "unit": "",
                       "qualitative_target": "hoàn thành", "supplier": "SYT"})
    indicators.append({"code": "Q2", "group": "b", "name": "Định tính chưa đạt", "unit": "",
                       "qualitative_target": "hoàn thành", "supplier": "SYT"})
    indicators.append({"code": "Q3", "group": "b", "name": "Định tính không số liệu", "unit": "",
                       "qualitative_target": "hoàn thành", "supplier": "SYT"})
    figures += [{"indicator": "Q1", "achieved": True}, {"indicator": "Q2", "achieved": False}]
    expected.update({"Định tính đạt": ("Đạt", "Đạt"), "Định tính chưa đạt": ("Chưa đạt", "Không đạt"),
                     "Định tính không số liệu": ("-", "Chưa có số liệu")})
    data["indicators"] = indicators
    data["tasks"] = [t for t in data["tasks"] if t["code"] == "III.3.1"]
    if bands:
        data["verdict_bands"] = bands
    from reportgen.model import Plan

    return Plan.model_validate(data), figures, expected


def _rows(plan, figures):
    subs = {2024: [fx.submission("SYT", 2024, figures=figures)]}
    result = consolidate(plan, fx.registry(), subs, 2024)
    document = docx.Document(io.BytesIO(render_consolidated(
        Renderer(), consolidated_context(plan, fx.registry(), result, charts=False))))
    [table] = [t for t in document.tables if t.rows[0].cells[-1].text == "Đơn vị báo cáo"]
    rows = {r.cells[1].text.split(" (")[0]: [c.text for c in r.cells] for r in table.rows if r.cells[0].text.isdigit()}
    notes = [p.text for p in document.paragraphs if p.text.startswith("(")]
    return rows, notes, document


@pytest.fixture(scope="module")
def table():
    plan, figures, expected = _plan_and_figures()
    rows, notes, _ = _rows(plan, figures)
    return rows, notes, expected


def test_each_value_in_its_band(table):
    rows, _, expected = table
    assert set(rows) == set(expected)
    for name, (value, verdict) in expected.items():
        assert rows[name][4].split("(")[0] == value, name       # a note mark may follow
        assert rows[name][7].split(" (")[0] == verdict, (name, rows[name])


def test_share_achieved_printed_for_at_least_targets_only(table):
    rows, _, _ = table
    assert rows["Chỉ tiêu T22"][7] == "Cơ bản đạt (90,0%)"       # ≥ 80, value 72
    assert rows["Chỉ tiêu T41"][7] == "Đạt (100,0%)"             # = 100
    assert rows["Chỉ tiêu T01"][7] == "Cơ bản đạt"               # < 3: no share printed


def test_missing_tolerance_is_a_numbered_note(table):
    rows, notes, _ = table
    mark = rows["Chỉ tiêu T60"][4]
    assert mark.startswith("32,66(")
    number = mark.split("(")[1].rstrip(")")
    assert any(n.startswith(f"({number}) ") and "1% mục tiêu (±0,33)" in n for n in notes), notes
    assert "(" not in rows["Chỉ tiêu T50"][4]


def test_thresholds_come_from_the_plan():
    plan, figures, _ = _plan_and_figures({"exceeded_above": 101, "nearly_met_from": "95"})
    rows, _, _ = _rows(plan, figures)
    assert rows["Chỉ tiêu T20"][7].startswith("Đạt")         # 80,01 of 80: not above 101%
    assert rows["Chỉ tiêu T22"][7].startswith("Không đạt")   # 72 of 80 = 90%: below 95%
    assert rows["Chỉ tiêu T00"][7].startswith("Đạt")         # < 3 at 2,99 achieves 3 / 2,99 = 100,3%
    assert rows["Chỉ tiêu T02"][7].startswith("Không đạt")   # 3 / 3,33 = 90,1%: below 95%


@pytest.mark.parametrize("bands", [{"exceeded_above": 99}, {"nearly_met_from": 100}, {"nearly_met_from": 0}])
def test_thresholds_out_of_order_are_refused(bands):
    with pytest.raises(ValueError, match="nearly_met_from"):
        _plan_and_figures(bands)
