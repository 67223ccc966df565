"""Phụ lục I of the consolidated report and the sentences of II.2 about the indicators.

The table shows what real reports show: this year, last year, the change, the year's own
target (or a cumulative target's path) with the share achieved, the verdict band and the
path-to-2030 check, every figure at the indicator's precision. Anything longer than a
word goes to numbered notes under the table, so that a row stays one or two lines
(notes with the same words share one number).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from ..compute.assessment import (
    BANDS,
    BEHIND,
    EXCEEDED,
    MET_BAND,
    NEARLY_MET,
    NO_BASELINE,
    NOT_MET_BAND,
    ON_TRACK,
)
from ..compute.progress import REFERENCE_PATH, REFERENCE_YEAR
from ..model import Plan
from ..vn import diem_letter, format_number, normalized_key, vn_upper
from .report_text import (
    Names,
    amount,
    and_join,
    capital,
    count,
    padded,
    percent_change,
    plain,
    point_change,
    sentence_end,
)

SHOWN_CONFLICTS = 3        # other bodies' differing figures named in a note
SHOWN_LAGGING = 3          # indicators named in a group's sentence
RATIO_COMPARATORS = ("≥", ">", "=")   # the share achieved is printed for these (see the table's note)


@dataclass
class Notes:
    """Numbered notes under the table: one number per distinct text, in table order.

    A body's own note is numbered by its words alone; the bodies that wrote the same words
    are named once, before it: `(3) Sở Nội vụ, Sở Y tế: Ước thực hiện đến 31/12/2025.`
    """

    names: Names
    texts: list[str] = field(default_factory=list)
    _numbers: dict[str, int] = field(default_factory=dict)
    _writers: dict[int, list[str]] = field(default_factory=dict)

    def mark(self, text: str) -> int:
        key = normalized_key(text)
        if key not in self._numbers:
            self.texts.append(text)
            self._numbers[key] = len(self.texts)
        return self._numbers[key]

    def mark_body_note(self, text: str, body: str) -> int:
        number = self.mark(f"\x00{sentence_end(capital(text))}")
        writers = self._writers.setdefault(number, [])
        if body not in writers:
            writers.append(body)
        return number

    def lines(self) -> list[str]:
        out = []
        for i, text in enumerate(self.texts, start=1):
            if text.startswith("\x00"):
                who = ", ".join(self.names.short(b) for b in self.names.in_list_order(self._writers[i]))
                text = f"{who}: {text[1:]}"
            out.append(f"({i}) {text}")
        return out


def indicators_part(plan: Plan, progress: pd.DataFrame, year: int, names: Names, *,
                    appendix: str = "Phụ lục I") -> dict:
    """II.2 sentences and the Phụ lục I table (without charts: the caller adds those per group).

    `appendix` is what the sentences call the table (`Phụ lục` in a report with one appendix).
    """
    notes = Notes(names)
    estimates = progress["estimate"] & progress["value"].notna()
    all_estimates = bool(estimates.any()) and bool(estimates[progress["value"].notna()].all())
    mark_estimates = bool(estimates.any()) and not all_estimates
    groups, number = [], 0
    for k, group in enumerate(plan.indicator_groups, start=1):
        rows = progress[progress["group"] == group.key]
        table_rows = []
        for r in rows.to_dict("records"):
            number += 1
            table_rows.append(_table_row(number, r, year, names, notes, mark_estimates))
        groups.append({"label": f"{diem_letter(k)})", "title": group.title, "rows": table_rows,
                       "sentence": group_sentence(rows, year)})
    return {
        "heading": f"Kết quả thực hiện các chỉ tiêu đến năm {plan.target_year}",
        "appendix_title": vn_upper(f"Kết quả thực hiện các chỉ tiêu năm {year} so với kế hoạch và mục tiêu đến "
                                   f"năm {plan.target_year}"),
        "sentence": bands_sentence(progress, year, plan.target_year, appendix=appendix),
        "comparison_sentence": comparison_sentence(progress, year),
        "trajectory_sentence": trajectory_sentence(progress, plan.target_year),
        "groups": groups,
        "overrides": [f"{r.code} ({plain(r.name)}): {r.verdict or r.assessment} — {sentence_end(r.override_reason)}"
                      for r in progress.itertuples() if r.override_reason],
        "column_previous": f"Năm {year - 1}",
        "column_value": f"Năm {year}" + (" (ước)" if all_estimates else ""),
        "column_target": f"Mục tiêu {plan.target_year}",
        "column_plan": f"KH năm {year}",
        "notes": notes.lines(),
        "general_notes": _general_notes(year, plan.target_year, mark_estimates, all_estimates),
    }


# --- sentences of II.2 ---------------------------------------------------------------------


def bands_sentence(progress: pd.DataFrame, year: int, target_year: int, *, appendix: str = "Phụ lục I") -> str:
    """`Năm 2025, 44/47 chỉ tiêu có số liệu; so với kế hoạch năm 2025 (11 chỉ tiêu) và mục tiêu đến năm
    2030 (33 chỉ tiêu): 13/44 chỉ tiêu vượt, 10/44 đạt, 03/44 không đạt …`."""
    judged = progress[progress["verdict"].notna()]
    total = len(progress)
    if judged.empty:
        return f"Năm {year} chưa có số liệu của chỉ tiêu nào ({appendix})."
    n = len(judged)
    counts = judged["verdict"].value_counts()
    parts = [f"{padded(int(counts[b]))}/{padded(n)} {'chỉ tiêu ' if i == 0 else ''}{b}"
             for i, b in enumerate(b for b in BANDS if counts.get(b, 0))]
    kinds = judged["reference_kind"].value_counts()
    by_year, by_path = int(kinds.get(REFERENCE_YEAR, 0)), int(kinds.get(REFERENCE_PATH, 0))
    references = [f"kế hoạch năm {year} ({count(by_year)} chỉ tiêu)" if by_year else "",
                  f"lộ trình lũy kế ({count(by_path)} chỉ tiêu)" if by_path else "",
                  f"mục tiêu đến năm {target_year} ({count(n - by_year - by_path)} chỉ tiêu)"
                  if n - by_year - by_path else ""]
    reference = and_join(references)
    head = f"Năm {year}, {count(n)}/{count(total)} chỉ tiêu có số liệu" if n < total else f"Năm {year}"
    return f"{head}; so với {reference}: {', '.join(parts)} (chi tiết tại {appendix})."


def comparison_sentence(progress: pd.DataFrame, year: int) -> str:
    """`So với năm 2024, 25 chỉ tiêu tiến bộ, 6 chỉ tiêu kém hơn, 3 chỉ tiêu không đổi.` (zero counts left out)."""
    better = worse = same = 0
    for r in progress.itertuples():
        if r.qualitative or r.change is None:
            continue
        direction = _direction(r.comparator, r.value, r.previous, r.target)
        better += direction > 0
        worse += direction < 0
        same += direction == 0
    parts = [f"{count(n)} chỉ tiêu {label}" for n, label in
             ((better, "tiến bộ"), (worse, "kém hơn"), (same, "không đổi")) if n]
    return f"So với năm {year - 1}, {', '.join(parts)}." if parts else ""


def trajectory_sentence(progress: pd.DataFrame, target_year: int) -> str:
    """`So với lộ trình đến năm 2030: 20 chỉ tiêu đúng tiến độ, 15 chỉ tiêu chậm tiến độ; …`."""
    counts = progress["trajectory"].value_counts()
    on, behind, unknown = (int(counts.get(k, 0)) for k in (ON_TRACK, BEHIND, NO_BASELINE))
    parts = [f"{count(n)} chỉ tiêu {label}" for n, label in ((on, ON_TRACK), (behind, BEHIND)) if n]
    if not parts and not unknown:
        return ""
    text = f"So với lộ trình đến năm {target_year}: {', '.join(parts)}" if parts else \
        f"Tiến độ đến năm {target_year}"
    if unknown:
        text += (f"; {count(unknown)} chỉ tiêu chưa xác định được tiến độ do chưa có số liệu gốc" if parts else
                 f": {count(unknown)} chỉ tiêu chưa xác định được do chưa có số liệu gốc")
    return text + "."


def group_sentence(rows: pd.DataFrame, year: int) -> str:
    """`03/10 vượt, 02/10 đạt, 05/10 không đạt; chưa đạt: Tỷ lệ … (74,2%/80%), …` for one group."""
    judged = rows[rows["verdict"].notna()]
    if judged.empty:
        return f"chưa có số liệu năm {year}"
    n = len(judged)
    counts = judged["verdict"].value_counts()
    text = ", ".join(f"{padded(int(counts[b]))}/{padded(n)} {b}" for b in BANDS if counts.get(b, 0))
    missing = len(rows) - n
    if missing:
        text += f"; {count(missing)} chỉ tiêu chưa có số liệu"
    lagging = judged[judged["verdict"] == NOT_MET_BAND]
    if len(lagging):
        shown = [_lag_text(r) for r in lagging.head(SHOWN_LAGGING).itertuples()]
        more = len(lagging) - len(shown)
        text += "; không đạt: " + "; ".join(shown) + (f" và {count(more)} chỉ tiêu khác" if more else "")
    return text


def _lag_text(r) -> str:
    """`Tỷ lệ lao động qua đào tạo (74,2%/80%)`: result / the target compared with."""
    name = plain(r.name)   # the plan's whole name: a report never cuts it with "…"
    if r.qualitative:
        return name
    figure = r.value if r.reference_kind == REFERENCE_YEAR or not r.cumulative else r.measured
    if r.unit == "%":
        return f"{name} ({amount(figure, r.decimals)}%/{amount(r.reference, r.decimals)}%)"
    return f"{name} ({amount(figure, r.decimals)}/{amount(r.reference, r.decimals)} {r.unit})"


def _direction(comparator: str, value: Decimal, previous: Decimal, target: Decimal) -> int:
    """+1 when the figure moved the better way since last year, −1 the worse way, 0 unchanged."""
    if value == previous:
        return 0
    if comparator in ("<", "≤"):
        return 1 if value < previous else -1
    if comparator in ("≥", ">"):
        return 1 if value > previous else -1
    return 1 if abs(value - target) < abs(previous - target) else -1


# --- the table -------------------------------------------------------------------------------


def _table_row(number: int, r: dict, year: int, names: Names, notes: Notes, mark_estimates: bool) -> dict:
    places, unit = r["decimals"], r["unit"]
    marks = [notes.mark(t) for t in _row_notes(r, year, names)]
    if r["figure_note"]:
        marks.append(notes.mark_body_note(r["figure_note"], r["figure_note_body"]))
    if r["qualitative"]:
        value = {True: "Đạt", False: "Chưa đạt"}.get(r["achieved"], "-")
    elif r["value"] is None:
        value = "-"
    else:
        value = amount(r["value"], places) + (" (ước)" if mark_estimates and r["estimate"] else "")
        if r["cumulative"] and r["total"] is not None:
            value += f"\nLũy kế: {amount(r['total'], places)}"
    return {
        "tt": str(number),
        "code": r["code"],
        "name": r["name"],
        "name_unit": r["name"] + (f" ({unit})" if unit else ""),
        "target": target_text(r),
        "previous": "-" if r["previous"] is None else amount(r["previous"], places),
        "value": value,
        "note_mark": "(" + ",".join(str(m) for m in marks) + ")" if marks else "",
        "change": change_text(r) or "-",
        "plan": _plan_text(r),
        "ratio": _ratio_text(r),
        "verdict": _verdict_text(r),
        "trajectory": _trajectory_text(r),
        "body": names.short(r["body"]) if r["body"] else "-",
        "status": r["verdict"],
    }


def change_text(r: dict) -> str:
    """Against last year: points for a percentage (`tăng 0,7 điểm %`), % of last year otherwise."""
    if r["qualitative"] or r["change"] is None:
        return ""
    if r["unit"] == "%":
        return point_change(r["change"], r["decimals"])
    if r["change_pct"] is None:
        return ""
    return percent_change(r["change_pct"])


def target_text(r: dict) -> str:
    """The plan's own words for the period target when it gives them, else `≥ 13.787`."""
    if r["target_text"]:
        return r["target_text"]
    if r["qualitative"]:
        return capital(r["qualitative_target"] or "")
    target = format_number(r["target"]) + ("%" if r["unit"] == "%" else "")
    return target if r["comparator"] == "=" else f"{r['comparator']} {target}"


