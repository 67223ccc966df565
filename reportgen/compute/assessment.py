"""Is a figure on target, and is it on the straight path to the target? Pure functions.

Semantics (decided with the plan's owners):
- `<`, `≤`, `≥`, `>`, `=` compare the value with the target literally (`= 100` is met
  only at exactly 100);
- `≈` is met within the indicator's tolerance; when the plan gives none, 1% of the
  target is used and the report says so;
- a qualitative target is met when the supplying body says `achieved: true`;
- no figure gives `không có số liệu`.
Trajectory: the value expected in year Y lies on the straight line from the baseline
(year, value) to the target in the plan's target year; a value at least as good as that,
in the comparator's direction, is on track. No baseline, no verdict.

Verdict bands (how reports count targets: "13/26 vượt, 10/26 đạt, 03/26 không đạt"): a
figure is compared with a reference (the year's own target, or the path or the period
target, see `compute.progress`). Met by the comparator's rule: `vượt` when its achievement
ratio is above the plan's `exceeded_above` (default 100%), else `đạt`; not met: `cơ bản
đạt` from `nearly_met_from` (default 90%), else `không đạt`. `=` and `≈` targets cannot be
exceeded. The achievement ratio is value / reference for higher-is-better, reference /
value for lower-is-better, and 100 minus the relative distance for `=` and `≈`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

MET = "đã đạt"
NOT_MET = "chưa đạt"
NO_DATA = "không có số liệu"
ASSESSMENTS = (MET, NOT_MET, NO_DATA)

ON_TRACK = "đúng tiến độ"
BEHIND = "chậm tiến độ"
NO_BASELINE = "chưa xác định (không có số liệu gốc)"

EXCEEDED = "vượt"
MET_BAND = "đạt"
NEARLY_MET = "cơ bản đạt"
NOT_MET_BAND = "không đạt"
BANDS = (EXCEEDED, MET_BAND, NEARLY_MET, NOT_MET_BAND)

DEFAULT_TOLERANCE_SHARE = Decimal("0.01")
LOWER_IS_BETTER = ("<", "≤")
HIGHER_IS_BETTER = ("≥", ">")


@dataclass(frozen=True)
class Verdict:
    """An assessment and the note that explains how it was reached (None when obvious)."""

    assessment: str
    note: str | None = None


def assess_quantitative(comparator: str, target: Decimal, value: Decimal | None,
                        tolerance: Decimal | None = None) -> Verdict:
    """Met / not met / no data for a figure against a numeric target."""
    if value is None:
        return Verdict(NO_DATA)
    note = None
    if comparator == "≈":
        tol, note = effective_tolerance(target, tolerance)
        met = abs(value - target) <= tol
    else:
        met = _compare(comparator, value, target)
    return Verdict(MET if met else NOT_MET, note)


def assess_qualitative(achieved: bool | None) -> Verdict:
    """Met / not met / no data from the supplying body's own yes or no."""
    if achieved is None:
        return Verdict(NO_DATA)
    return Verdict(MET if achieved else NOT_MET)


def effective_tolerance(target: Decimal, tolerance: Decimal | None) -> tuple[Decimal, str | None]:
    """The tolerance of a `≈` target, and a note when it had to be assumed (1% of the target)."""
    if tolerance is not None:
        return tolerance, None
    tol = abs(target) * DEFAULT_TOLERANCE_SHARE
    from ..vn import format_number

    return tol, f"kế hoạch không ghi sai số cho phép; lấy bằng 1% mục tiêu (±{format_number(tol)})"


def expected_value(base_year: int, base_value: Decimal, target: Decimal, target_year: int,
                   year: int) -> Decimal | None:
    """The value on the straight line from the baseline to the target, in `year`."""
    if target_year <= base_year:
        return None
    share = Decimal(year - base_year) / Decimal(target_year - base_year)
    return base_value + (target - base_value) * share


def on_track(comparator: str, value: Decimal, expected: Decimal, base_value: Decimal,
             target: Decimal) -> bool:
    """True when `value` is at least as good as `expected` in the comparator's direction.

    For `=` and `≈` the direction is toward the target from the baseline.
    """
    if comparator in LOWER_IS_BETTER:
        return value <= expected
    if comparator in HIGHER_IS_BETTER:
        return value >= expected
    if target >= base_value:
        return value >= expected
    return value <= expected


def share_of_target(comparator: str, target: Decimal, value: Decimal | None) -> float | None:
    """How far the value has come toward the target, in % of it (for charts; may exceed 100).

    Higher-is-better and `=`: value / target; lower-is-better: target / value;
    `≈`: 100 minus the relative distance to the target.
    """
    if value is None:
        return None
    v, t = float(value), float(target)
    if comparator in LOWER_IS_BETTER:
        return None if v <= 0 else 100.0 * t / v
    if t == 0:
        return None
    if comparator == "≈":
        return max(0.0, 100.0 * (1.0 - abs(v - t) / abs(t)))
    return 100.0 * v / t


def achievement_ratio(comparator: str, reference: Decimal, value: Decimal) -> Decimal | None:
    """How much of the reference the value achieves, in %, in the direction of better (None: undefined)."""
    if comparator in LOWER_IS_BETTER:
        if value <= 0:
            return None if reference <= 0 else Decimal("Infinity")
        return reference / value * 100
    if reference == 0:
        return None
    if comparator in ("=", "≈"):
        return 100 - abs(value - reference) / abs(reference) * 100
    return value / reference * 100


def verdict_band(comparator: str, reference: Decimal, value: Decimal | None, tolerance: Decimal | None,
                 exceeded_above: Decimal, nearly_met_from: Decimal) -> str | None:
    """`vượt` / `đạt` / `cơ bản đạt` / `không đạt` for a figure against a reference; None without a figure."""
    if value is None:
        return None
    met = assess_quantitative(comparator, reference, value, tolerance).assessment == MET
    ratio = achievement_ratio(comparator, reference, value)
    if met:
        exceeded = comparator not in ("=", "≈") and ratio is not None and ratio > exceeded_above
        return EXCEEDED if exceeded else MET_BAND
    return NEARLY_MET if ratio is not None and ratio >= nearly_met_from else NOT_MET_BAND


def qualitative_band(achieved: bool | None) -> str | None:
    """A qualitative target has two bands: `đạt` or `không đạt`."""
    if achieved is None:
        return None
    return MET_BAND if achieved else NOT_MET_BAND


def _compare(comparator: str, value: Decimal, target: Decimal) -> bool:
    if comparator == "<":
        return value < target
    if comparator == "≤":
        return value <= target
    if comparator == "≥":
        return value >= target
    if comparator == ">":
        return value > target
    if comparator == "=":
        return value == target
    raise ValueError(f"phép so sánh «{comparator}» không hợp lệ")
