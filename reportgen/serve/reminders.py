"""The seam for the reminder to late and missing bodies (`reportgen remind`, built in issue 13).

The secretariat's page offers "Nhắc nộp báo cáo" only when the command line registers a
`remind` command. `send_reminder` runs that command for the season's year exactly as a
user would type it and shows what it printed. When `remind` lands, replace the body of
`send_reminder` with a direct call to its library function; the page needs no other change.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

REMIND_COMMAND = "remind"
_lock = threading.Lock()          # click's runner swaps the process's standard streams


@dataclass(frozen=True)
class ReminderOutcome:
    ok: bool
    lines: list[str]


def remind_available() -> bool:
    """True once `reportgen remind` exists."""
    from ..cli import COMMANDS

    return REMIND_COMMAND in COMMANDS


def send_reminder(root: Path, year: int) -> ReminderOutcome:
    """Run `reportgen --root ROOT remind --year Y` and report what it said."""
    if not remind_available():
        return ReminderOutcome(False, ["chức năng nhắc nộp báo cáo (lệnh remind) chưa có trong phiên bản này"])
    from click.testing import CliRunner

    from ..cli import cli

    with _lock:
        result = CliRunner().invoke(cli, ["--root", str(root), REMIND_COMMAND, "--year", str(year)],
                                    catch_exceptions=True)
    lines = [line for line in result.output.splitlines() if line.strip()]
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        lines.append("lệnh nhắc nộp báo cáo gặp lỗi hệ thống; xem nhật ký của máy chủ")
    return ReminderOutcome(result.exit_code == 0, lines)
