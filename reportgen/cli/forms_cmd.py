"""`reportgen forms --year Y`: one fill-in Excel form per body responsible in year Y."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import Problem, ReportgenError
from .common import echo_json, guarded, is_quiet, project_root


@click.command("forms")
@click.option("--year", type=int, required=True, help="Năm báo cáo của biểu mẫu.")
@click.option("--agency", "agencies", multiple=True, metavar="MÃ",
              help="Chỉ tạo biểu mẫu cho cơ quan này (lặp lại được); mặc định mọi cơ quan phải báo cáo.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Thư mục ghi biểu mẫu; mặc định outputs/<năm>/bieu-mau/.")
@click.option("--force", is_flag=True, help="Ghi đè cả tệp đã được sửa tay hoặc không do reportgen tạo ra "
              "(tệp reportgen đã tạo mà chưa ai sửa thì luôn được thay).")
@click.option("--json", "as_json", is_flag=True, help="In danh sách tệp dạng JSON.")
@click.pass_context
@guarded
def forms_cmd(ctx: click.Context, year: int, agencies: tuple[str, ...], out_dir: Path | None,
              force: bool, as_json: bool) -> None:
    """Tạo biểu mẫu Excel cho từng cơ quan: đúng nhiệm vụ và chỉ tiêu của cơ quan đó trong năm."""
    from ..files import confined
    from ..forms import generate_forms
    from ..forms.content import assignment_problem
    from ..load import load_project
    from ..manifest import Manifest

    root = project_root(ctx)
    project = load_project(root, year=year - 1)        # last year's submissions pre-fill last year's figures
    fatal = [p for p in project.errors if not _side_file(p)]   # the plan, the registry
    if fatal or project.plan is None or project.registry is None:
        raise ReportgenError(fatal or [Problem("thiếu kế hoạch hoặc danh mục cơ quan hợp lệ")])
    plan, registry = project.plan_for(year), project.registry   # the plan as amended for year Y
    if not plan.reporting.first_year <= year <= plan.reporting.last_year:
        raise click.BadParameter(
            f"năm {year} nằm ngoài thời gian của kế hoạch ({plan.reporting.first_year}–{plan.reporting.last_year})",
            param_hint="--year")
    for code in agencies:
        problem = assignment_problem(plan, registry, code, year)
        if problem:
            raise click.BadParameter(problem, param_hint="--agency")
    skipped = sorted({p.file for p in project.errors if _side_file(p)})
    if skipped and not is_quiet(ctx):
        click.echo(f"Cảnh báo: bỏ qua các tệp có lỗi (chạy «reportgen validate» để xem): {', '.join(skipped)}",
                   err=True)
    forms = generate_forms(plan, registry, year, list(agencies) or None, project.submissions_for(year - 1))
    folder = out_dir or root / "outputs" / str(year) / "bieu-mau"
    for name in forms:
        confined(folder / name, folder)
    manifest = Manifest(root)
    manifest.check([folder / name for name in forms], force=force)
    written = []
    try:
        for name, data in forms.items():
            manifest.write(folder / name, data)
            written.append(str(folder / name))
    finally:
        manifest.save()
    if as_json:
        echo_json({"year": year, "forms": written})
    elif not is_quiet(ctx):
        click.echo(f"Đã tạo {len(written)} biểu mẫu năm {year} trong «{folder}».")


def _side_file(problem: Problem) -> bool:
    """A problem in last year's submissions, an overlay or the secretariat's file: forms can still be made."""
    parts = Path(problem.file).parts if problem.file else ()
    return any(folder in parts for folder in ("submissions", "overlays", "secretariat"))
