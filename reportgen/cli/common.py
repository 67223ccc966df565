"""Helpers every command shares: the project root, printing problems, exit codes."""

from __future__ import annotations

import codecs
import functools
import json
import re
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import click

from .. import errors
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
        click.echo(printable(str(p)), err=True)


# The library raises kinds of failure; only here do they become exit codes and the remedies
# that name an option. The first matching kind wins; anything else is invalid input (1).
_EXIT_CODES: tuple[tuple[type[ReportgenError], int], ...] = (
    (errors.UnreadableFileError, 2),   # the file cannot be read at all
    (errors.UsageError, 2),            # a year, agency or link that does not exist
    (errors.SetupError, 2),            # LibreOffice or the database is missing
    (errors.WriteFailedError, 2),      # disk full, read-only folder
)
_REMEDIES: tuple[tuple[type[ReportgenError], str], ...] = (
    (errors.OutputExistsError, "dùng --force để ghi đè tệp đã có (thư mục và tệp đặc biệt thì không bao giờ)"),
    (errors.OfficeMissingError, "hoặc chạy lại không có --pdf"),
    (errors.ProjectMissingError, "hoặc dùng --root <thư mục dự án>"),
)


def exit_code_for(exc: ReportgenError) -> int:
    """The exit code of a library error: 2 when the run could not start or finish, 1 for invalid input."""
    return next((code for kind, code in _EXIT_CODES if isinstance(exc, kind)), 1)


def report_error(exc: ReportgenError) -> int:
    """Print the error's problems (and the option that helps, if any) on stderr; its exit code."""
    echo_problems(exc.problems)
    remedy = next((text for kind, text in _REMEDIES if isinstance(exc, kind)), None)
    if remedy:
        click.echo(f"Gợi ý: {remedy}.", err=True)
    return exit_code_for(exc)


# Control characters (a NUL, an escape sequence that would drive the terminal, a newline
# that would split one problem over two lines) and bidi controls from input data are shown
# as escapes, never sent to the terminal as they are.
_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def printable(text: str) -> str:
    """`text` with control and bidi characters written as `\\xNN` / `\\uNNNN` escapes."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def setup_output_encoding() -> None:
    """Make stdout and stderr print whatever their encoding, instead of crashing.

    Redirected output on a Vietnamese Windows machine is often `cp1258`, which has no
    precomposed `ệ` or `ữ`; `PYTHONIOENCODING` can name any code page. When a stream cannot
    encode Vietnamese, characters it lacks are written the way that code page writes
    Vietnamese (a base letter and combining tone marks), else without their marks, else
    as a close ASCII sign (`→` as `->`), else `?`: the text stays readable.
    """
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "ascii"
        if _encodes("Lỗi: Ủy ban nhân dân đã ghi", encoding):
            continue
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        # The handler must know the stream's encoding: a charmap codec reports itself as "charmap".
        handler = f"reportgen-fallback-{encoding.lower()}"
        codecs.register_error(handler, functools.partial(_fallback, encoding=encoding))
        try:
            reconfigure(errors=handler)
        except (ValueError, OSError):
            pass


_TONES = "\u0300\u0301\u0303\u0309\u0323"
_ASCII = {"→": "->", "←": "<-", "…": "...", "✓": "v", "✔": "v", "✗": "x", "✘": "x", "≥": ">=", "≤": "<=",
          "–": "-", "—": "-", "−": "-", "«": '"', "»": '"', "“": '"', "”": '"', "‘": "'", "’": "'", "•": "*",
          "×": "x", "÷": ":", "≠": "!=", "━": "-", "─": "-", "│": "|", "┃": "|", "┏": "+", "┓": "+", "┗": "+",
          "┛": "+", "┡": "+", "┩": "+", "╇": "+", "┳": "+", "┻": "+", "╋": "+", "┼": "+", "├": "+", "┤": "+",
          "┌": "+", "┐": "+", "└": "+", "┘": "+", "┬": "+", "┴": "+", "═": "=", "║": "|"}


def _fallback(exc: UnicodeError, *, encoding: str) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    return "".join(_closest(ch, encoding) for ch in exc.object[exc.start:exc.end]), exc.end


def _closest(ch: str, encoding: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch)
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    tones = "".join(c for c in decomposed if c in _TONES)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    for candidate in (base + tones, unicodedata.normalize("NFD", ch), base, bare.replace("đ", "d").replace("Đ", "D"),
                      _ASCII.get(ch, "")):
        if candidate and candidate != ch and _encodes(candidate, encoding):
            return candidate
    return "?"


def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
        return True
    except (UnicodeEncodeError, LookupError):
        return False


def echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def fail(exc: ReportgenError) -> None:
    """Print the error's problems and exit with its code (1 invalid input, 2 unreadable)."""
    sys.exit(report_error(exc))


EXIT_DONE = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130
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


def internal_error(exc: BaseException, argv: list[str], *, debug: bool = False) -> None:
    """The last resort for a bug: one Vietnamese message, the trace saved to a file, exit 3.

    No input should ever get here (the test suite fails if one does): a bad input is a
    `ReportgenError` with its file and place. `--debug` prints the trace as well.
    """
    import traceback

    trace = "".join(traceback.format_exception(exc))
    command = " ".join(argv)
    saved, why = _save_trace(trace, command)
    if debug:
        click.echo(trace, err=True, nl=False)
    where = (f"Chi tiết kỹ thuật đã được lưu vào tệp «{saved}»." if saved else
             f"Không lưu được chi tiết kỹ thuật ({why}); chạy lại lệnh với --debug để xem.")
    click.echo(
        f"Lỗi nội bộ: reportgen gặp sự cố ngoài dự kiến khi chạy «{command}» ({type(exc).__name__}). "
        "Đây là lỗi của chương trình, không phải của dữ liệu bạn nhập; các tệp đã có không bị thay đổi dở dang.\n"
        f"{where}\n"
        "Xin gửi tệp đó cùng lệnh đã chạy cho người phụ trách reportgen (hoặc báo lỗi tại kho mã nguồn của dự án)"
        + ("." if debug else "; thêm --debug (reportgen --debug ...) để in chi tiết ra màn hình."),
        err=True)
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
            raise SystemExit(report_error(exc)) from None

    return wrapper
