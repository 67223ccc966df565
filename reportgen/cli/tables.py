"""Tables on stdout that fit the terminal they are printed in.

The width is the terminal's (or `COLUMNS`), 120 when the output goes to a file or a
pipe. Columns that hold long text wrap at spaces and fold inside long names (a path, a
code) instead of running past the edge, so a 60-column window still reads.
"""

from __future__ import annotations

import os
import shutil
import sys
from typing import Any

FALLBACK_WIDTH = 120
MIN_WIDTH = 40


def console_width() -> int:
    """`COLUMNS` when set, else the terminal's width when stdout is one, else 120 (a file, a pipe)."""
    given = os.environ.get("COLUMNS", "")
    if given.isdigit():
        return max(MIN_WIDTH, int(given))
    if sys.stdout.isatty():
        return max(MIN_WIDTH, shutil.get_terminal_size((FALLBACK_WIDTH, 24)).columns)
    return FALLBACK_WIDTH


def console(*, stderr: bool = False) -> Any:
    """A rich Console as wide as the terminal, no markup guessing (highlight off)."""
    from rich.console import Console

    return Console(width=console_width(), stderr=stderr, highlight=False, soft_wrap=False)


def table(title: str | None, columns: list[tuple[str, dict[str, Any]]]) -> Any:
    """A rich Table whose text columns wrap; `columns` are (heading, add_column options).

    Defaults: `overflow="fold"` so a long word is broken rather than cut; pass
    `no_wrap=True` for short columns (numbers, dates) that should stay whole.
    """
    from rich.table import Table

    out = Table(title=title, header_style="bold", expand=False)
    for heading, options in columns:
        out.add_column(heading, **{"overflow": "fold", **options})
    return out
