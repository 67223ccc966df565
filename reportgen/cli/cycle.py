"""What the commands of the yearly cycle share (request, remind, review, report --level province):
their output options and how they end — warnings grouped, one closing line per document written
(where it is, what it does), the PDF and sample notes, the next step, and the same `--json`
result as build, plan and report.

The documents themselves are built and written by the library (`reportgen.cycle`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from .build_cmd import ELECTRONIC_HELP, FORCE_HELP, after_build_lines, build_result, pdf_problems
from .common import project_root
from .options import path_for_user
from .output import EXIT_DONE, EXIT_FINDINGS, finish

PDF_HELP = "Tạo thêm bản PDF (cần LibreOffice)."


def output_options(command):
    """`--force`, `--pdf`, `--electronic`, as every command that writes documents has them."""
    command = click.option("--electronic", is_flag=True, help=ELECTRONIC_HELP)(command)
    command = click.option("--pdf", is_flag=True, help=PDF_HELP)(command)
    return click.option("--force", is_flag=True, help=FORCE_HELP)(command)


def written_line(built: Any, root: Path, detail: str = "") -> str:
    """`Đã tạo 2025/cong-van/CV-….docx (và .pdf, .json): <detail>` (`Đã thay` for a replaced file)."""
    extra = [p.name for p in (built.pdf, getattr(built, "metadata", None)) if p is not None]
    verb = "Đã thay" if built.replaced else "Đã tạo"
    return (f"{verb} {path_for_user(built.path, root)}" + (f" (và {', '.join(extra)})" if extra else "")
            + (f": {detail}" if detail else ""))


def finish_written(ctx: click.Context, result: Any, *, pdf: bool, describe: Callable[[Any], str] | None = None,
                   notes: Iterable[str] = (), next_step: str | None = None,
                   extra: dict[str, Any] | None = None) -> None:
    """End a cycle command: warnings (grouped), a line per document, PDF and sample notes, the next step.

    `pdf`: PDFs were asked for (by --pdf or --electronic); a PDF that failed exits 1.
    `extra` adds keys to the JSON result (build's shape: year, output_dir, counts, documents).
    """
    root = project_root(ctx)
    lines = [written_line(b, root, describe(b) if describe else "") for b in result.documents]
    lines += after_build_lines(result, pdf)
    lines += list(notes)
    if next_step:
        lines.append(next_step)
    data = build_result(result, root)
    data.update(extra or {})
    finish(ctx, problems=[*result.warnings, *pdf_problems(result, root)], result=data,
           exit_code=EXIT_FINDINGS if result.pdf_failed else EXIT_DONE, closing="\n".join(lines) or None)
