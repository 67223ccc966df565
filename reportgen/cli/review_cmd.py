"""`reportgen review --from Y1 --to Y2 [--kind so-ket|tong-ket]`: the mid-term or final review over years."""

from __future__ import annotations

import click

from .base import command
from .common import guarded, project_root
from .cycle import finish_written, output_options
from .params import YEAR
from .progress import Activity


@command("review", examples=[
    ("reportgen review --from 2024 --to 2025 --kind so-ket", "báo cáo sơ kết hai năm 2024–2025 "
     "(outputs/2025/BC-so-ket-2024-2025.docx)"),
])
@click.option("--from", "first", type=YEAR, required=True, help="Năm đầu của giai đoạn, ví dụ 2024.")
@click.option("--to", "last", type=YEAR, required=True, help="Năm cuối của giai đoạn, ví dụ 2027.")
@click.option("--kind", type=click.Choice(["so-ket", "tong-ket"]), metavar="[so-ket|tong-ket]",
              help="Sơ kết (giữa kỳ) hoặc tổng kết (cuối kỳ); mặc định: tổng kết khi đến năm cuối của kế hoạch.")
@output_options
@click.pass_context
@guarded
def review_cmd(ctx: click.Context, first: int, last: int, kind: str | None, force: bool, pdf: bool,
               electronic: bool) -> None:
    """Tạo báo cáo sơ kết, tổng kết thực hiện kế hoạch giai đoạn --from đến --to: chỉ tiêu qua các năm so với lộ
    trình (bảng, biểu đồ), nhiệm vụ lũy kế, đánh giá, bài học, kiến nghị; nói rõ năm nào chưa có báo cáo."""
    from ..cycle import review

    with Activity(ctx, f"Đang tổng hợp số liệu {first}–{last} và vẽ biểu đồ…"):
        result = review(project_root(ctx), first, last, kind=kind, force=force, pdf=pdf, electronic=electronic)

    def describe(built) -> str:
        frames = built.spec.frames
        detail = f"số liệu các năm {', '.join(str(y) for y in frames.data_years)}"
        if frames.missing_years:
            detail += f"; chưa có báo cáo năm {', '.join(str(y) for y in frames.missing_years)}"
        return detail + "."

    finish_written(ctx, result, pdf=pdf or electronic, describe=describe,
                   next_step="Mở tệp bằng Word để đọc; sửa phần đánh giá trong inputs/secretariat/ rồi chạy lại lệnh này.")
