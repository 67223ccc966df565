"""`reportgen report --year Y`: the consolidated report of year Y, `outputs/<Y>/BC-tong-hop-<Y>.docx`.

The build limited to the consolidated report: the same inputs, checks and bytes as the
document `reportgen build` writes for year Y.
"""

from __future__ import annotations

import click

from .build_cmd import echo_samples, finish_pdf
from .common import echo_problems, guarded, is_quiet, project_root

KIND = "bao-cao-tong-hop"


@click.command("report")
@click.option("--year", type=int, help="Năm báo cáo (mặc định: năm mới nhất có báo cáo).")
@click.option("--level", type=click.Choice(["consolidated", "province"]), default="consolidated", show_default=True,
              help="consolidated: báo cáo tổng hợp của cơ quan đầu mối gửi UBND tỉnh; province: báo cáo của UBND "
                   "tỉnh gửi cấp trên (Tỉnh ủy, Bộ), từ cùng số liệu tổng hợp.")
@click.option("--force", is_flag=True, help="Ghi đè cả tệp đã được sửa tay hoặc không do reportgen tạo ra "
              "(tệp reportgen đã tạo mà chưa ai sửa thì luôn được thay).")
@click.option("--pdf", is_flag=True, help="Tạo thêm bản PDF (cần LibreOffice).")
@click.option("--electronic", is_flag=True, help="Văn bản điện tử: để trống số, ngày cho hệ thống quản lý văn bản "
              "cấp; kèm PDF và tệp thông tin (.json) theo Phụ lục VI Nghị định 30/2020.")
@click.pass_context
@guarded
def report_cmd(ctx: click.Context, year: int | None, level: str, force: bool, pdf: bool, electronic: bool) -> None:
    """Tạo báo cáo tổng hợp năm Y của cơ quan đầu mối gửi UBND tỉnh (kèm phụ lục chỉ tiêu và theo dõi nộp báo cáo);
    với --level province: báo cáo của UBND tỉnh gửi cấp trên."""
    from ..pipeline import build, default_year

    root = project_root(ctx)
    if year is None and default_year(root) is None:
        raise click.UsageError("chưa có báo cáo nào trong inputs/submissions/; hãy ghi rõ --year")
    if level == "province":
        _province(ctx, year if year is not None else default_year(root), force=force, pdf=pdf, electronic=electronic)
        return
    result = build(root, year=year, force=force, pdf=pdf, kinds=[KIND], electronic=electronic)
    quiet = is_quiet(ctx)
    echo_problems(result.warnings, quiet=quiet)
    if not quiet:
        _summary(result)
        echo_samples(result)
    finish_pdf(ctx, result, pdf, quiet)


def _summary(result) -> None:
    for built in result.documents:
        context = built.spec.context
        counts, tracking = context["indicators"]["counts"], context["tracking"]["counts"]
        click.echo(f"Đã tạo {built.path}" + (f" và {built.pdf.name}" if built.pdf else "") + ": "
                   f"{counts['met']}/{counts['total']} chỉ tiêu đạt hoặc vượt; "
                   f"{tracking['on_time'] + tracking['late']}/{tracking['total']} cơ quan, đơn vị đã gửi báo cáo.")


def _province(ctx: click.Context, year: int, *, force: bool, pdf: bool, electronic: bool) -> None:
    """The provincial People's Committee's report of year Y (`reportgen.cycle.province_report`)."""
    from ..cycle import province_report
    from ..documents.province_report import summary_line
    from .cycle import report_written

    result = province_report(project_root(ctx), year, force=force, pdf=pdf, electronic=electronic)
    report_written(ctx, result, pdf=pdf or electronic, describe=lambda built: summary_line(built.spec.context))
