"""`reportgen validate`: check every input and list every problem, one line each."""

from __future__ import annotations

from pathlib import Path

import click

from ..load import load_project
from .common import echo_json, echo_problems, guarded, is_quiet, project_root


@click.command("validate")
@click.option("--year", type=int, help="Chỉ kiểm tra báo cáo của năm này.")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.pass_context
@guarded
def validate_cmd(ctx: click.Context, year: int | None, as_json: bool, paths: tuple[Path, ...]) -> None:
    """Kiểm tra dữ liệu đầu vào (kế hoạch, danh mục cơ quan, báo cáo của các đơn vị).

    PATHS: các tệp báo cáo (.yaml, .json, .xlsx) hoặc thư mục cần kiểm tra; bỏ trống thì kiểm tra cả inputs/.
    """
    files = _expand(paths)
    project = load_project(project_root(ctx), year=year, paths=files or None)
    if year is not None:
        project.require_year(year)
    n_subs = sum(len(v) for v in project.submissions.values())
    if as_json:
        echo_json({
            "indicators": len(project.plan.indicators) if project.plan else 0,
            "tasks": len(project.plan.tasks) if project.plan else 0,
            "agencies": len(project.registry) if project.registry else 0,
            "submissions": n_subs,
            "errors": [p.to_json() for p in project.errors],
            "warnings": [p.to_json() for p in project.warnings],
        })
    else:
        echo_problems(project.problems, quiet=is_quiet(ctx))
        if not is_quiet(ctx):
            plan = project.plan
            click.echo(
                f"Đã kiểm tra: {len(plan.indicators) if plan else 0} chỉ tiêu, {len(plan.tasks) if plan else 0} nhiệm vụ, "
                f"{len(project.registry) if project.registry else 0} cơ quan, {n_subs} báo cáo — "
                f"{len(project.errors)} lỗi, {len(project.warnings)} cảnh báo."
            )
    ctx.exit(2 if project.unreadable else 1 if project.errors else 0)


def _expand(paths: tuple[Path, ...]) -> list[Path]:
    from ..load.project import SUBMISSION_SUFFIXES

    out: list[Path] = []
    for p in paths:
        if not p.exists():
            raise click.BadParameter(f"không có tệp hoặc thư mục «{p}»", param_hint="PATHS")
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.suffix.lower() in SUBMISSION_SUFFIXES))
        else:
            out.append(p)
    return out