def value_with_unit(value: Decimal, unit: str, places: int) -> str:
    if unit == "%":
        return amount(value, places) + "%"
    return f"{amount(value, places)} {unit}".strip()


def _plan_text(r: dict) -> str:
    if r["reference"] is None or r["qualitative"]:
        return "-"
    if r["reference_kind"] == REFERENCE_YEAR:
        return amount(r["reference"], r["decimals"])
    if r["reference_kind"] == REFERENCE_PATH:
        return f"{amount(r['reference'], r['decimals'])} (lộ trình lũy kế)"
    return "-"


def _verdict_text(r: dict) -> str:
    """`Cơ bản đạt (93,2%)`: the band, and the share achieved where it is printed."""
    if not r["verdict"]:
        return "Chưa có số liệu"
    ratio = _ratio_text(r)
    return capital(r["verdict"]) + (f" ({ratio})" if ratio != "-" else "")


def _ratio_text(r: dict) -> str:
    ratio = r["ratio"]
    if ratio is None or r["comparator"] not in RATIO_COMPARATORS:
        return "-"
    return format_number(ratio, 1) + "%"


def _trajectory_text(r: dict) -> str:
    trajectory = r["trajectory"]
    if trajectory in (ON_TRACK, BEHIND):
        text = capital(trajectory)
        if r["expected"] is not None and not r["cumulative"] and trajectory == BEHIND:
            text += f" (lộ trình: {amount(r['expected'], r['decimals'])})"
        return text
    if trajectory == NO_BASELINE:
        return "Chưa xác định"
    return "-"


