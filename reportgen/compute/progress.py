"""Indicator progress for year Y: one row per indicator of the plan, in plan order.

For each indicator: the figure for Y and for Y − 1 with the body that supplied each, the
target, the assessment (computed, or the secretariat's override with its reason), and
the trajectory check against the straight path from a baseline to the target. Two bodies
giving different figures for one indicator is a warning that names them; the figure of
the body the plan charges with the indicator is used, else the first in list order.
The body's own note on the figure used (`figure_note`, with `figure_note_body`) is kept
apart from the computed `notes`; with no figure, a note-only entry of year Y is kept
instead (a body explaining why it has no figure).

Comparisons as reports make them: the change against last year (`change`, and
`change_pct` in % of last year's figure); a cumulative indicator (`cumulative`) adds each
year's figure from the plan's first year to Y (`total`, lũy kế), which is what is held
against the period target; and a verdict band (`verdict`, `ratio`) against a reference:
the year's own target when the province sets one, else for a cumulative indicator the
straight path from nothing before the first year to the period target, else the period
target itself (`reference_kind`: year / path / period).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from ..errors import Problem
from ..model import Indicator, Plan, Registry
from ..model.routing import indicator_supplier
from ..model.secretariat import AssessmentOverride
from .assessment import (
    BANDS,
    BEHIND,
    MET,
    MET_BAND,
    NO_BASELINE,
    NO_DATA,
    NOT_MET,
    NOT_MET_BAND,
    ON_TRACK,
    achievement_ratio,
    assess_qualitative,
    assess_quantitative,
    expected_value,
    on_track,
    qualitative_band,
    share_of_target,
    verdict_band,
)

REFERENCE_YEAR = "year"        # the year's own target (kế hoạch năm)
REFERENCE_PATH = "path"        # a cumulative target's straight path to the period target
REFERENCE_PERIOD = "period"    # the period target (mục tiêu 2030)

PROGRESS_COLUMNS = [
    "code", "group", "name", "unit", "comparator", "target", "target_text", "qualitative", "qualitative_target",
    "value", "estimate", "achieved", "body", "reporters", "conflicts", "suppliers",
    "previous", "previous_body",
    "computed", "assessment", "override_reason",
    "trajectory", "expected", "base_note", "base_year", "base_value", "base_body",
    "share", "notes", "figure_note", "figure_note_body",
    "cumulative", "total", "missing_years", "measured", "change", "change_pct",
    "year_target", "year_target_source", "reference", "reference_kind", "verdict", "ratio", "decimals",
]
YearTargets = Mapping[str, tuple[Decimal, str | None]]   # indicator code -> (target of year Y, where it is set)


@dataclass
class Progress:
    """The indicator table as a frame, and the warnings found while building it."""

    frame: pd.DataFrame
    warnings: list[Problem] = field(default_factory=list)


def indicator_progress(plan: Plan, registry: Registry, figures: pd.DataFrame, year: int,
                       overrides: Sequence[AssessmentOverride] = (),
                       body_rank: dict[str, int] | None = None, year_targets: YearTargets | None = None) -> Progress:
    """Progress of every indicator in year Y from the tidy `figures` frame (see `frames.figures_frame`).

    `year_targets` are the year's own targets the secretariat gives; the plan's
    `yearly_targets` of Y are used for indicators it does not name.
    """
    rank = body_rank if body_rank is not None else _default_rank(figures)
    by_indicator = {code: rows for code, rows in figures.groupby("indicator", sort=False)}
    overrides_by_code = {o.indicator: o for o in overrides}
    empty = figures.iloc[0:0]
    rows, warnings = [], []
    for ind in plan.indicators:
        suppliers = tuple(indicator_supplier(plan, registry, ind.code, year))
        rows_of = by_indicator.get(ind.code, empty)
        row, problems = _indicator_row(plan, registry, ind, rows_of, year, suppliers, rank,
                                       overrides_by_code.get(ind.code), _year_target(ind, year, year_targets))
        rows.append(row)
        warnings.extend(problems)
    dtypes = {"share": "float64", "estimate": "bool", "qualitative": "bool", "cumulative": "bool"}
    frame = pd.DataFrame({c: pd.Series([r[c] for r in rows], dtype=dtypes.get(c, "object"))
                          for c in PROGRESS_COLUMNS})
    return Progress(frame, warnings)


def verdict_counts(progress: pd.DataFrame) -> dict[str, int]:
    """How many indicators fall in each verdict band, how many have one, and how many have no data."""
    counts = progress["verdict"].value_counts()
    out = {band: int(counts.get(band, 0)) for band in BANDS}
    out["judged"] = sum(out[b] for b in BANDS)
    out["no_data"] = int(len(progress) - out["judged"])
    out["total"] = int(len(progress))
    return out


def _year_target(ind: Indicator, year: int, given: YearTargets | None) -> tuple[Decimal | None, str | None]:
    if given and ind.code in given:
        return given[ind.code]
    if year in ind.yearly_targets:
        return ind.yearly_targets[year], None
    return None, None


def assessment_counts(progress: pd.DataFrame) -> dict[str, int]:
    """How many indicators are met, not met, without data, and in all (M)."""
    counts = progress["assessment"].value_counts()
    return {
        "met": int(counts.get(MET, 0)),
        "not_met": int(counts.get(NOT_MET, 0)),
        "no_data": int(counts.get(NO_DATA, 0)),
        "total": int(len(progress)),
    }


# --- one indicator ----------------------------------------------------------------------


def _indicator_row(plan: Plan, registry: Registry, ind: Indicator, rows: pd.DataFrame, year: int,
                   suppliers: tuple[str, ...], rank: dict[str, int], override: AssessmentOverride | None,
                   year_target: tuple[Decimal | None, str | None]) -> tuple[dict, list[Problem]]:
    notes: list[str] = []
    problems: list[Problem] = []
    current = rows[(rows["year"] == year) & (rows["reported_in"] == year)]
    current = current[current["value"].notna() | current["achieved"].notna()]
    current = _preferred_first(current, suppliers, rank)
    chosen = current.iloc[0] if len(current) else None
    if chosen is not None:
        problems.extend(_conflicts(ind, current, registry, year))
        if suppliers and chosen["body"] not in suppliers:
            notes.append("số liệu do đơn vị không được giao cung cấp chỉ tiêu này báo cáo")
    value = None if chosen is None else _decimal_or_none(chosen["value"])
    achieved = None if chosen is None else _bool_or_none(chosen["achieved"])
    body = None if chosen is None else chosen["body"]

    previous, previous_body = _previous(rows, year, body, suppliers, rank)
    if previous_body is not None and previous_body != body:
        notes.append(f"số năm {year - 1} do {_name(registry, previous_body)} báo cáo")

    total, missing_years = None, ()
    if ind.cumulative and value is not None:
        total, missing_years = _cumulative(plan, rows, year, value, body, suppliers, rank)
    measured = total if ind.cumulative else value

    if ind.is_qualitative:
        verdict = assess_qualitative(achieved)
    else:
        verdict = assess_quantitative(ind.comparator, ind.target, measured, ind.tolerance)
    if verdict.note:
        notes.append(verdict.note)
    assessment, reason = verdict.assessment, None

    trajectory, expected, base, base_note = None, None, (None, None, None), None
    if not ind.is_qualitative and measured is not None:
        trajectory, expected, base, base_note = _trajectory(plan, registry, ind, rows, year, measured,
                                                            verdict.assessment, suppliers, rank)

    target_of_year, target_source = year_target
    reference, reference_kind, band, ratio = _verdict(plan, ind, value, measured, achieved, target_of_year, expected)
    if override is not None:
        assessment, reason = _overridden(override.assessment), override.reason
        band = _overridden_band(override.assessment, band)
    change, change_pct = _change(value, previous)

    figure_note, figure_note_body = _figure_note(rows, year, chosen, suppliers, rank)
    row = {
        "code": ind.code, "group": ind.group, "name": ind.name, "unit": ind.unit,
        "comparator": ind.comparator, "target": ind.target, "target_text": ind.target_text,
        "qualitative": ind.is_qualitative, "qualitative_target": ind.qualitative_target,
        "value": value, "estimate": bool(chosen["estimate"]) if chosen is not None else False,
        "achieved": achieved, "body": body, "reporters": tuple(current["body"]),
        "conflicts": _differing(current, ind, value, achieved), "suppliers": suppliers,
        "previous": previous, "previous_body": previous_body,
        "computed": verdict.assessment, "assessment": assessment, "override_reason": reason,
        "trajectory": trajectory, "expected": expected, "base_note": base_note,
        "base_year": base[0], "base_value": base[1], "base_body": base[2],
        "share": None if ind.is_qualitative else share_of_target(ind.comparator, ind.target, measured),
        "notes": tuple(notes),
        "figure_note": figure_note,
        "figure_note_body": figure_note_body,
        "cumulative": ind.cumulative, "total": total, "missing_years": missing_years, "measured": measured,
        "change": change, "change_pct": change_pct,
        "year_target": target_of_year, "year_target_source": target_source,
        "reference": reference, "reference_kind": reference_kind, "verdict": band, "ratio": ratio,
        "decimals": _decimals(ind, rows, year),
    }
    return row, problems


def _verdict(plan: Plan, ind: Indicator, value: Decimal | None, measured: Decimal | None, achieved: bool | None,
             target_of_year: Decimal | None, expected: Decimal | None) -> tuple[Decimal | None, str | None, str | None,
                                                                                 Decimal | None]:
    """(reference, its kind, verdict band, achievement ratio in %) — see the module docstring."""
    if ind.is_qualitative:
        return None, None, qualitative_band(achieved), None
    bands = plan.verdict_bands
    if target_of_year is not None:
        reference, kind, figure = target_of_year, REFERENCE_YEAR, value
    elif ind.cumulative:
        reference, kind, figure = expected, REFERENCE_PATH, measured
    else:
        reference, kind, figure = ind.target, REFERENCE_PERIOD, measured
    if figure is None or reference is None:
        return reference, kind, None, None
    band = verdict_band(ind.comparator, reference, figure, ind.tolerance, bands.exceeded_above, bands.nearly_met_from)
    ratio = achievement_ratio(ind.comparator, reference, figure)
    return reference, kind, band, ratio if ratio is None or ratio.is_finite() else None


def _cumulative(plan: Plan, rows: pd.DataFrame, year: int, value: Decimal, body: str | None,
                suppliers: tuple[str, ...], rank: dict[str, int]) -> tuple[Decimal, tuple[int, ...]]:
    """(sum of each year's figure from the plan's first year to Y, the years with no figure)."""
    total, missing = value, []
    for earlier in range(plan.reporting.first_year, year):
        figure, _ = _figure_of_year(rows, earlier, body, suppliers, rank)
        if figure is None:
            missing.append(earlier)
        else:
            total += figure
    return total, tuple(missing)


def _overridden(given: str) -> str:
    """The met / not-met assessment an override gives, in either vocabulary."""
    if given in (MET, NOT_MET, NO_DATA):
        return given
    return MET if given in BANDS[:2] else NOT_MET


def _overridden_band(given: str, band: str | None) -> str | None:
    """The verdict band after an override: the band it names, or the computed one moved to agree with it."""
    if given in BANDS:
        return given
    if given == NO_DATA:
        return None
    if given == MET:
        return band if band in BANDS[:2] else MET_BAND
    return band if band in BANDS[2:] else NOT_MET_BAND


def _change(value: Decimal | None, previous: Decimal | None) -> tuple[Decimal | None, Decimal | None]:
    """(value − previous, that change in % of previous) — None when either is missing."""
    if value is None or previous is None:
        return None, None
    change = value - previous
    return change, (change / previous * 100 if previous != 0 else None)


def _decimals(ind: Indicator, rows: pd.DataFrame, year: int) -> int:
    """Digits after the comma to print: the plan's, else as many as the figures of Y and Y−1 carry."""
    if ind.decimals is not None:
        return ind.decimals
    values = [v for v in rows.loc[rows["year"].isin((year, year - 1)), "value"] if v is not None and v == v]
    if ind.target is not None:
        values.append(ind.target)
    places = [max(0, -Decimal(v).normalize().as_tuple().exponent) for v in values]
    return min(max(places, default=0), 4)


