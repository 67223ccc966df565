"""`reportgen check FILE...`: Decree 30 format findings for any .docx."""

from __future__ import annotations

from pathlib import Path

import click

from ..check import check_docx
from ..check.findings import count
from ..check.report import format_report
from ..errors import UnreadableFileError
from .common import echo_json, echo_problems, is_quiet


@click.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON: mỗi tệp một danh sách phát hiện.")
@click.option("--strict", is_flag=True, help="Coi cảnh báo như lỗi (mã thoát 1 khi có cảnh báo).")
@click.pass_context
def check_cmd(ctx: click.Context, files: tuple[Path, ...], as_json: bool, strict: bool) -> None:
    """Kiểm tra thể thức văn bản .docx theo Nghị định 30/2020/NĐ-CP.

    Mã thoát: 0 không có lỗi (cảnh báo được chấp nhận, trừ khi dùng --strict),
    1 có lỗi, 2 có tệp không đọc được.
    """
    quiet = is_quiet(ctx)
    results: list[dict] = []
    exit_code = 0
    for path in files:
        try:
            findings = check_docx(path)   # only a regular file is opened (a FIFO, /dev/zero: exit 2)
        except UnreadableFileError as exc:
            exit_code = 2
            message = "; ".join(p.message for p in exc.problems)
            results.append({"file": str(path), "unreadable": message})
            if not as_json:
                echo_problems(exc.problems)
            continue
        errors, warnings = count(findings)
        if errors or (strict and warnings):
            exit_code = max(exit_code, 1)
        results.append({"file": str(path), "errors": errors, "warnings": warnings,
                        "findings": [f.to_json() for f in findings]})
        if not as_json:
            click.echo(format_report(str(path), findings, errors_only=quiet))
    if as_json:
        echo_json(results)
    ctx.exit(exit_code)
