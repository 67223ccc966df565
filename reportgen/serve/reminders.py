"""The reminder to late and missing bodies from the secretariat's page ("Nhắc nộp báo cáo").

The page offers the button only when the command line registers a `remind` command.
`send_reminder` calls the same library function as `reportgen remind --year Y --as-of DATE`
(`reportgen.cycle.remind`), with the intake's today in Vietnam as DATE, so the page writes
the same công văn đôn đốc into `outputs/<year>/cong-van/` and says what the command would.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import ReportgenError

REMIND_COMMAND = "remind"
MAX_WARNINGS = 20                 # the page lists the command's warnings, up to this many
log = logging.getLogger("reportgen.serve")
_lock = threading.Lock()          # one reminder at a time: two clicks must not write the same letter at once


@dataclass(frozen=True)
class ReminderOutcome:
    ok: bool
    lines: list[str]


def remind_available() -> bool:
    """True once `reportgen remind` exists."""
    from ..cli import COMMANDS

    return REMIND_COMMAND in COMMANDS


def send_reminder(root: Path, year: int, as_of: date | None = None) -> ReminderOutcome:
    """The công văn đôn đốc of year Y on `as_of` (default today), and what the command line would print."""
    if not remind_available():
        return ReminderOutcome(False, ["chức năng nhắc nộp báo cáo (lệnh remind) chưa có trong phiên bản này"])
    from ..cli.remind_cmd import FOCAL_NOTE, letter_detail, summary_lines
    from ..cycle import remind

    day = as_of or date.today()
    with _lock:
        try:
            outcome = remind(root, year, day)
        except ReportgenError as exc:
            return ReminderOutcome(False, [f"Chưa tạo được công văn đôn đốc ({len(exc.problems)} lỗi):"]
                                   + [str(p) for p in exc.problems])
        except Exception:  # a bug in the letter's builder: say so on the page, keep the trace in the log
            log.exception("reminder of %s failed", year)
            return ReminderOutcome(False, ["lệnh nhắc nộp báo cáo gặp lỗi hệ thống; xem nhật ký của máy chủ; "
                                           f"thử lệnh «reportgen remind --year {year}» để xem"])
    warnings = outcome.result.warnings if outcome.result is not None else outcome.warnings
    lines = summary_lines(outcome) + [str(p) for p in warnings[:MAX_WARNINGS]]
    if len(warnings) > MAX_WARNINGS:
        lines.append(f"… và {len(warnings) - MAX_WARNINGS} cảnh báo khác (xem lệnh «reportgen remind --year {year}»)")
    if outcome.result is not None:
        for built in outcome.result.documents:
            lines.append(f"{'Đã thay' if built.replaced else 'Đã tạo'} {_rel(built.path, Path(root))}: "
                         f"{letter_detail(built)}")
        if outcome.focal_missing:
            lines.append(FOCAL_NOTE)
    return ReminderOutcome(True, lines)


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
