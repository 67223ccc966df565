"""`reportgen review --from Y1 --to Y2 [--kind so-ket|tong-ket]`: the mid-term or final review over years."""

from __future__ import annotations

import click

from .common import guarded, project_root
from .cycle import output_options, report_written


@click.command("review")
@click.option("--from", "first", type=int, required=True, help="Năm đầu của giai đoạn, ví dụ 2024.")
@click.option("--to", "last", type=int, required=True, help="Năm cuối của giai đoạn, ví dụ 2027.")
@click.option("--kind", type=click.Choice(["so-ket", "tong-ket"]),
              help="Sơ kết (giữa kỳ) hoặc tổng kết (cuối kỳ); mặc định: tổng kết khi đến năm cuối của kế hoạch.")
@output_options
@click.pass_context
@guarded
def review_cmd(ctx: click.Context, first: int, last: int, kind: str | None, force: bool, pdf: bool,
               electronic: bool) -> None:
    """Tạo báo cáo sơ kết, tổng kết thực hiện kế hoạch giai đoạn --from đến --to: chỉ tiêu qua các năm so với lộ
    trình (bảng, biểu đồ), nhiệm vụ lũy kế, đánh giá, bài học, kiến nghị; nói rõ năm nào chưa có báo cáo."""
    from ..cycle import review

    result = review(project_root(ctx), first, last, kind=kind, force=force, pdf=pdf, electronic=electronic)

    def describe(built) -> str:
        frames = built.spec.frames
        detail = f"số liệu các năm {', '.join(str(y) for y in frames.data_years)}"
        if frames.missing_years:
            detail += f"; chưa có báo cáo năm {', '.join(str(y) for y in frames.missing_years)}"
        return detail + "."

    report_written(ctx, result, pdf=pdf or electronic, describe=describe)
