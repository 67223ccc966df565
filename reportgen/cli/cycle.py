"""What the commands of the yearly cycle share (request, remind, review, report --level province):
loading the project for a year, parsing a date option, writing documents and printing what was written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..errors import Problem, ReportgenError
from .common import echo_problems, is_quiet, project_root


def load_for_year(ctx: click.Context, year: int, *, need_submissions: bool):
    """The project loaded for year Y, valid; a letter sent before any report arrives ignores the submissions' problems."""
    from ..load import load_project

    project = load_project(project_root(ctx), year=year)
    if project.plan is None or project.registry is None:
        raise ReportgenError(project.errors or [Problem("thiếu kế hoạch hoặc danh mục cơ quan")])
    first, last = project.plan.reporting.first_year, project.plan.reporting.last_year
    if not first <= year <= last:
        raise click.BadParameter(f"năm {year} nằm ngoài thời gian của kế hoạch ({first}–{last})", param_hint="--year")
    if not need_submissions:
        project.problems = [p for p in project.problems if not _under_submissions(p.file)]
    project.require_valid()
    return project


def parse_day(text: str | None, option: str) -> date | None:
    """A date option as people type it (`15/12/2025`, `2025-12-15`); a usage error otherwise."""
    if text is None:
        return None
    from ..vn import parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint=option) from None


def write_documents(ctx: click.Context, year: int, specs: list, warnings: list[Problem], *, force: bool, pdf: bool,
                    electronic: bool = False) -> list:
    """Render and write `specs` under `outputs/<year>/` (checks before writing; PDF and e-office metadata if asked)."""
    from ..pipeline import render_specs

    if pdf or electronic:
        from ..render.pdf import require_soffice

        require_soffice()
    result = render_specs(project_root(ctx), year, specs, warnings, force=force, pdf=pdf or electronic,
                          electronic=electronic)
    echo_problems(result.warnings, quiet=is_quiet(ctx))
    return result.documents


def written(ctx: click.Context, built, detail: str = "") -> None:
    """`Đã tạo outputs/2025/cong-van/CV-….docx (và .pdf, .json): <detail>`."""
    if is_quiet(ctx):
        return
    root = project_root(ctx)
    extra = [p.name for p in (built.pdf, getattr(built, "metadata", None)) if p is not None]
    click.echo(f"Đã tạo {_rel(built.path, root)}" + (f" (và {', '.join(extra)})" if extra else "")
               + (f": {detail}" if detail else ""))


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _under_submissions(file: str | None) -> bool:
    return bool(file) and Path(file).parts[:2] == ("inputs", "submissions")
