"""Đánh giá in the report for values just below, at and just above every kind of target."""

from __future__ import annotations

import io

import docx
import fixtures_consolidation as fx
import pytest

from reportgen.compute import consolidate
from reportgen.documents.consolidated import consolidated_context, render_consolidated
from reportgen.render import Renderer

# comparator, target, tolerance, (value, expected) for below / at / above
CASES = [
    ("<", "3", None, [("2,99", "Đã đạt"), ("3", "Chưa đạt"), ("3,01", "Chưa đạt")]),
    ("≤", "10", None, [("9,99", "Đã đạt"), ("10", "Đã đạt"), ("10,01", "Chưa đạt")]),
    ("≥", "80", None, [("79,99", "Chưa đạt"), ("80", "Đã đạt"), ("80,01", "Đã đạt")]),
    (">", "45", None, [("44,99", "Chưa đạt"), ("45", "Chưa đạt"), ("45,01", "Đã đạt")]),
    ("=", "100", None, [("99,99", "Chưa đạt"), ("100", "Đã đạt"), ("100,01", "Chưa đạt")]),
    ("≈", "75", "0.5", [("74,49", "Chưa đạt"), ("74,5", "Đã đạt"), ("75,51", "Chưa đạt")]),
    ("≈", "33", None, [("32,66", "Chưa đạt"), ("32,67", "Đã đạt"), ("33,34", "Chưa đạt")]),
]


def _plan_and_figures():
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
    expected.update({"Định tính đạt": ("Đạt", "Đã đạt"), "Định tính chưa đạt": ("Chưa đạt", "Chưa đạt"),
                     "Định tính không số liệu": ("-", "Không có số liệu")})
    data["indicators"] = indicators
    data["tasks"] = [t for t in data["tasks"] if t["code"] == "III.3.1"]
    from reportgen.model import Plan

    return Plan.model_validate(data), figures, expected


@pytest.fixture(scope="module")
def table_rows():
    plan, figures, expected = _plan_and_figures()
    subs = {2024: [fx.submission("SYT", 2024, figures=figures)]}
    result = consolidate(plan, fx.registry(), subs, 2024)
    document = docx.Document(io.BytesIO(render_consolidated(
        Renderer(), consolidated_context(plan, fx.registry(), result, charts=False))))
    [table] = [t for t in document.tables if t.rows[0].cells[-1].text == "Đơn vị báo cáo"]
    rows = {r.cells[1].text: [c.text for c in r.cells] for r in table.rows if r.cells[0].text.isdigit()}
    return rows, expected


def test_each_value_assessed_as_decided(table_rows):
    rows, expected = table_rows
    assert set(rows) == set(expected)
    for name, (value, verdict) in expected.items():
        assert rows[name][5] == value, name
        assert rows[name][6].split("\n")[0] == verdict, (name, rows[name])


def test_missing_tolerance_is_explained_in_the_cell(table_rows):
    rows, _ = table_rows
    assert "1% mục tiêu (±0,33)" in rows["Chỉ tiêu T60"][6]
    assert "1% mục tiêu" not in rows["Chỉ tiêu T50"][6]
