"""Assessment of a figure against each kind of target: just above, at and just below."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from reportgen.compute.assessment import (
    MET,
    NO_DATA,
    NOT_MET,
    assess_qualitative,
    assess_quantitative,
    expected_value,
    on_track,
    share_of_target,
)

EPS = D("0.01")


@pytest.mark.parametrize("comparator, target, below, at, above", [
    ("<", D(3), MET, NOT_MET, NOT_MET),
    ("≤", D(10), MET, MET, NOT_MET),
    ("≥", D(80), NOT_MET, MET, MET),
    (">", D(45), NOT_MET, NOT_MET, MET),
    ("=", D(100), NOT_MET, MET, NOT_MET),
])
def test_strict_and_loose_comparators(comparator, target, below, at, above):
    assert assess_quantitative(comparator, target, target - EPS).assessment == below
    assert assess_quantitative(comparator, target, target).assessment == at
    assert assess_quantitative(comparator, target, target + EPS).assessment == above


def test_equal_100_is_met_only_at_exactly_100():
    assert assess_quantitative("=", D(100), D("99.99")).assessment == NOT_MET
    assert assess_quantitative("=", D(100), D("100.0")).assessment == MET


def test_approximately_uses_the_tolerance_at_both_edges():
    tol = D("0.5")
    for value, expected in [(D("74.49"), NOT_MET), (D("74.5"), MET), (D(75), MET), (D("75.5"), MET),
                            (D("75.51"), NOT_MET)]:
        verdict = assess_quantitative("≈", D(75), value, tol)
        assert verdict.assessment == expected, value
        assert verdict.note is None


def test_approximately_without_tolerance_falls_back_to_one_percent_and_says_so():
    # 1% of 33 = 0,33
    assert assess_quantitative("≈", D(33), D("33.33")).assessment == MET
    verdict = assess_quantitative("≈", D(33), D("33.34"))
    assert verdict.assessment == NOT_MET
    assert "1% mục tiêu" in verdict.note and "±0,33" in verdict.note


def test_no_value_is_no_data_for_every_comparator():
    for comparator in ("<", "≤", "≥", ">", "=", "≈"):
        assert assess_quantitative(comparator, D(5), None, D(1)).assessment == NO_DATA


def test_qualitative():
    assert assess_qualitative(True).assessment == MET
    assert assess_qualitative(False).assessment == NOT_MET
    assert assess_qualitative(None).assessment == NO_DATA


def test_expected_value_is_linear_between_baseline_and_target():
    assert expected_value(2023, D(14), D(10), 2030, 2023) == D(14)
    assert expected_value(2023, D(14), D(7), 2030, 2024) == D(13)
    assert expected_value(2023, D(14), D(10), 2030, 2030) == D(10)
    assert expected_value(2030, D(14), D(10), 2030, 2024) is None


@pytest.mark.parametrize("comparator, value, expected_value_, good", [
    ("<", D("12.9"), D(13), True), ("<", D(13), D(13), True), ("<", D("13.1"), D(13), False),
    ("≥", D("67.1"), D(67), True), ("≥", D(67), D(67), True), ("≥", D("66.9"), D(67), False),
])
def test_on_track_follows_the_comparators_direction(comparator, value, expected_value_, good):
    assert on_track(comparator, value, expected_value_, D(0), D(100)) is good


def test_on_track_for_equal_moves_toward_the_target():
    assert on_track("=", D(96), D(95), D(90), D(100))
    assert not on_track("=", D(94), D(95), D(90), D(100))
    assert on_track("≈", D(34), D(35), D(40), D(33))     # coming down toward 33
    assert not on_track("≈", D(36), D(35), D(40), D(33))


def test_share_of_target():
    assert share_of_target("≥", D(80), D(40)) == pytest.approx(50.0)
    assert share_of_target("<", D(3), D(6)) == pytest.approx(50.0)
    assert share_of_target("≈", D(75), D(75)) == pytest.approx(100.0)
    assert share_of_target("≥", D(80), None) is None
