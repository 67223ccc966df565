"""The hidden `_meta` sheet: which plan, body and year a form is for, and its locked cells.

It holds a copy of every locked cell of the two tables as written, so the reader can name
the exact cell a sender changed, and a checksum over all of it, so an edited `_meta` is
noticed too. (The checksum protects against accidents, not against a determined forger.)

Rows: `[FORMAT_ID, version]`, then `[key, value]` for plan/agency/year, then one row per
task (`nhiem_vu`, STT, code, content, role) and per indicator (`chi_tieu`, STT, code,
name, unit, target, previous-if-locked), and last `[tong_kiem, sha256]`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from .content import FormContent
from .layout import FORMAT_ID, FORMAT_VERSION, READABLE_VERSIONS, MetricColumn

TASK_KEY = "nhiem_vu"
INDICATOR_KEY = "chi_tieu"
METRIC_KEY = "so_lieu"
CHECKSUM_KEY = "tong_kiem"


@dataclass
class FormMeta:
    """What `_meta` says about a form."""

    version: int
    plan: str
    agency: str
    year: int
    tasks: list[list[str]] = field(default_factory=list)        # [stt, code, content, role]
    indicators: list[list[str]] = field(default_factory=list)   # [stt, code, name, unit, target, previous]
    metrics: list[MetricColumn] = field(default_factory=list)   # the Nhiệm vụ sheet's metric columns

    @property
    def task_codes(self) -> list[str]:
        return [row[1] for row in self.tasks]

    @property
    def indicator_codes(self) -> list[str]:
        return [row[1] for row in self.indicators]

    def locked_previous(self, i: int) -> Decimal | None:
        text = self.indicators[i][5]
        return Decimal(text) if text else None


class MetaError(ValueError):
    """`_meta` is missing, of an unknown version, or altered (message in Vietnamese)."""


def meta_rows(content: FormContent) -> list[list[Any]]:
    """The rows of `_meta` for a form, checksum last."""
    rows: list[list[Any]] = [
        ["ke_hoach", content.plan_code],
        ["co_quan", content.agency],
        ["nam", str(content.year)],
    ]
    for i, t in enumerate(content.tasks, start=1):
        rows.append([TASK_KEY, str(i), t.code, t.content, t.role])
    for i, ind in enumerate(content.indicators, start=1):
        prev = str(ind.previous) if ind.previous is not None and ind.previous_final else ""
        rows.append([INDICATOR_KEY, str(i), ind.code, ind.name, ind.unit, ind.target, prev])
    for m in content.metrics:
        rows.append([METRIC_KEY, m.key, m.heading, ",".join(m.tasks), str(m.decimals)])
    return [[FORMAT_ID, str(FORMAT_VERSION)], *rows, [CHECKSUM_KEY, checksum(rows)]]


def checksum(rows: list[list[Any]]) -> str:
    """SHA-256 of the rows (everything between the header row and the checksum row)."""
    text = json.dumps([_trim([("" if v is None else str(v)) for v in row]) for row in rows], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_meta(raw_rows: list[list[Any]]) -> FormMeta:
    """Read `_meta` rows back; raises MetaError with the reason in Vietnamese."""
    rows = [[("" if v is None else str(v)) for v in row] for row in raw_rows]
    rows = [_trim(r) for r in rows if any(v != "" for v in r)]
    if not rows or rows[0][:1] != [FORMAT_ID]:
        raise MetaError("không phải biểu mẫu do reportgen tạo (trang ẩn «_meta» không đúng)")
    version = rows[0][1] if len(rows[0]) > 1 else ""
    if version not in {str(v) for v in READABLE_VERSIONS}:
        raise MetaError(f"biểu mẫu phiên bản «{version}», phiên bản reportgen này chỉ đọc được phiên bản "
                        f"{', '.join(str(v) for v in READABLE_VERSIONS)}")
    body, last = rows[1:-1], rows[-1] if len(rows) > 1 else []
    if last[:1] != [CHECKSUM_KEY] or len(last) < 2 or last[1] != checksum(body):
        raise MetaError("phần nhận dạng ẩn của biểu mẫu (trang «_meta») đã bị sửa; hãy điền lại vào biểu mẫu gốc")
    keys = {r[0]: r[1] for r in body if len(r) >= 2 and r[0] in ("ke_hoach", "co_quan", "nam")}
    try:
        meta = FormMeta(int(version), keys["ke_hoach"], keys["co_quan"], int(keys["nam"]))
    except (KeyError, ValueError):
        raise MetaError("phần nhận dạng ẩn của biểu mẫu thiếu kế hoạch, cơ quan hoặc năm") from None
    for r in body:
        if r[0] == TASK_KEY:
            meta.tasks.append(_pad(r[1:], 4))
        elif r[0] == INDICATOR_KEY:
            meta.indicators.append(_pad(r[1:], 6))
        elif r[0] == METRIC_KEY:
            key, heading, tasks, decimals = _pad(r[1:], 4)
            meta.metrics.append(MetricColumn(key, heading, tuple(t for t in tasks.split(",") if t),
                                             int(decimals) if decimals.isdigit() else 0))
    try:
        for i in range(len(meta.indicators)):
            meta.locked_previous(i)
    except InvalidOperation:
        raise MetaError("phần nhận dạng ẩn của biểu mẫu có số liệu năm trước không đọc được") from None
    return meta


def _trim(row: list[str]) -> list[str]:
    while row and row[-1] == "":
        row = row[:-1]
    return row


def _pad(row: list[str], n: int) -> list[str]:
    return (row + [""] * n)[:n]
