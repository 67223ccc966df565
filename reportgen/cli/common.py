"""Helpers every command shares: the project root, printing problems, exit codes."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import ReportgenError
from .options import is_quiet, is_verbose, project_root, wants_json  # noqa: F401 - the commands' imports
from .output import (  # noqa: F401 - the exit codes and their mapping are defined once, in output
    EXIT_DONE,
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    echo_json,
    echo_problems,
    exit_code_for,
    report_error,
)
from .terminal import printable, setup_output_encoding  # noqa: F401


def fail(exc: ReportgenError) -> None:
    """Print the error's problems (or its JSON envelope) and exit with its code (1 invalid input, 2 unreadable)."""
    from .output import fail as output_fail

    output_fail(click.get_current_context(silent=True), exc)


CRASH_DIR_ENV = "REPORTGEN_CRASH_DIR"   # where the full trace of an internal error is saved


def run_guarded(cli: click.Group, args: list[str]) -> None:
    """Run the click group; whatever escapes it becomes a message and an exit code, never a traceback."""
    try:
        cli.main(args=args, prog_name="reportgen", standalone_mode=True)
    except ReportgenError as exc:  # raised outside a command's own handler
        fail(exc)
    except KeyboardInterrupt:
        interrupted()
    except BrokenPipeError:   # `reportgen status | head`: the reader left; nothing more to say
        _silence_stdout()
        sys.exit(EXIT_DONE)
    except Exception as exc:  # noqa: BLE001 - the last resort: see internal_error
        internal_error(exc, ["reportgen", *args], debug="--debug" in args)


def interrupted() -> None:
    """Ctrl-C: one line and exit 130."""
    click.echo("Đã dừng theo yêu cầu người dùng.", err=True)
    sys.exit(EXIT_INTERRUPTED)


def internal_error(exc: BaseException, argv: list[str], *, debug: bool = False, as_json: bool = False,
                   command: str = "reportgen") -> None:
    """The last resort for a bug: one Vietnamese message, the trace saved to a file, exit 3.

    No input should ever get here (the test suite fails if one does): a bad input is a
    `ReportgenError` with its file and place. `--debug` prints the trace as well.
    """
    import traceback

    trace = "".join(traceback.format_exception(exc))
    line = " ".join(argv)
    saved, why = _save_trace(trace, line)
    if debug:
        click.echo(trace, err=True, nl=False)
    where = (f"Chi tiết kỹ thuật đã được lưu vào tệp «{saved}»." if saved else
             f"Không lưu được chi tiết kỹ thuật ({why}); chạy lại lệnh với --debug để xem.")
    message = (
        f"Lỗi nội bộ: reportgen gặp sự cố ngoài dự kiến khi chạy «{line}» ({type(exc).__name__}). "
        "Đây là lỗi của chương trình, không phải của dữ liệu bạn nhập; các tệp đã có không bị thay đổi dở dang.\n"
        f"{where}\n"
        "Xin gửi tệp đó cùng lệnh đã chạy cho người phụ trách reportgen (hoặc báo lỗi tại kho mã nguồn của dự án)"
        + ("." if debug else "; thêm --debug (reportgen --debug ...) để in chi tiết ra màn hình."))
    if as_json:   # the envelope alone on stdout, as for any other end of a command
        from ..errors import Problem
        from .output import echo_json, envelope

        echo_json(envelope(command, [Problem(message.removeprefix("Lỗi nội bộ: "), file=saved, code="internal")],
                           None, EXIT_INTERNAL))
    else:
        click.echo(message, err=True)
    sys.exit(EXIT_INTERNAL)


def _save_trace(trace: str, command: str) -> tuple[str | None, str]:
    """Write the trace with what is needed to reproduce it; (path, "") or (None, reason)."""
    import os
    import platform
    import tempfile
    import time

    from .. import __version__

    folder = Path(os.environ.get(CRASH_DIR_ENV) or tempfile.gettempdir())
    stamp = time.strftime("%Y%m%d-%H%M%S")   # the only clock read: naming a crash report
    text = (f"reportgen {__version__}, Python {platform.python_version()}, {platform.platform()}\n"
            f"lệnh: {command}\nthư mục: {os.getcwd()}\n\n{trace}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, path = tempfile.mkstemp(prefix=f"reportgen-loi-{stamp}-", suffix=".txt", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        return None, exc.strerror or type(exc).__name__
    return path, ""


def _silence_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


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
