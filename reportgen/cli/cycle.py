"""What the commands of the yearly cycle share (request, remind, review, report --level province):
their common options, parsing a date option, and printing what was written.

The documents themselves are built and written by the library (`reportgen.cycle`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from .common import echo_problems, is_quiet, project_root

FORCE_HELP = ("Ghi đè cả tệp đã được sửa tay hoặc không do reportgen tạo ra "
              "(tệp reportgen đã tạo mà chưa ai sửa thì luôn được thay).")
PDF_HELP = "Tạo thêm bản PDF (cần LibreOffice)."
ELECTRONIC_HELP = ("Văn bản điện tử: để trống số, ngày cho hệ thống quản lý văn bản cấp; kèm PDF và tệp "
                   "thông tin (.json) theo Phụ lục VI Nghị định 30/2020.")


def output_options(command):
    """`--force`, `--pdf`, `--electronic`, as every command that writes documents has them."""
    command = click.option("--electronic", is_flag=True, help=ELECTRONIC_HELP)(command)
    command = click.option("--pdf", is_flag=True, help=PDF_HELP)(command)
    return click.option("--force", is_flag=True, help=FORCE_HELP)(command)


def parse_day(text: str | None, option: str) -> date | None:
    """A date option as people type it (`15/12/2025`, `2025-12-15`); a usage error otherwise."""
    if text is None:
        return None
    from ..vn import parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint=option) from None


def report_written(ctx: click.Context, result, *, pdf: bool, describe=None) -> None:
    """Warnings, one line per document written (`describe(built)` adds a detail), the sample note and
    the PDF summary (`pdf`: PDFs were asked for, by --pdf or --electronic; exit 1 when one failed)."""
    from .build_cmd import echo_samples, finish_pdf

    quiet = is_quiet(ctx)
    echo_problems(result.warnings, quiet=quiet)
    if not quiet:
        for built in result.documents:
            written(ctx, built, describe(built) if describe else "")
        echo_samples(result)
    finish_pdf(ctx, result, pdf, quiet)


def written(ctx: click.Context, built, detail: str = "") -> None:
    """`Đã tạo outputs/2025/cong-van/CV-….docx (và .pdf, .json): <detail>` (`đã thay` for a replaced file)."""
    root = project_root(ctx)
    extra = [p.name for p in (built.pdf, getattr(built, "metadata", None)) if p is not None]
    verb = "Đã thay" if built.replaced else "Đã tạo"
    click.echo(f"{verb} {_rel(built.path, root)}" + (f" (và {', '.join(extra)})" if extra else "")
               + (f": {detail}" if detail else ""))


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