def _figure_note(rows: pd.DataFrame, year: int, chosen: pd.Series | None, suppliers: tuple[str, ...],
                 rank: dict[str, int]) -> tuple[str | None, str | None]:
    """(note, body): the note on the figure used; without a figure, the first note-only entry of year Y."""
    if chosen is not None:
        note = _text_or_none(chosen["note"])
        return (note, chosen["body"]) if note else (None, None)
    current = rows[(rows["year"] == year) & (rows["reported_in"] == year)]
    noted = current[current["note"].map(_text_or_none).notna()]
    if noted.empty:
        return None, None
    first = _preferred_first(noted, suppliers, rank).iloc[0]
    return _text_or_none(first["note"]), first["body"]


def _trajectory(plan: Plan, registry: Registry, ind: Indicator, rows: pd.DataFrame, year: int,
                value: Decimal, computed: str, suppliers: tuple[str, ...],
                rank: dict[str, int]) -> tuple[str, Decimal | None, tuple, str | None]:
    """(label, expected value, (base year, base value, base body), note on the baseline's origin)."""
    if ind.cumulative:
        base = (plan.reporting.first_year - 1, Decimal(0), None)
        note = None
    elif ind.baseline is not None:
        base = (ind.baseline.year, ind.baseline.value, None)
        note = f"gốc: năm {ind.baseline.year} theo {ind.baseline.source}"
    else:
        earlier = rows[(rows["year"] < year) & rows["value"].notna()]
        if earlier.empty:
            label = ON_TRACK if computed == MET else NO_BASELINE
            return label, None, (None, None, None), None
        first_year = int(earlier["year"].min())
        earliest = _preferred_first(earlier[earlier["year"] == first_year], suppliers, rank).iloc[0]
        base = (first_year, Decimal(earliest["value"]), earliest["body"])
        note = f"gốc: năm {first_year} do {_name(registry, earliest['body'])} báo cáo"
    if base[0] > year:
        return NO_BASELINE, None, (None, None, None), None
    expected = expected_value(base[0], base[1], ind.target, plan.target_year, year)
    if computed == MET and not ind.cumulative:
        return ON_TRACK, expected, base, note
    if expected is None:
        return NO_BASELINE, None, base, note
    good = on_track(ind.comparator, value, expected, base[1], ind.target)
    return (ON_TRACK if good else BEHIND), expected, base, note


