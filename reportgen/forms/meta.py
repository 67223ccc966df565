"""The hidden `_meta` sheet's rows, as the writer puts them.

What the rows are and why (the locked cells copied, the checksum) is described once, in
`model.form_schema`, which also parses them for the reader; this module only writes them.
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