def _row_notes(r: dict, year: int, names: Names) -> list[str]:
    """The notes of one row, as sentences (numbered under the table)."""
    out = []
    if r["override_reason"]:
        out.append(f"Đánh giá do cơ quan tổng hợp điều chỉnh: {sentence_end(r['override_reason'])}")
    if r["year_target_source"]:
        out.append(f"Kế hoạch năm {year}: {sentence_end(r['year_target_source'])}")
    if r["missing_years"]:
        years = ", ".join(str(y) for y in r["missing_years"])
        out.append(f"Lũy kế chưa gồm năm {years} (không có số liệu).")
    if r["base_note"] and r["base_body"] is None and r["trajectory"] in (ON_TRACK, BEHIND):
        out.append(f"Tiến độ tính từ số liệu {r['base_note'].removeprefix('gốc: ')}.")
    out.extend(sentence_end(capital(n)) for n in r["notes"])
    if r["conflicts"]:
        shown = [f"{names.short(b)} {_figure(v, r)}" for b, v in r["conflicts"][:SHOWN_CONFLICTS]]
        more = len(r["conflicts"]) - len(shown)
        out.append("Số liệu khác nhau giữa các đơn vị: " + ", ".join(shown) +
                   (f" và {count(more)} đơn vị khác" if more else "") +
                   f"; dùng số liệu của {names.short(r['body'])}.")
    return out


