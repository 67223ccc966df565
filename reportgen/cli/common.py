"""Helpers every command shares: the project root, printing problems, exit codes."""

from __future__ import annotations

import sys

import click

from ..errors import ReportgenError
from .options import is_quiet, is_verbose, project_root, wants_json  # noqa: F401 - the commands' imports
from .output import echo_json, echo_problems  # noqa: F401
from .terminal import printable, setup_output_encoding  # noqa: F401


def fail(exc: ReportgenError) -> None:
    """Print the error's problems (or its JSON envelope) and exit with its code (1 invalid input, 2 unreadable)."""
    from .output import fail as output_fail

    output_fail(click.get_current_context(silent=True), exc)


def run_guarded(cli: click.Group, args: list[str]) -> None:
    """Run the click group so that no traceback reaches the user for a known error."""
    try:
        cli.main(args=args, prog_name="reportgen", standalone_mode=True)
    except ReportgenError as exc:  # raised outside a command's own handler
        fail(exc)
    except KeyboardInterrupt:
        click.echo("Đã dừng theo yêu cầu người dùng.", err=True)
        sys.exit(130)


def guarded(func):
    """Decorate a command so a `ReportgenError` becomes its lines on stderr and its exit code."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ReportgenError as exc:
            from .output import fail as output_fail

            output_fail(click.get_current_context(silent=True), exc)

    return wrapper
