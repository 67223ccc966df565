"""`reportgen forms --year Y`: one fill-in Excel form per body responsible in year Y."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import Problem, ReportgenError, UsageError
from .base import command
from .build_cmd import FORCE_HELP
from .common import guarded, project_root
from .options import path_for_user
from .output import finish
from .params import FOLDER, YEAR
from .progress import Activity


@command("forms", examples=[
    ("reportgen forms --year 2025", "biểu mẫu năm 2025 cho mọi cơ quan phải báo cáo"),
    ('reportgen forms --year 2025 --agency SYT --agency "sở tài chính" --force', "chỉ biểu mẫu của hai cơ quan"),
])
@click.option("--year", type=YEAR, required=True, help="Năm báo cáo của biểu mẫu.")
@click.option("--agency", "agencies", multiple=True, metavar="MÃ",
              help="Chỉ tạo biểu mẫu cho cơ quan này (mã hoặc tên; lặp lại được); mặc định mọi cơ quan phải báo cáo.")
@click.option("--out", "out_dir", type=FOLDER, help="Thư mục ghi biểu mẫu; mặc định outputs/<năm>/bieu-mau/.")
@click.option("--force", is_flag=True, help=FORCE_HELP)
@click.pass_context
@guarded
def forms_cmd(ctx: click.Context, year: int, agencies: tuple[str, ...], out_dir: Path | None, force: bool) -> None:
    """Tạo biểu mẫu Excel cho từng cơ quan: đúng nhiệm vụ và chỉ tiêu của cơ quan đó trong năm."""
    from ..files import confined
    from ..forms import generate_forms
    from ..forms.content import assignment_problem
    from ..load import load_project
    from ..manifest import Manifest
    from ..model.lookup import AgencyLookupError, lookup_message, resolve_agency
    from ..model.routing import reference_day

    root = project_root(ctx)
    with Activity(ctx, "Đang đọc dữ liệu…") as activity:
        project = load_project(root, year=year - 1)        # last year's submissions pre-fill last year's figures
        fatal = [p for p in project.errors if not _side_file(p)]   # the plan, the registry
        if fatal or project.plan is None or project.registry is None:
            raise ReportgenError(fatal or [Problem("thiếu kế hoạch hoặc danh mục cơ quan hợp lệ", code="project.incomplete")])
        plan, registry = project.plan_for(year), project.registry   # the plan as amended for year Y
        if not plan.reporting.first_year <= year <= plan.reporting.last_year:
            raise UsageError(Problem(
                f"năm {year} nằm ngoài thời gian của kế hoạch ({plan.reporting.first_year}–{plan.reporting.last_year})",
                code="usage.year.out-of-plan"))
        codes, problems = [], []
        for text in agencies:
            try:
                code = resolve_agency(registry, text, reference_day(plan, year))
            except AgencyLookupError as exc:
                problems.append(Problem(lookup_message(registry, exc, year), code=f"usage.agency.{exc.reason}"))
                continue
            why = assignment_problem(plan, registry, code, year)
            if why:
                problems.append(Problem(why, code="usage.agency.no-tasks"))
            elif code not in codes:
                codes.append(code)
        if problems:
            raise UsageError(problems)
        skipped = sorted({p.file for p in project.errors if _side_file(p)})
        warnings = [Problem("bỏ qua tệp có lỗi khi lấy số liệu năm trước (chạy «reportgen validate» để xem)", file=f,
                            severity="warning", code="forms.skipped-file") for f in skipped]
        activity.say("Đang tạo biểu mẫu")
        forms = generate_forms(plan, registry, year, codes or None, project.submissions_for(year - 1),
                               on_done=lambda done, total: activity.advance(done, total))
    folder = out_dir or root / "outputs" / str(year) / "bieu-mau"
    for name in forms:
        confined(folder / name, folder)
    manifest = Manifest(root)     # its own unchanged forms are replaced; anything else needs --force
    manifest.check([folder / name for name in forms], force=force)
    written = []
    try:
        for name, data in forms.items():
            manifest.write(folder / name, data)
            written.append(folder / name)
    finally:
        manifest.save()
    shown = _rel(folder, root)
    finish(ctx, problems=warnings,
           result={"year": year, "folder": shown, "forms": [_rel(p, root) for p in written]},
           closing=(f"Đã tạo {len(written)} biểu mẫu năm {year} trong {path_for_user(folder, root)}/. Tiếp theo: gửi mỗi cơ quan tệp mang "
                    f"mã của mình; khi nhận lại, chép vào inputs/submissions/{year}/ rồi chạy: "
                    f"reportgen validate --year {year}"))


def _side_file(problem: Problem) -> bool:
    """A problem in last year's submissions, an overlay or the secretariat's file: forms can still be made."""
    parts = Path(problem.file).parts if problem.file else ()
    return any(folder in parts for folder in ("submissions", "overlays", "secretariat"))


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
