"""`reportgen check FILE...`: Decree 30 format findings for any .docx."""

from __future__ import annotations

from pathlib import Path

import click

from ..check import check_docx
from ..check.findings import count
from ..check.report import format_report
from ..errors import Problem, UnreadableFileError
from .base import command
from .common import is_quiet, wants_json
from .output import EXIT_DONE, EXIT_FINDINGS, EXIT_USAGE, echo_problems, finding_problem, finish
from .params import FILE
from .progress import Activity


@command("check", examples=[
    ("reportgen check outputs/2025/BC-tong-hop-2025.docx", "kiểm tra thể thức báo cáo tổng hợp (sau reportgen build)"),
    ("reportgen check --strict outputs/2025/ke-hoach/*.docx", "coi cảnh báo như lỗi, kiểm tra mọi kế hoạch"),
])
@click.argument("files", nargs=-1, required=True, type=FILE)
@click.option("--strict", is_flag=True, help="Coi cảnh báo như lỗi (mã thoát 1 khi có cảnh báo).")
@click.pass_context
def check_cmd(ctx: click.Context, files: tuple[Path, ...], strict: bool) -> None:
    """Kiểm tra thể thức văn bản .docx theo Nghị định 30/2020/NĐ-CP.

    Mã thoát: 0 không có lỗi (cảnh báo được chấp nhận, trừ khi dùng --strict),
    1 có lỗi, 2 có tệp không đọc được.
    """
    problems: list[Problem] = []
    results: list[dict] = []
    exit_code = EXIT_DONE
    with Activity(ctx, "Đang kiểm tra thể thức") as activity:
        activity.say("Đang kiểm tra thể thức", total=len(files) if len(files) > 1 else None)
        outcomes = []
        for path in files:
            try:
                outcomes.append((path, check_docx(path), None))   # only a regular file is opened (a FIFO: exit 2)
            except UnreadableFileError as exc:
                outcomes.append((path, None, exc))
            activity.advance()
    for path, findings, exc in outcomes:
        if exc is not None:
            exit_code = EXIT_USAGE
            results.append({"file": str(path), "readable": False, "errors": 0, "warnings": 0})
            problems.extend(exc.problems)
            if not wants_json(ctx):
                echo_problems(exc.problems)
            continue
        errors, warnings = count(findings)
        if (errors or (strict and warnings)) and exit_code == EXIT_DONE:
            exit_code = EXIT_FINDINGS
        results.append({"file": str(path), "readable": True, "errors": errors, "warnings": warnings})
        problems.extend(finding_problem(f, str(path)) for f in findings)
        if not wants_json(ctx):
            click.echo(format_report(str(path), findings, errors_only=is_quiet(ctx)))
    total_errors = sum(r["errors"] for r in results)
    total_warnings = sum(r["warnings"] for r in results)
    closing = None
    if len(files) > 1:
        closing = f"Đã kiểm tra {len(files)} tệp: {total_errors} lỗi, {total_warnings} cảnh báo."
    # the human report above already listed every finding, grouped: `finish` adds only the closing line
    finish(ctx, problems=problems if wants_json(ctx) else [], result={"files": results}, exit_code=exit_code,
           closing=closing)
