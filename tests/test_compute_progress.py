"""Indicator progress: values chosen, previous year, assessment, override, trajectory, conflicts."""

from __future__ import annotations

from decimal import Decimal as D

import fixtures_consolidation as fx
import pytest

from reportgen.compute import MET, NO_BASELINE, NO_DATA, NOT_MET, ON_TRACK, consolidate
from reportgen.compute.assessment import BEHIND


@pytest.fixture(scope="module")
def result():
    return consolidate(fx.plan(), fx.registry(), fx.submissions_2024(), 2024, secretariat=fx.secretariat_2024())


def row(result, code):
    rows = result.progress[result.progress["code"] == code]
    assert len(rows) == 1
    return rows.iloc[0]


def test_every_indicator_once_in_plan_order(result):
    assert result.progress["code"].tolist() == [i.code for i in fx.plan().indicators]


def test_values_stay_decimal(result):
    r = row(result, "A01")
    assert isinstance(r["value"], D) and r["value"] == D("2.9")
    assert isinstance(r["previous"], D) and r["previous"] == D("3.2")
    assert r["estimate"]


def test_supplier_is_preferred_and_conflict_names_both_bodies(result):
    r = row(result, "A01")
    assert r["body"] == "SLDTBXH"
    assert set(r["reporters"]) == {"SLDTBXH", "SYT"}
    [warning] = [w for w in result.warnings if "A01" in w.message]
    assert warning.severity == "warning"
    assert "Sở LĐ-TB&XH: 2,9%" in warning.message and "Sở Y tế: 3,1%" in warning.message


def test_no_figure_is_no_data(result):
    for code in ("B02", "B03"):
        r = row(result, code)
        assert r["assessment"] == NO_DATA and r["value"] is None and r["body"] is None


def test_qualitative_from_achieved(result):
    r = row(result, "B04")
    assert r["assessment"] == MET and r["trajectory"] is None


def test_override_replaces_the_assessment_and_keeps_the_reason():
    sec = fx.secretariat_2024(overrides=[{"indicator": "A01", "assessment": "chưa đạt",
                                          "reason": "số liệu chưa được thống kê xác nhận"}])
    c = consolidate(fx.plan(), fx.registry(), fx.submissions_2024(), 2024, secretariat=sec)
    r = row(c, "A01")
    assert r["computed"] == MET
    assert r["assessment"] == NOT_MET
    assert r["override_reason"] == "số liệu chưa được thống kê xác nhận"


def test_plan_baseline_drives_the_trajectory(result):
    r = row(result, "A02")       # ≤ 10, baseline 14 in 2023: expected 2024 = 14 - 4/7
    assert r["base_year"] == 2023 and r["base_value"] == D(14) and r["base_body"] is None
    assert r["expected"] == D(14) + (D(10) - D(14)) * (D(1) / D(7))
    assert r["trajectory"] == ON_TRACK    # 12 is below the expected 13,43
    assert r["base_note"] == "gốc: năm 2023 theo Báo cáo 2023 của tỉnh"


def test_reported_previous_year_serves_as_baseline_and_says_so(result):
    r = row(result, "A03")       # ≥ 80, 2023 value 65 from the focal body: expected 2024 = 65 + 15/7 ≈ 67,14
    assert r["base_year"] == 2023 and r["base_body"] == "SLDTBXH"
    assert r["trajectory"] == ON_TRACK   # 70
    assert r["base_note"] == "gốc: năm 2023 do Sở LĐ-TB&XH báo cáo"


def test_behind_schedule():
    subs = fx.submissions_2024()
    subs[2024][0].figures[2].value = D(66)      # A03 at 66 < 67,14
    c = consolidate(fx.plan(), fx.registry(), subs, 2024)
    assert row(c, "A03")["trajectory"] == BEHIND