def _previous(rows: pd.DataFrame, year: int, body: str | None, suppliers: tuple[str, ...],
              rank: dict[str, int]) -> tuple[Decimal | None, str | None]:
    """Last year's figure: this year's reports first (they may revise it), then last year's own."""
    return _figure_of_year(rows, year - 1, body, suppliers, rank)


def _figure_of_year(rows: pd.DataFrame, year: int, body: str | None, suppliers: tuple[str, ...],
                    rank: dict[str, int]) -> tuple[Decimal | None, str | None]:
    """The figure of `year`: the latest report giving it first, then `body`, the suppliers, list order."""
    prev = rows[(rows["year"] == year) & rows["value"].notna()]
    if prev.empty:
        return None, None
    preferred = ((body,) if body else ()) + suppliers
    prev = prev.assign(
        _src=-prev["reported_in"],
        _pref=prev["body"].map(lambda b: preferred.index(b) if b in preferred else len(preferred)),
        _rank=prev["body"].map(lambda b: rank.get(b, len(rank))),
    ).sort_values(["_src", "_pref", "_rank"], kind="stable")
    first = prev.iloc[0]
    return Decimal(first["value"]), first["body"]


def _conflicts(ind: Indicator, current: pd.DataFrame, registry: Registry, year: int) -> list[Problem]:
    """A warning naming the bodies when they give different figures for one indicator."""
    column = "achieved" if ind.is_qualitative else "value"
    given = current[current[column].notna()]
    if given[column].nunique() <= 1:
        return []
    parts = []
    for value, group in given.groupby(column, sort=False):
        names = [_name(registry, b) for b in group["body"]]
        shown = ", ".join(names[:3]) + (f" và {len(names) - 3} đơn vị khác" if len(names) > 3 else "")
        parts.append(f"{shown}: {_show(value, ind)}")
    used = _name(registry, given.iloc[0]["body"])
    return [Problem(f"chỉ tiêu {ind.code} năm {year} có số liệu khác nhau giữa các đơn vị ({'; '.join(parts)}); "
                    f"dùng số của {used}", severity="warning", code="consolidation.figure.conflict")]


