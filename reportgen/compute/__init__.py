"""Compute: submissions of year Y (and earlier years) → tidy frames and the figures of the report.

`consolidate()` (in `consolidation`) is the entry point; the modules below it each do one step and are
functions from frames to frames:
- `frames`: submissions → tidy frames (figures, task results, documents, texts);
- `bodies`: routing of year Y as a frame, and the order bodies are listed in;
- `progress` + `assessment`: indicator values, targets, assessments, trajectory;
- `tasks`: each task's lead and partner results (and their timing against the task's
  deadline), and tasks nobody reported on;
- `metrics`: the quantities tasks are counted in, summed over the province, with last year's;
- `tracking`: who submitted on time, late, or not at all;
- `texts`: documents issued, and assessment sentences merged without repeats.

Importing this package loads nothing: its names come from their modules on first use
(PEP 562), so that `reportgen status` can use `tracking` without loading pandas.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Consolidation": "consolidation", "consolidate": "consolidation",
    "ASSESSMENTS": "assessment", "BEHIND": "assessment", "MET": "assessment", "NO_BASELINE": "assessment",
    "NO_DATA": "assessment", "NOT_MET": "assessment", "ON_TRACK": "assessment",
    "assessment_counts": "progress", "indicator_progress": "progress", "verdict_counts": "progress",
    "figures_frame": "frames",
    "LATE": "tracking", "MISSING": "tracking", "NOT_DUE": "tracking", "ON_TIME": "tracking",
    "tracking_counts": "tracking", "tracking_frame": "tracking",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
