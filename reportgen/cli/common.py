"""Helpers every command shares: the project root, printing problems, exit codes."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path

import click

from ..errors import Problem, ReportgenError


def project_root(ctx: click.Context) -> Path:
    """The `--root` folder given to the group (default: the current folder)."""
    return Path((ctx.find_root().obj or {}).get("root", "."))


def is_quiet(ctx: click.Context) -> bool:
    return bool((ctx.find_root().obj or {}).get("quiet", False))


def echo_problems(problems: Iterable[Problem], *, quiet: bool = False) -> None:
    """One line per problem on stderr; warnings are skipped when quiet."""
    for p in problems:
        if quiet and p.severity == "warning":
            continue
        click.echo(str(p), err=True)


def echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def fail(exc: ReportgenError) -> None:
    """Print the error's problems and exit with its code (1 invalid input, 2 unreadable)."""
    echo_problems(exc.problems)
    sys.exit(exc.exit_code)


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
            echo_problems(exc.problems)
            raise SystemExit(exc.exit_code) from None

    return wrapper