def _differing(current: pd.DataFrame, ind: Indicator, value: Decimal | None,
               achieved: bool | None) -> tuple[tuple[str, object], ...]:
    """(body, its figure) for every other body whose figure differs from the one used."""
    column, used = ("achieved", achieved) if ind.is_qualitative else ("value", value)
    given = current[current[column].notna()]
    return tuple((b, v) for b, v in zip(given["body"], given[column], strict=True) if v != used)


def _preferred_first(rows: pd.DataFrame, suppliers: tuple[str, ...], rank: dict[str, int]) -> pd.DataFrame:
    """Rows of the bodies charged with the indicator first (in their order), then the others in list order."""
    if len(rows) <= 1:
        return rows
    pref = rows["body"].map(lambda b: suppliers.index(b) if b in suppliers else len(suppliers))
    order = rows["body"].map(lambda b: rank.get(b, len(rank)))
    return rows.assign(_pref=pref, _rank=order).sort_values(["_pref", "_rank"], kind="stable").drop(
        columns=["_pref", "_rank"])


def _default_rank(figures: pd.DataFrame) -> dict[str, int]:
    return {b: i for i, b in enumerate(sorted(set(figures["body"])))}


def _name(registry: Registry, code: str) -> str:
    agency = registry.agencies.get(code)
    return agency.display_name if agency else code


def _show(value: object, ind: Indicator) -> str:
    from ..vn import format_number

    if isinstance(value, bool):
        return "đạt" if value else "chưa đạt"
    return format_number(value) + ("%" if ind.is_percent else "")


def _decimal_or_none(v: object) -> Decimal | None:
    return None if v is None or (isinstance(v, float) and v != v) else Decimal(v)


def _text_or_none(v: object) -> str | None:
    text = " ".join(v.split()) if isinstance(v, str) else ""
    return text or None


def _bool_or_none(v: object) -> bool | None:
    return None if v is None or (isinstance(v, float) and v != v) else bool(v)
