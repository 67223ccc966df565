"""The hidden `_meta` sheet: which plan, body and year a form is for, and its locked cells.

It holds a copy of every locked cell of the two tables as written, so the reader can name
the exact cell a sender changed, and a checksum over all of it, so an edited `_meta` is
noticed too. (The checksum protects against accidents, not against a determined forger.)

Rows: `[FORMAT_ID, version]`, then `[key, value]` for plan/agency/year, then one row per
task (`nhiem_vu`, STT, code, content, role) and per indicator (`chi_tieu`, STT, code,
name, unit, target, previous-if-locked), and last `[tong_kiem, sha256]`.

The schema (`FormMeta`, `parse_meta`, the checksum) lives in `model.form_schema`, shared with
the reader; this module only writes the rows.
"""

from __future__ import annotations

from typing import Any

from ..model.form_schema import (
    CHECKSUM_KEY,
    FORMAT_ID,
    FORMAT_VERSION,
    INDICATOR_KEY,
    METRIC_KEY,
    TASK_KEY,
    checksum,
)
from .content import FormContent


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