def _figure(value: object, r: dict) -> str:
    if isinstance(value, bool):
        return "đạt" if value else "chưa đạt"
    return value_with_unit(Decimal(value), r["unit"], r["decimals"])


def _general_notes(year: int, target_year: int, mark_estimates: bool, all_estimates: bool) -> list[str]:
    out = []
    if mark_estimates:
        out.append(f"Số liệu năm {year} có ghi “(ước)” là số ước thực hiện cả năm.")
    elif all_estimates:
        out.append(f"Số liệu năm {year} là số ước thực hiện cả năm.")
    out.append(f"Tỷ lệ đạt và đánh giá ({EXCEEDED}, {MET_BAND}, {NEARLY_MET}, {NOT_MET_BAND}) so với kế hoạch năm "
               f"{year} khi tỉnh giao; chỉ tiêu lũy kế so với lộ trình lũy kế; chỉ tiêu khác so với mục tiêu năm "
               f"{target_year}. Tỷ lệ đạt chỉ ghi với chỉ tiêu cần đạt tối thiểu.")
    out.append(f"Tiến độ: so với giá trị trên đường thẳng từ số liệu gốc (số liệu gốc của Kế hoạch, hoặc số liệu "
               f"năm đầu tiên có báo cáo) đến mục tiêu năm {target_year}.")
    return out
