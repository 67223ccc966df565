"""`reportgen report --year Y`: the consolidated report of year Y, `outputs/<Y>/BC-tong-hop-<Y>.docx`.

The build limited to the consolidated report: the same inputs, checks and bytes as the
document `reportgen build` writes for year Y.
"""

from __future__ import annotations

from pathlib import Path

import click

from .base import command
from .build_cmd import FORCE_HELP, PHASES, after_build_lines, build_result, pdf_problems
from .common import guarded, project_root
from .output import EXIT_DONE, EXIT_FINDINGS, finish
from .params import YEAR
from .progress import Activity

KIND = "bao-cao-tong-hop"


@command("report", examples=[
    ("reportgen report", "báo cáo tổng hợp của năm mới nhất có báo cáo"),
    ("reportgen report --year 2024", "báo cáo tổng hợp năm 2024 (bản cũ do reportgen tạo, chưa ai sửa, được thay)"),
])
@click.option("--year", type=YEAR, help="Năm báo cáo (mặc định: năm mới nhất có báo cáo).")
@click.option("--force", is_flag=True, help=FORCE_HELP)
@click.option("--pdf", is_flag=True, help="Tạo thêm bản PDF (cần LibreOffice).")
@click.pass_context
@guarded
def report_cmd(ctx: click.Context, year: int | None, force: bool, pdf: bool) -> None:
    """Tạo báo cáo tổng hợp năm Y của cơ quan đầu mối gửi UBND tỉnh (kèm phụ lục chỉ tiêu và theo dõi nộp báo cáo)."""
    from ..pipeline import build, default_year

    root = project_root(ctx)
    if year is None and default_year(root) is None and (root / "inputs").is_dir():
        raise click.UsageError("chưa có báo cáo nào trong inputs/submissions/; hãy ghi rõ --year")
    with Activity(ctx, PHASES["load"]) as activity:
        result = build(root, year=year, force=force, pdf=pdf, kinds=[KIND],
                       on_phase=lambda phase: activity.say(
                           "Đang tổng hợp số liệu và vẽ biểu đồ…" if phase == "prepare" else PHASES.get(phase, phase)),
                       on_start=lambda total, phase="render": activity.say(
                           "Đang tạo báo cáo tổng hợp…" if phase == "render" else PHASES.get(phase, phase)))
    lines = [_closing(result, root), *after_build_lines(result, pdf)]
    finish(ctx, problems=[*result.warnings, *pdf_problems(result, root)], result=build_result(result, root),
           exit_code=EXIT_FINDINGS if result.pdf_failed else EXIT_DONE, closing="\n".join(lines))


def _closing(result, root: Path) -> str:
    from .options import path_for_user

    lines = []
    for built in result.documents:
        context = built.spec.context
        counts, tracking = context["indicators"]["counts"], context["tracking"]["counts"]
        lines.append(f"Đã tạo {path_for_user(built.path, root)}" + (f" và {built.pdf.name}" if built.pdf else "") + ": "
                     f"{counts['met']}/{counts['total']} chỉ tiêu đạt hoặc vượt; "
                     f"{tracking['on_time'] + tracking['late']}/{tracking['total']} cơ quan, đơn vị đã gửi báo cáo. "
                     f"Mở tệp bằng Word để đọc; muốn sửa phần nhận định, sửa "
                     f"{path_for_user(root / 'inputs' / 'secretariat' / f'{result.year}.yaml', root)} "
                     f"rồi chạy lại: reportgen report --year {result.year}")
    return "\n".join(lines)
