"""`reportgen validate`: check every input and list every problem, one line each."""

from __future__ import annotations

from pathlib import Path

import click

from ..load import load_project
from .base import command
from .common import guarded, project_root
from .output import EXIT_DONE, EXIT_FINDINGS, EXIT_USAGE, finish
from .params import FILE_OR_FOLDER, YEAR
from .progress import Activity


@command("validate", examples=[
    ("reportgen validate", "kiểm tra kế hoạch, danh mục cơ quan và mọi báo cáo trong inputs/"),
    ("reportgen validate --year 2025", "chỉ kiểm tra các báo cáo năm 2025"),
    ("reportgen validate inputs/submissions/2025/SYT.yaml", "chỉ kiểm tra một tệp báo cáo"),
])
@click.option("--year", type=YEAR, help="Chỉ kiểm tra báo cáo của năm này.")
@click.argument("paths", nargs=-1, type=FILE_OR_FOLDER)
@click.pass_context
@guarded
def validate_cmd(ctx: click.Context, year: int | None, paths: tuple[Path, ...]) -> None:
    """Kiểm tra dữ liệu đầu vào (kế hoạch, danh mục cơ quan, báo cáo của các đơn vị).

    ĐƯỜNG_DẪN: các tệp báo cáo (.xlsx, .yaml, .json) hoặc thư mục cần kiểm tra; bỏ trống thì
    kiểm tra cả inputs/.
    """
    files = _expand(paths)
    with Activity(ctx, "Đang đọc và kiểm tra dữ liệu…"):
        project = load_project(project_root(ctx), year=year, paths=files or None)
    if year is not None:
        project.require_year(year)
    plan = project.plan
    n_subs = sum(len(v) for v in project.submissions.values())
    counts = {"indicators": len(plan.indicators) if plan else 0, "tasks": len(plan.tasks) if plan else 0,
              "agencies": len(project.registry) if project.registry else 0, "submissions": n_subs,
              "errors": len(project.errors), "warnings": len(project.warnings)}
    exit_code = EXIT_USAGE if project.unreadable else EXIT_FINDINGS if project.errors else EXIT_DONE
    checked = (f"Đã kiểm tra {counts['indicators']} chỉ tiêu, {counts['tasks']} nhiệm vụ, "
               f"{counts['agencies']} cơ quan, {n_subs} báo cáo")
    if project.errors:
        closing = (f"{checked}: {len(project.errors)} lỗi, {len(project.warnings)} cảnh báo. "
                   "Sửa các lỗi ở tệp và dòng nêu trên rồi chạy lại reportgen validate.")
    elif not n_subs and not files:
        closing = (f"{checked}: không có lỗi. Chưa có báo cáo nào trong inputs/submissions/; tiếp theo: "
                   "reportgen plan --all --year <năm>, rồi reportgen forms --year <năm> để gửi biểu mẫu.")
    else:
        closing = (f"{checked}: không có lỗi" + (f", {len(project.warnings)} cảnh báo" if project.warnings else "")
                   + ". Tiếp theo: reportgen build" + (f" --year {year}" if year else "") + ".")
    finish(ctx, problems=project.problems, result=counts, exit_code=exit_code, closing=closing)


def _expand(paths: tuple[Path, ...]) -> list[Path]:
    """Files named on the command line, and every file inside the folders named (hidden and lock files aside)."""
    from ..load.project import SUBMISSION_SUFFIXES, is_submission_candidate

    out: list[Path] = []
    for p in paths:
        if not p.exists() and not p.is_symlink():
            raise click.BadParameter(f"không có tệp hoặc thư mục «{p}»", param_hint="ĐƯỜNG_DẪN")
        if p.is_dir() and p.suffix.lower() not in SUBMISSION_SUFFIXES:
            found = sorted(f for f in p.rglob("*") if not f.is_dir() and is_submission_candidate(f))
            if not found:
                raise click.BadParameter(f"thư mục «{p}» không có tệp báo cáo nào", param_hint="ĐƯỜNG_DẪN")
            out.extend(found)
        else:
            out.append(p)   # a folder named like a submission (`X.yaml/`) is refused when read
    return out