def test_no_baseline_is_said_not_guessed(result):
    r = row(result, "A04")       # no previous, no plan baseline, not met
    assert r["assessment"] == NOT_MET
    assert r["trajectory"] == NO_BASELINE and r["expected"] is None


def test_met_target_without_baseline_is_on_track(result):
    assert row(result, "A05")["trajectory"] == ON_TRACK


def test_approx_tolerance_fallback_is_noted():
    subs = fx.submissions_2024()
    subs[2024].append(fx.submission("SXD", 2024, figures=[{"indicator": "B02", "value": "33,2"}]))
    c = consolidate(fx.plan(), fx.registry(), subs, 2024)
    r = row(c, "B02")
    assert r["assessment"] == MET
    assert any("1% mục tiêu" in n for n in r["notes"])


def test_previous_year_from_last_years_report_when_this_year_gives_none():
    subs = {2024: [fx.submission("SXD", 2024, figures=[{"indicator": "B03", "value": 2216}])],
            2025: [fx.submission("SXD", 2025, figures=[{"indicator": "B03", "value": 6034}])]}
    c = consolidate(fx.plan(), fx.registry(), subs, 2025)
    r = row(c, "B03")
    assert r["value"] == D(6034) and r["previous"] == D(2216) and r["previous_body"] == "SXD"
    assert r["base_year"] == 2024


def test_this_years_report_revises_last_years_figure():
    """Last year's figure as this year's report gives it (a revision) wins over last year's own report."""
    subs = {2024: [fx.submission("SXD", 2024, figures=[{"indicator": "B03", "value": 2216}])],
            2025: [fx.submission("SXD", 2025, figures=[{"indicator": "B03", "value": 6034, "previous": 2300}])]}
    r = row(consolidate(fx.plan(), fx.registry(), subs, 2025), "B03")
    assert r["previous"] == D(2300)


def test_counts_add_up(result):
    counts = result.counts()
    assert counts["met"] + counts["not_met"] + counts["no_data"] == counts["total"] == 9
    assert counts == {"met": 4, "not_met": 3, "no_data": 2, "total": 9}


def test_unknown_codes_in_the_secretariats_file_are_warnings():
    sec = fx.secretariat_2024(overrides=[{"indicator": "Z01", "assessment": "đã đạt", "reason": "x"}],
                              sections=[{"section": "III.9", "quote_indicators": ["Z02"]}])
    c = consolidate(fx.plan(), fx.registry(), fx.submissions_2024(), 2024, secretariat=sec)
    messages = [(w.place, w.severity) for w in c.warnings if w.file == "inputs/secretariat/2024.yaml"]
    assert messages == [("overrides[0].indicator", "warning"), ("sections[0].section", "warning"),
                        ("sections[0].quote_indicators[0]", "warning")]


def test_the_note_on_the_figure_used_is_kept_with_its_body():
    subs = fx.submissions_2024()
    subs[2024][0].figures[0].note = "Ước thực hiện đến 31/12/2024."       # SLDTBXH's A01 (used)
    subs[2024][1].figures[2].note = "Số của bệnh viện."                   # SYT's differing A01 (not used)
    subs[2024].append(fx.submission("SXD", 2024, figures=[{"indicator": "B03", "note": "Chưa có số liệu thống kê."}]))
    c = consolidate(fx.plan(), fx.registry(), subs, 2024)
    a01 = row(c, "A01")
    assert (a01["figure_note"], a01["figure_note_body"]) == ("Ước thực hiện đến 31/12/2024.", "SLDTBXH")
    assert "Ước thực hiện đến 31/12/2024." not in a01["notes"]           # kept apart from the computed notes
    b03 = row(c, "B03")                                                  # no figure: the note-only entry
    assert b03["assessment"] == NO_DATA and b03["body"] is None
    assert (b03["figure_note"], b03["figure_note_body"]) == ("Chưa có số liệu thống kê.", "SXD")
    assert row(c, "A02")["figure_note"] is None and row(c, "A02")["figure_note_body"] is None
