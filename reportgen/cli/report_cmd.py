"""`reportgen report --year Y`: the consolidated report of year Y, `outputs/<Y>/BC-tong-hop-<Y>.docx`;
with `--level province`, the provincial People's Committee's report upward, `outputs/<Y>/BC-UBND-tinh-<Y>.docx`.

The consolidated report is the build limited to it: the same inputs, checks and bytes as the
document `reportgen build` writes for year Y. The province's report comes from the same
consolidation (`reportgen.cycle.province_report`).
"""

from __future__ import annotations

from pathlib import Path

import click

from .base import command
from .build_cmd import (
    ELECTRONIC_HELP,
    FORCE_HELP,
    PHASES,
    after_build_lines,
    build_result,
    pdf_problems,
)
from .common import guarded, project_root
from .output import EXIT_DONE, EXIT_FINDINGS, finish
from .params import YEAR
from .progress import Activity

KIND = "bao-cao-tong-hop"
LEVELS = {"consolidated": "báo cáo tổng hợp của cơ quan đầu mối gửi UBND tỉnh",
          "province": "báo cáo của UBND tỉnh gửi cấp trên (Tỉnh ủy, Bộ), từ cùng số liệu tổng hợp"}


@command("report", examples=[
    ("reportgen report", "báo cáo tổng hợp của năm mới nhất có báo cáo"),
    ("reportgen report --year 2024", "báo cáo tổng hợp năm 2024 (bản cũ do reportgen tạo, chưa ai sửa, được thay)"),
    ("reportgen report --year 2025 --level province", "báo cáo năm 2025 của UBND tỉnh gửi cấp trên"),
])
@click.option("--year", type=YEAR, help="Năm báo cáo (mặc định: năm mới nhất có báo cáo).")
@click.option("--level", type=click.Choice(list(LEVELS)), default="consolidated", show_default=True,
              metavar="[consolidated|province]",
              help="; ".join(f"{k}: {v}" for k, v in LEVELS.items()) + ".")
@click.option("--force", is_flag=True, help=FORCE_HELP)
@click.option("--pdf", is_flag=True, help="Tạo thêm bản PDF (cần LibreOffice).")
@click.option("--electronic", is_flag=True, help=ELECTRONIC_HELP)
@click.pass_context
@guarded
def report_cmd(ctx: click.Context, year: int | None, level: str, force: bool, pdf: bool, electronic: bool) -> None:
    """Tạo báo cáo tổng hợp năm NĂM của cơ quan đầu mối gửi UBND tỉnh (kèm phụ lục chỉ tiêu và theo dõi nộp
    báo cáo); với --level province: báo cáo của UBND tỉnh gửi cấp trên."""
    from ..pipeline import build, default_year

    root = project_root(ctx)
    if year is None and default_year(root) is None and (root / "inputs").is_dir():
        raise click.UsageError("chưa có báo cáo nào trong inputs/submissions/; hãy ghi rõ --year")
    if level == "province":
        _province(ctx, year if year is not None else default_year(root), force=force, pdf=pdf, electronic=electronic)
    with Activity(ctx, PHASES["load"]) as activity:
        result = build(root, year=year, force=force, pdf=pdf, kinds=[KIND], electronic=electronic,
                       on_phase=lambda phase: activity.say(
                           "Đang tổng hợp số liệu và vẽ biểu đồ…" if phase == "prepare" else PHASES.get(phase, phase)),
                       on_start=lambda total, phase="render": activity.say(
                           "Đang tạo báo cáo tổng hợp…" if phase == "render" else PHASES.get(phase, phase)))
    lines = [_closing(result, root), *after_build_lines(result, pdf or electronic)]
    finish(ctx, problems=[*result.warnings, *pdf_problems(result, root)], result=build_result(result, root),
           exit_code=EXIT_FINDINGS if result.pdf_failed else EXIT_DONE, closing="\n".join(lines))


def _closing(result, root: Path) -> str:
    from .cycle import written_line
    from .options import path_for_user

    lines = []
    for built in result.documents:
        context = built.spec.context
        counts, tracking = context["indicators"]["counts"], context["tracking"]["counts"]
        lines.append(written_line(built, root, f"{counts['met']}/{counts['total']} chỉ tiêu đạt hoặc vượt; "
                     f"{tracking['on_time'] + tracking['late']}/{tracking['total']} cơ quan, đơn vị đã gửi báo cáo. "
                     f"Mở tệp bằng Word để đọc; muốn sửa phần nhận định, sửa "
                     f"{path_for_user(root / 'inputs' / 'secretariat' / f'{result.year}.yaml', root)} "
                     f"rồi chạy lại: reportgen report --year {result.year}"))
    return "\n".join(lines)


def _province(ctx: click.Context, year: int, *, force: bool, pdf: bool, electronic: bool) -> None:
    """The provincial People's Committee's report of year Y (`reportgen.cycle.province_report`)."""
    from ..cycle import province_report
    from ..documents.province_report import summary_line
    from .cycle import finish_written

    with Activity(ctx, "Đang tổng hợp số liệu cho báo cáo của UBND tỉnh…"):
        result = province_report(project_root(ctx), year, force=force, pdf=pdf, electronic=electronic)
    finish_written(ctx, result, pdf=pdf or electronic, describe=lambda built: summary_line(built.spec.context),
                   next_step="Mở tệp bằng Word để đọc, rồi trình lãnh đạo UBND tỉnh ký.")
