"""What a command prints when it ends: problems, then its result, in Vietnamese or as one JSON envelope.

Human output is quiet on success: every error on its own line (errors are what must be
fixed), warnings grouped into one line per kind with a count ("14 số liệu ước thực hiện
ở 9 đơn vị; 6 báo cáo nộp muộn — dùng --verbose để xem từng dòng"), then the command's
own closing line. `--verbose` prints each warning; `-q` prints errors only.

`--json` prints one envelope, the same for every command (docs/json.md,
docs/json-schema.json):

    {"command": "validate", "version": "0.1.0", "ok": true, "exit_code": 0,
     "problems": [{"severity", "code", "message", "file", "line", "place"}], "result": ...}
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NoReturn

import click

from .. import __version__, errors
from ..errors import Problem, ReportgenError
from .options import is_quiet, is_verbose, wants_json
from .terminal import printable

EXIT_DONE = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130

EXIT_CODES_HELP = (
    "Mã thoát (giống nhau ở mọi lệnh): 0 xong, không có gì phải sửa; 1 có phát hiện (dữ liệu có lỗi, hai bản "
    "khác nhau, văn bản sai thể thức); 2 dùng sai lệnh hoặc không đọc được tệp đầu vào; 3 lỗi nội bộ của "
    "chương trình; 130 người dùng dừng (Ctrl-C)."
)


# --- the envelope --------------------------------------------------------------------------


def problem_json(problem: Problem) -> dict[str, Any]:
    """One problem in the envelope's shape (the keys in docs/json-schema.json, always all present)."""
    out = {"severity": problem.severity, "code": problem.code, "message": problem.message,
           "file": problem.file, "line": problem.line, "place": problem.place}
    reference = getattr(problem, "reference", None)
    if reference:
        out["reference"] = reference
    return out


# `check` reports `Finding`s (rule, severity in Vietnamese, reference); in the envelope they are
# problems like any other. This is the one place that maps them (issue #15 will merge the two types).
FINDING_SEVERITIES = {"lỗi": "error", "cảnh báo": "warning"}


def finding_problem(finding: Any, file: str) -> Problem:
    """A `check` finding as a `Problem`: code `check.<rule>`, place the paragraph or table it is in."""
    return FindingProblem(finding.message, file=file, place=finding.location,
                          severity=FINDING_SEVERITIES[finding.severity],  # type: ignore[arg-type]
                          code=f"check.{finding.rule_id}", reference=finding.reference)


@dataclass(frozen=True)
class FindingProblem(Problem):
    """A problem that also cites the rule of the decree it departs from."""

    reference: str | None = None


def envelope(command: str, problems: Iterable[Problem], result: Any, exit_code: int) -> dict[str, Any]:
    return {"command": command, "version": __version__, "ok": exit_code == EXIT_DONE, "exit_code": exit_code,
            "problems": [problem_json(p) for p in problems], "result": result}


def echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def command_name(ctx: click.Context | None) -> str:
    """`templates lint` for a subcommand of a group, `build` for a command."""
    if ctx is None:
        return "reportgen"
    parts = []
    while ctx is not None and ctx.parent is not None:
        parts.append(ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(reversed(parts)) or (ctx.info_name if ctx else "reportgen") or "reportgen"


# --- human output of problems --------------------------------------------------------------


@dataclass(frozen=True)
class WarningKind:
    """How warnings of one code are counted in the summary line."""

    text: Callable[[int, int], str]    # (warnings, files) → "14 số liệu ước thực hiện ở 9 đơn vị"


# Warnings that come in numbers, each counted in its own words. Any other code is counted
# with the first message as its example (see `_summary_part`).
WARNING_KINDS: dict[str, WarningKind] = {
    "submission.figure.estimate": WarningKind(lambda n, files: f"{n} số liệu ước thực hiện ở {files} đơn vị"),
    "submission.late": WarningKind(lambda n, files: f"{n} báo cáo nộp muộn"),
    "submission.file-type": WarningKind(lambda n, files: f"{n} tệp trong thư mục báo cáo bị bỏ qua (không phải biểu mẫu hay tệp dữ liệu)"),
    "xlsx.unreported": WarningKind(lambda n, files: f"{n} biểu mẫu còn ô chưa điền"),
}


def echo_problems(problems: Iterable[Problem], *, quiet: bool = False, verbose: bool = True) -> None:
    """Errors one per line on stderr; warnings one per line with `verbose`, else one summary line; none when quiet."""
    problems = list(problems)
    for p in problems:
        if p.severity == "error":
            click.echo(printable(str(p)), err=True)
    warnings = [p for p in problems if p.severity == "warning"]
    if quiet or not warnings:
        return
    if verbose or len(warnings) == 1:
        for p in warnings:
            click.echo(printable(str(p)), err=True)
        return
    click.echo(printable(warning_summary(warnings)), err=True)


def warning_summary(warnings: list[Problem]) -> str:
    """`Cảnh báo: 14 số liệu ước thực hiện ở 9 đơn vị; 6 báo cáo nộp muộn — dùng --verbose để xem từng dòng.`"""
    groups: dict[str, list[Problem]] = {}
    for w in warnings:
        groups.setdefault(w.code, []).append(w)
    parts = [_summary_part(code, items) for code, items in groups.items()]
    return f"Cảnh báo: {'; '.join(parts)} — dùng --verbose để xem từng dòng."


def _summary_part(code: str, items: list[Problem]) -> str:
    files = len({p.file for p in items if p.file}) or 1
    kind = WARNING_KINDS.get(code)
    if kind is not None:
        return kind.text(len(items), files)
    first = items[0]
    if len(items) == 1:
        where = f"{first.file}: " if first.file else ""
        return f"{where}{first.message}"
    return f"{len(items)} cảnh báo như «{first.message}»"


# --- ending a command ----------------------------------------------------------------------


def finish(ctx: click.Context, *, problems: Iterable[Problem] = (), result: Any = None, exit_code: int = EXIT_DONE,
           human: Callable[[], None] | None = None, closing: str | None = None) -> NoReturn:
    """Print what the command found and made, then exit with `exit_code`.

    JSON: the envelope alone on stdout. Otherwise: problems on stderr (see
    `echo_problems`), then `human()` (tables), then the closing line, both skipped with -q.
    """
    problems = list(problems)
    if wants_json(ctx):
        echo_json(envelope(command_name(ctx), problems, result, exit_code))
    else:
        echo_problems(problems, quiet=is_quiet(ctx), verbose=is_verbose(ctx))
        if not is_quiet(ctx):
            if human is not None:
                human()
            if closing:
                click.echo(closing)
    ctx.exit(exit_code)


# The library raises kinds of failure (`errors`); only here do they become exit codes and the
# remedies that name an option. The first matching kind wins; anything else is invalid input (1).
_EXIT_CODES: tuple[tuple[type[ReportgenError], int], ...] = (
    (errors.UnreadableFileError, EXIT_USAGE),   # the file cannot be read at all
    (errors.UsageError, EXIT_USAGE),            # a year, agency or link that does not exist
    (errors.SetupError, EXIT_USAGE),            # LibreOffice or the database is missing
    (errors.WriteFailedError, EXIT_USAGE),      # disk full, read-only folder
    (errors.ProjectMissingError, EXIT_USAGE),   # run from the wrong folder: a usage error, not a finding
)
_REMEDIES: tuple[tuple[type[ReportgenError], str], ...] = (
    (errors.OutputExistsError, "dùng --force để ghi đè tệp đã có (thư mục và tệp đặc biệt thì không bao giờ)"),
    (errors.OfficeMissingError, "hoặc chạy lại không có --pdf"),
    (errors.ProjectMissingError, "hoặc dùng --root <thư mục dự án>"),
)


def exit_code_for(exc: ReportgenError) -> int:
    """The exit code of a library error: 2 when the run could not start or finish, 1 for invalid input."""
    return next((code for kind, code in _EXIT_CODES if isinstance(exc, kind)), EXIT_FINDINGS)


def remedy_for(exc: ReportgenError) -> str | None:
    """The option that helps with this kind of error (`--force`, `--pdf`, `--root`), as a sentence."""
    return next((text for kind, text in _REMEDIES if isinstance(exc, kind)), None)


def report_error(exc: ReportgenError, ctx: click.Context | None = None) -> int:
    """Print the error's problems and the option that helps, if any (or the envelope); its exit code."""
    code = exit_code_for(exc)
    remedy = remedy_for(exc)
    if ctx is not None and wants_json(ctx):
        problems = list(exc.problems)
        if remedy and problems:   # the remedy goes with the first problem, as a person reads it
            first = problems[0]
            problems[0] = dataclasses.replace(first, message=f"{first.message} (gợi ý: {remedy})")
        echo_json(envelope(command_name(ctx), problems, None, code))
    else:
        echo_problems(exc.problems, quiet=is_quiet(ctx), verbose=True)
        if remedy:
            click.echo(f"Gợi ý: {remedy}.", err=True)
    return code


def fail(ctx: click.Context | None, exc: ReportgenError) -> NoReturn:
    """A `ReportgenError` that stopped a command: its problems (or envelope) and its exit code."""
    raise SystemExit(report_error(exc, ctx))
