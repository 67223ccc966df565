"""A status line on stderr from the first second of a long command: what it is doing, how far it is.

    with Activity(ctx, "Đang đọc dữ liệu…") as activity:
        project = load_project(root)
        activity.say("Đang tạo biểu mẫu", total=166)
        for ...: activity.advance()

Shown only when stderr is a terminal (a log file or a pipe gets the closing line alone),
and never with -q or --json. The line is transient: it disappears when the work ends,
leaving the screen to the results. A thread redraws it (spinner and elapsed time), so
it moves even while one step takes seconds.
"""

from __future__ import annotations

import threading
from typing import Any

import click

from .options import is_quiet, wants_json


class Activity:
    """One transient status line: a spinner, what is being done, `12/166` when counted, elapsed time."""

    def __init__(self, ctx: click.Context | None, text: str):
        self.enabled = ctx is not None and not is_quiet(ctx) and not wants_json(ctx)
        self._text = text
        self._progress: Any = None
        self._task: Any = None
        self._total: int | None = None
        self._done = 0
        self._lock = threading.Lock()

    def __enter__(self) -> Activity:
        if not self.enabled:
            return self
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        console = Console(stderr=True)
        if not console.is_terminal:
            self.enabled = False
            return self
        self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                  console=console, transient=True, refresh_per_second=8)
        self._progress.start()
        self._task = self._progress.add_task(self._text, total=None)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def say(self, text: str, *, total: int | None = None) -> None:
        """A new step: `Đang tạo biểu mẫu` (counted `0/166` when `total` is given)."""
        with self._lock:
            self._text, self._total, self._done = text, total, 0
            self._update()

    def advance(self, done: int | None = None, total: int | None = None) -> None:
        """One more item done (or `done` of `total`); safe to call from worker threads."""
        with self._lock:
            self._done = self._done + 1 if done is None else done
            if total is not None:
                self._total = total
            self._update()

    def _update(self) -> None:
        if self._progress is None:
            return
        counted = f" {self._done}/{self._total}" if self._total else ""
        self._progress.update(self._task, description=f"{self._text}{counted}")
